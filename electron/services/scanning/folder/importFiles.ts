import type { Stats } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppFailure, type AppError } from '../../../../shared/result';
import type { ScanSink } from '../backend';
import { scanFailure } from '../failure';
import { splitFile } from '../pipeline/splitFile';
import { sha256Hex } from '../store';
import type { ImportedFiles } from './importedFiles';

/** What a hot folder takes; anything else there (temp files, notes) is not a scan and is left alone. */
export const SCAN_EXTENSIONS = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff']);
export const isScanFile = (path: string): boolean => SCAN_EXTENSIONS.has(extname(path).toLowerCase());

/** One dropped file may not exceed this (a 30-page 300-dpi colour PDF is ~40 MB). */
export const MAX_SCAN_FILE_BYTES = 64 * 1024 * 1024;

/** Files still being written: skip if modified this recently and still changing. */
const SETTLE_MS = 400;

export type ImportReport = {
  files: number;
  pages: number;
  alreadyImported: number;
  rejected: { file: string; code: string; message: string }[];
};

/** Failures that belong to one file (it is reported and skipped); anything else stops the run. */
const FILE_PROBLEMS = new Set(['FILE_UNREADABLE', 'FILE_TOO_LARGE', 'FORMAT_UNSUPPORTED']);
const fileProblem = (e: unknown): AppError | null => (e instanceof AppFailure && FILE_PROBLEMS.has(e.error.code) ? e.error : null);

/**
 * The files that are complete: a file modified in the last moments may still be being written (a
 * network scanner streaming a PDF); it is looked at again once, and left for the next run if it
 * is still changing. (The watcher adds chokidar's awaitWriteFinish on top.)
 */
async function settledFiles(files: readonly string[]): Promise<{ file: string; st: Stats }[]> {
  const first = await Promise.all(files.map(async (file) => ({ file, st: await stat(file).catch(() => null) })));
  const present = first.filter((f): f is { file: string; st: Stats } => f.st?.isFile() === true);
  if (!present.some((f) => Date.now() - f.st.mtimeMs < SETTLE_MS)) return present;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const again = await Promise.all(present.map(async (f) => ({ file: f.file, before: f.st, st: await stat(f.file).catch(() => null) })));
  return again
    .filter((f): f is { file: string; before: Stats; st: Stats } => f.st !== null && f.st.size === f.before.size && f.st.mtimeMs === f.before.mtimeMs)
    .map(({ file, st }) => ({ file, st }));
}

/** Scan files of a folder in name order (how scanners number their output). */
export async function listScanFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw scanFailure('HOT_FOLDER_UNAVAILABLE', dir);
  }
  return names.filter(isScanFile).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((n) => join(dir, n));
}

/**
 * Imports files in order, each once: pages go to the sink in file order; a file is recorded as
 * imported only after all its pages are stored, so a kill -9 mid-file re-offers the file and the
 * pages already stored are recognised by their keys. Bad files are reported, recorded (so they
 * are not retried until they change) and left where they are — never deleted.
 */
export async function importFiles(
  files: readonly string[],
  deps: { sink: ScanSink; memory: ImportedFiles; batchId: number; now: () => string; signal?: AbortSignal; inFlight?: number },
): Promise<ImportReport> {
  const report: ImportReport = { files: 0, pages: 0, alreadyImported: 0, rejected: [] };
  const pending: Promise<void>[] = [];
  const reject = (file: string, id: { path: string; size: number; mtimeMs: number }, sha256: string, error: AppError) => {
    deps.memory.record(id, { sha256, batchId: deps.batchId, pages: 0, outcome: 'rejected', error }, deps.now());
    report.rejected.push({ file: basename(file), code: error.code, message: error.message });
    deps.sink.problem(basename(file), error);
  };

  for (const { file, st } of await settledFiles(files)) {
    if (deps.signal?.aborted) break;
    const id = { path: file, size: st.size, mtimeMs: st.mtimeMs };
    if (deps.memory.seen(id)) {
      report.alreadyImported++;
      continue;
    }
    if (st.size > MAX_SCAN_FILE_BYTES) {
      reject(file, id, '', scanFailure('FILE_TOO_LARGE', `${basename(file)}：${Math.round(st.size / 1048576)} MB，上限 ${MAX_SCAN_FILE_BYTES / 1048576} MB`).error);
      continue;
    }
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) {
      reject(file, id, '', scanFailure('FILE_UNREADABLE', basename(file)).error);
      continue;
    }
    const sha256 = sha256Hex(bytes);
    if (deps.memory.contentImported(sha256)) {
      deps.memory.record(id, { sha256, batchId: deps.batchId, pages: 0, outcome: 'duplicate' }, deps.now());
      report.alreadyImported++;
      continue;
    }
    let pages;
    try {
      pages = await splitFile(basename(file), bytes, sha256);
    } catch (e) {
      const problem = fileProblem(e);
      if (!problem) throw e;
      reject(file, id, sha256, problem);
      continue;
    }
    report.files++;
    report.pages += pages.length;
    const commits = pages.map((p) => deps.sink.page(p));
    pending.push(
      Promise.all(commits).then(
        () => deps.memory.record(id, { sha256, batchId: deps.batchId, pages: pages.length, outcome: 'imported' }, deps.now()),
        (e: unknown) => {
          const problem = fileProblem(e);
          if (!problem) throw e; // disk full, database trouble: stop the run; the file is retried next time
          reject(file, id, sha256, problem);
        },
      ),
    );
    // A few files in flight keep both cores busy without holding a whole stack in memory.
    if (pending.length >= (deps.inFlight ?? 3)) await pending.shift();
  }
  await Promise.all(pending);
  return report;
}

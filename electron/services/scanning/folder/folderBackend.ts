import { existsSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { watch } from 'chokidar';
import type { WritableDb } from '../../db/open';
import type { Logger } from '../../logging/logger';
import { nativeId, type DeviceInfo, type ScannerBackend, type ScanRequest, type ScanSink } from '../backend';
import { scanFailure } from '../failure';
import { importedFiles } from './importedFiles';
import { importFiles, isScanFile, listScanFiles } from './importFiles';

export type FolderBackendOptions = {
  db: WritableDb;
  /** The hot folders this workstation watches (where network scanners drop their files). */
  folders: () => string[];
  now: () => string;
  /** Quiet time after the last new file before a drop is imported as one stack. */
  settleMs?: number;
  /** chokidar's awaitWriteFinish: a file must keep its size this long before it is read. */
  writeFinishMs?: number;
  logger?: Logger;
};

/**
 * A hot folder as a scanner: "scanning" imports what is already there, then watches (chokidar) and
 * imports each new drop once it has stopped growing, until the clerk ends the session. Files are
 * never moved or deleted; the database remembers what was taken in (importedFiles).
 */
export function createFolderBackend(options: FolderBackendOptions): ScannerBackend {
  return {
    id: 'folder',

    async listDevices(): Promise<DeviceInfo[]> {
      return options.folders().map((dir) => ({
        id: `folder:${dir}`,
        backend: 'folder' as const,
        label: `收件資料夾 ${dir}`,
        capabilities: { sources: ['adf'], resolutions: [], colorModes: ['gray', 'color', 'bw'], duplex: false },
      }));
    },

    async scan(deviceId: string, request: ScanRequest, sink: ScanSink, signal: AbortSignal) {
      const dir = nativeId(deviceId, 'folder');
      if (!existsSync(dir)) {
        try {
          mkdirSync(dir, { recursive: true });
        } catch {
          throw scanFailure('HOT_FOLDER_UNAVAILABLE', dir);
        }
      }
      const memory = importedFiles(options.db);
      // Ends on the clerk's cancel, or on a failure that stops the run (disk full).
      const stop = new AbortController();
      const onAbort = () => stop.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      const deps = { sink, memory, batchId: request.batchId, now: options.now, signal: stop.signal };
      sink.progress(null);
      let pages = 0;
      let queue: Promise<void> = Promise.resolve();
      let failure: unknown = null;
      const importNow = (files: string[]) => {
        queue = queue.then(async () => {
          if (failure || !files.length) return;
          try {
            const report = await importFiles(files, deps);
            pages += report.pages;
            await sink.settle();
            if (report.files || report.rejected.length) options.logger?.info({ batch: request.batchId, files: report.files, pages: report.pages, rejected: report.rejected.length }, 'hot folder drop imported');
          } catch (e) {
            failure = e;
            stop.abort();
          }
        });
      };

      // Watch first, then take what is already there: nothing dropped meanwhile slips through
      // (a file seen twice is recognised by the database).
      const pending = new Set<string>();
      let timer: NodeJS.Timeout | undefined;
      const watcher = watch(dir, {
        ignoreInitial: true,
        depth: 0,
        awaitWriteFinish: { stabilityThreshold: options.writeFinishMs ?? 800, pollInterval: 100 },
        ignored: (path, stats) => stats?.isFile() === true && !isScanFile(path),
      });
      const onFile = (path: string) => {
        if (!isScanFile(path)) return;
        pending.add(path);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const files = [...pending].sort((a, b) => basename(a).localeCompare(basename(b), 'en', { numeric: true }));
          pending.clear();
          importNow(files);
        }, options.settleMs ?? 600);
      };
      watcher.on('add', onFile).on('change', onFile);
      watcher.on('error', (e) => options.logger?.warn({ err: (e as Error).message }, 'hot folder watch error'));
      await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
      importNow(await listScanFiles(dir));

      if (signal.aborted) stop.abort();
      await new Promise<void>((resolve) => (stop.signal.aborted ? resolve() : stop.signal.addEventListener('abort', () => resolve(), { once: true })));
      // Files still settling stay in the folder for the next session (they were not recorded).
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      await watcher.close();
      await queue;
      if (failure) throw failure;
      return { pages };
    },
  };
}

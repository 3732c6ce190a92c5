import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger';
import { nativeId, type DeviceInfo, type ScannedPage, type ScannerBackend, type ScanRequest, type ScanSink } from '../backend';
import { scanFailure } from '../failure';
import { saneDetail, saneErrorCode } from './saneErrors';
import { parseSaneOptions, saneCapabilities, saneMaxArea, saneModes, saneSources, type SaneOption } from './saneOptions';
import { spoolKey, spoolName } from '../spool';

export type SaneOptions = {
  /** `scanimage` (from sane-utils). */
  command?: string;
  /** Environment for scanimage, e.g. SANE_CONFIG_DIR pointing at a test configuration. */
  env?: NodeJS.ProcessEnv;
  /** Added to every scan (tests: `--test-picture Grid`, `--read-return-value SANE_STATUS_JAMMED`). */
  extraArgs?: string[];
  /** Listing devices may probe the network (airscan, net backends): bound it. */
  listTimeoutMs?: number;
  /** No output from scanimage for this long during a scan: the device hangs. */
  stallTimeoutMs?: number;
  logger?: Logger;
};

type Run = { code: number | null; stdout: string; stderr: string; missing: boolean };

const A4 = { x: 210, y: 297 };
const PAGE_FILE = /^p(\d{4})\.png$/;

/**
 * SANE through `scanimage` (Linux; also macOS with sane-backends). Always `--format=png` (else
 * PNM data lands in a .png name) and `--batch` into the batch's work folder, so a stack is read
 * page by page as the feeder pulls it and every finished page survives a crash of this process.
 */
export function createSaneBackend(options: SaneOptions = {}): ScannerBackend {
  const command = options.command ?? 'scanimage';
  const env = { ...process.env, ...options.env };

  const run = (args: string[], timeoutMs: number): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ code: null, stdout, stderr: e.message, missing: e.code === 'ENOENT' });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, missing: false });
      });
    });

  const describe = async (device: string): Promise<Map<string, SaneOption>> => {
    const r = await run(['-d', device, '-A'], options.listTimeoutMs ?? 20_000);
    if (r.missing) throw scanFailure('SCANNER_UNAVAILABLE', '未安裝 SANE（scanimage）');
    if (r.code !== 0) throw scanFailure(saneErrorCode(r.stderr, r.code) ?? 'SCANNER_NOT_FOUND', saneDetail(r.stderr));
    return parseSaneOptions(r.stdout);
  };

  return {
    id: 'sane',

    async listDevices(): Promise<DeviceInfo[]> {
      const r = await run(['-f', '%d\t%v\t%m\t%t%n'], options.listTimeoutMs ?? 20_000);
      if (r.missing || r.code !== 0) {
        if (!r.missing) options.logger?.warn({ code: r.code, detail: saneDetail(r.stderr) }, 'scanimage could not list devices');
        return [];
      }
      const devices: DeviceInfo[] = [];
      for (const line of r.stdout.split('\n').filter((l) => l.includes('\t'))) {
        const [name, vendor, model, type] = line.split('\t');
        try {
          const caps = saneCapabilities(await describe(name!));
          devices.push({ id: `sane:${name}`, backend: 'sane', label: `${vendor} ${model}（${type}，SANE ${name}）`, capabilities: caps });
        } catch (e) {
          options.logger?.warn({ device: name, err: (e as Error).message }, 'SANE device skipped');
        }
      }
      return devices;
    },

    async scan(deviceId: string, request: ScanRequest, sink: ScanSink, signal: AbortSignal) {
      const device = nativeId(deviceId, 'sane');
      const opts = await describe(device);
      const sources = saneSources(opts);
      const modes = saneModes(opts);
      const args = ['-d', device, '--format=png', `--batch=${join(request.workDir, 'p%04d.png')}`]; // = spoolName(n, 'png')
      if (request.source === 'flatbed') {
        if (sources.flatbed === undefined) throw scanFailure('SCANNER_OPTION_UNSUPPORTED', '此掃描器沒有平台');
        if (sources.flatbed) args.push('--source', sources.flatbed);
        args.push('--batch-count=1');
      } else {
        const name = request.duplex && sources.adfDuplex ? sources.adfDuplex : (sources.adf ?? sources.adfDuplex);
        if (name === undefined) throw scanFailure('SCANNER_OPTION_UNSUPPORTED', '此掃描器沒有自動進紙器');
        args.push('--source', name);
        if (request.duplex && !sources.adfDuplex && /duplex/i.test(opts.get('--adf-mode')?.values ?? '')) args.push('--adf-mode', 'Duplex');
      }
      const mode = modes[request.colorMode] ?? modes.gray;
      if (mode) args.push('--mode', mode);
      if (opts.has('--resolution')) args.push('--resolution', String(request.resolution));
      const area = saneMaxArea(opts);
      if (area) args.push('-x', String(Math.min(A4.x, area.x)), '-y', String(Math.min(A4.y, area.y)));
      args.push(...(options.extraArgs ?? []));

      await mkdir(request.workDir, { recursive: true });
      sink.progress(request.source === 'flatbed' ? 1 : request.expectedPages);
      const delivered = new Set<number>();
      let pages = 0;
      let chain: Promise<void> = Promise.resolve();
      let failure: unknown = null;
      /** Hands finished page files to the sink, in page order, each once. */
      const deliverUpTo = (last: number) => {
        chain = chain.then(async () => {
          const files = (await readdir(request.workDir)).map((f) => PAGE_FILE.exec(f)).filter((m): m is RegExpExecArray => m !== null);
          for (const n of files.map((m) => Number(m[1])).sort((a, b) => a - b)) {
            if (n > last || delivered.has(n)) continue;
            delivered.add(n);
            const file = join(request.workDir, spoolName(n, 'png'));
            if (!(await stat(file).catch(() => null))?.size) continue; // status ≠ good: no page
            const page: ScannedPage = { key: spoolKey(request.batchId, n), name: `第 ${n} 頁`, bytes: await readFile(file), dpi: request.resolution };
            pages++;
            await sink.page(page).catch((e: unknown) => {
              failure ??= e;
            });
          }
        });
      };

      const result = await new Promise<{ code: number | null; stderr: string; cancelled: boolean; stalled: boolean; missing: boolean }>((resolve) => {
        const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        let cancelled = false;
        let stalled = false;
        let watchdog: NodeJS.Timeout;
        const arm = () => {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            stalled = true;
            child.kill('SIGKILL');
          }, options.stallTimeoutMs ?? 120_000);
        };
        arm();
        const onAbort = () => {
          cancelled = true;
          child.kill('SIGTERM'); // scanimage cancels the device on the first signal
        };
        signal.addEventListener('abort', onAbort, { once: true });
        child.stderr.on('data', (d: Buffer) => {
          arm();
          stderr += d.toString();
          for (const m of d.toString().matchAll(/Scanned page (\d+)\./g)) deliverUpTo(Number(m[1]));
        });
        child.on('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(watchdog);
          signal.removeEventListener('abort', onAbort);
          resolve({ code: null, stderr: e.message, cancelled, stalled, missing: e.code === 'ENOENT' });
        });
        child.on('close', (code) => {
          clearTimeout(watchdog);
          signal.removeEventListener('abort', onAbort);
          resolve({ code, stderr, cancelled, stalled, missing: false });
        });
      });
      deliverUpTo(Number.MAX_SAFE_INTEGER); // pages finished but not yet announced
      await chain;
      if (failure) throw failure;
      if (result.missing) throw scanFailure('SCANNER_UNAVAILABLE', '未安裝 SANE（scanimage）');
      if (result.cancelled) return { pages };
      if (result.stalled) throw scanFailure('SCAN_TIMEOUT', device);
      const code = saneErrorCode(result.stderr, result.code);
      // A feeder running out after some pages is the normal end of a stack.
      if (code && !(code === 'ADF_EMPTY' && pages > 0)) {
        options.logger?.warn({ device, code, exit: result.code }, 'scan ended with an error');
        throw scanFailure(code, saneDetail(result.stderr));
      }
      return { pages };
    },
  };
}

import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import type { ScanErrorCode } from '../../../../shared/scanning/errors';
import { z } from '../../../../shared/zod';
import type { Logger } from '../../logging/logger';
import { nativeId, type DeviceInfo, type ScannerBackend, type ScanRequest, type ScanSink } from '../backend';
import { scanFailure } from '../failure';
import { spoolKey } from '../spool';
import { LIST_SCRIPT, SCAN_SCRIPT, WIA } from './wiaScripts';

/** WIA HRESULTs (wia.h) → our codes. */
const HRESULTS: Record<string, ScanErrorCode> = {
  '0x80210002': 'PAPER_JAM',
  '0x80210003': 'ADF_EMPTY',
  '0x80210004': 'PAPER_JAM', // paper problem
  '0x80210005': 'SCANNER_NOT_FOUND', // offline
  '0x80210006': 'SCANNER_BUSY',
  '0x80210007': 'SCANNER_BUSY', // warming up
  '0x80210009': 'SCANNER_NOT_FOUND', // item deleted (unplugged)
  '0x8021000A': 'SCANNER_IO', // device communication
  '0x8021000B': 'SCANNER_OPTION_UNSUPPORTED',
  '0x80210015': 'SCANNER_NOT_FOUND', // no device available
  '0x80210016': 'COVER_OPEN',
};

const ListLine = z.object({ id: z.string(), name: z.string(), flatbed: z.boolean(), adf: z.boolean(), duplex: z.boolean() });
const ScanLine = z.union([z.object({ page: z.number().int(), file: z.string() }), z.object({ error: z.string() }), z.object({ done: z.number().int() })]);

export type WiaOptions = { powershell?: string; logger?: Logger; timeoutMs?: number };

/**
 * Windows Image Acquisition through PowerShell and WIA's COM automation object — no native module
 * to build, present on every Windows counter PC. Implemented and type-checked here; it has NOT been
 * run against a real WIA device on our Linux machines (see the closing note). Off Windows it lists
 * nothing and refuses to scan with a clear error, so the interface behaves the same everywhere.
 */
export function createWiaBackend(options: WiaOptions = {}): ScannerBackend {
  const onWindows = process.platform === 'win32';
  const powershell = options.powershell ?? 'powershell.exe';

  /** Runs a script (fed on stdin), calling `line` for each JSON line it prints. */
  const runScript = (script: string, env: Record<string, string>, line: (json: unknown) => void, signal?: AbortSignal): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(powershell, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'], {
        env: { ...process.env, ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      let buf = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill(), options.timeoutMs ?? 10 * 60_000);
      const onAbort = () => child.kill();
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        const lines = buf.split(/\r?\n/);
        buf = lines.pop()!;
        for (const l of lines.filter((x) => x.trim().startsWith('{'))) {
          try {
            line(JSON.parse(l));
          } catch {
            /* not ours: PowerShell noise */
          }
        }
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(e.code === 'ENOENT' ? scanFailure('SCANNER_UNAVAILABLE', '找不到 PowerShell') : e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve({ code, stderr });
      });
      child.stdin.end(script);
    });

  return {
    id: 'wia',

    async listDevices(): Promise<DeviceInfo[]> {
      if (!onWindows) return [];
      const devices: DeviceInfo[] = [];
      const r = await runScript(LIST_SCRIPT, {}, (json) => {
        const d = ListLine.safeParse(json);
        if (!d.success) return;
        devices.push({
          id: `wia:${d.data.id}`,
          backend: 'wia',
          label: `${d.data.name}（WIA）`,
          capabilities: {
            sources: [...(d.data.flatbed ? ['flatbed' as const] : []), ...(d.data.adf ? ['adf' as const] : [])],
            resolutions: [150, 200, 300, 600],
            colorModes: ['gray', 'color', 'bw'],
            duplex: d.data.duplex,
          },
        });
      }).catch(() => ({ code: 1, stderr: 'powershell failed' }));
      if (r.code !== 0) options.logger?.warn({ code: r.code }, 'WIA device list failed');
      return devices;
    },

    async scan(deviceId: string, request: ScanRequest, sink: ScanSink, signal: AbortSignal) {
      if (!onWindows) throw scanFailure('SCANNER_UNAVAILABLE', 'WIA 僅適用於 Windows');
      await mkdir(request.workDir, { recursive: true });
      const handling = request.source === 'flatbed' ? WIA.FLATBED : WIA.FEEDER | (request.duplex ? WIA.DUPLEX : 0);
      const intent = request.colorMode === 'color' ? WIA.INTENT_COLOR : request.colorMode === 'bw' ? WIA.INTENT_TEXT : WIA.INTENT_GRAY;
      sink.progress(request.source === 'flatbed' ? 1 : request.expectedPages);
      let pages = 0;
      let error: string | null = null;
      let chain: Promise<void> = Promise.resolve();
      let failure: unknown = null;
      await runScript(
        SCAN_SCRIPT,
        {
          NIN1_WIA_DEVICE: nativeId(deviceId, 'wia'),
          NIN1_WIA_DIR: request.workDir,
          NIN1_WIA_HANDLING: String(handling),
          NIN1_WIA_INTENT: String(intent),
          NIN1_WIA_DPI: String(request.resolution),
        },
        (json) => {
          const l = ScanLine.safeParse(json);
          if (!l.success) return;
          if ('error' in l.data) error = l.data.error;
          else if ('page' in l.data) {
            const { page, file } = l.data;
            chain = chain.then(async () => {
              try {
                await sink.page({ key: spoolKey(request.batchId, page), name: `第 ${page} 頁`, bytes: await readFile(file), dpi: request.resolution });
                pages++;
              } catch (e) {
                failure ??= e;
              }
            });
          }
        },
        signal,
      );
      await chain;
      if (failure) throw failure;
      if (signal.aborted) return { pages };
      if (error) {
        const code = HRESULTS[String(error).toUpperCase().replace('0X', '0x')] ?? 'SCANNER_IO';
        if (!(code === 'ADF_EMPTY' && pages > 0)) throw scanFailure(code, `WIA ${error}`);
      }
      return { pages };
    },
  };
}

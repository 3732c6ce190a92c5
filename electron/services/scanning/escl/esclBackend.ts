import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColorMode } from '../../../../shared/scanning/profiles';
import type { Logger } from '../../logging/logger';
import { nativeId, type Capabilities, type DeviceInfo, type ScannerBackend, type ScanRequest, type ScanSink } from '../backend';
import { scanFailure } from '../failure';
import { splitFile } from '../pipeline/splitFile';
import { spoolKey, spoolName } from '../spool';
import { sha256Hex } from '../store';
import { createEsclClient, type EsclClientOptions } from './esclClient';
import { ESCL_COLOR, type EsclCapabilities, type EsclInputCaps } from './esclXml';

export type EsclBackendOptions = {
  /** eSCL roots of the office's network scanners (from the machine's settings; no discovery yet). */
  urls: () => string[];
  client?: Omit<EsclClientOptions, 'baseUrl'>;
  logger?: Logger;
};

const MODES: [ColorMode, string][] = Object.entries(ESCL_COLOR) as [ColorMode, string][];
const FORMATS = ['image/jpeg', 'image/png', 'application/pdf'];
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

function capabilitiesOf(c: EsclCapabilities): Capabilities {
  const inputs = [c.platen, c.adfSimplex, c.adfDuplex].filter((x): x is EsclInputCaps => x !== null);
  return {
    sources: [...(c.platen ? ['flatbed' as const] : []), ...(c.adfSimplex || c.adfDuplex ? ['adf' as const] : [])],
    resolutions: [...new Set(inputs.flatMap((i) => i.resolutions))].sort((a, b) => a - b),
    colorModes: MODES.filter(([, m]) => inputs.some((i) => i.colorModes.includes(m))).map(([ours]) => ours),
    duplex: c.adfDuplex !== null,
  };
}

/** The offered resolution nearest to the one asked for (never 0). */
const nearest = (offered: number[], wanted: number): number =>
  offered.length ? offered.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best)) : wanted;

/**
 * Driverless network scanners (eSCL / Mopria / AirScan) over HTTP. Each page is kept in the
 * batch's work folder before it is handed on, like SANE's batch files, so a crash loses nothing.
 */
export function createEsclBackend(options: EsclBackendOptions): ScannerBackend {
  const clientFor = (url: string) => createEsclClient({ ...options.client, baseUrl: url });
  return {
    id: 'escl',

    async listDevices(): Promise<DeviceInfo[]> {
      const found = await Promise.all(
        options.urls().map(async (url): Promise<DeviceInfo | null> => {
          try {
            const caps = await createEsclClient({ ...options.client, baseUrl: url, requestTimeoutMs: 5000 }).capabilities();
            return { id: `escl:${url}`, backend: 'escl', label: `${caps.makeAndModel}（網路掃描器 ${new URL(url).host}）`, capabilities: capabilitiesOf(caps) };
          } catch (e) {
            options.logger?.warn({ url, err: (e as Error).message }, 'eSCL scanner not reachable');
            return null;
          }
        }),
      );
      return found.filter((d): d is DeviceInfo => d !== null);
    },

    async scan(deviceId: string, request: ScanRequest, sink: ScanSink, signal: AbortSignal) {
      const client = clientFor(nativeId(deviceId, 'escl'));
      const caps = await client.capabilities(signal);
      const feeder = request.source === 'adf';
      const input = feeder ? (request.duplex ? (caps.adfDuplex ?? caps.adfSimplex) : (caps.adfSimplex ?? caps.adfDuplex)) : caps.platen;
      if (!input) throw scanFailure('SCANNER_OPTION_UNSUPPORTED', feeder ? '此掃描器沒有自動進紙器' : '此掃描器沒有平台');
      const colorMode = input.colorModes.includes(ESCL_COLOR[request.colorMode]) ? ESCL_COLOR[request.colorMode] : (input.colorModes.find((m) => m === 'Grayscale8') ?? input.colorModes[0]);
      const format = FORMATS.find((f) => input.formats.includes(f));
      if (!colorMode || !format) throw scanFailure('SCANNER_OPTION_UNSUPPORTED');
      const resolution = nearest(input.resolutions, request.resolution);
      await mkdir(request.workDir, { recursive: true });
      sink.progress(feeder ? request.expectedPages : 1);

      const job = await client.createJob({ source: feeder ? 'Feeder' : 'Platen', duplex: feeder && request.duplex && caps.adfDuplex !== null, colorMode, resolution, format }, signal);
      let pages = 0;
      try {
        for (let n = 1; ; n++) {
          const doc = await client.nextDocument(job, signal);
          if (!doc) break;
          const type = FORMATS.find((f) => doc.contentType.startsWith(f)) ?? format;
          const file = join(request.workDir, spoolName(n, EXT[type]!));
          await writeFile(file, doc.bytes);
          const parts =
            type === 'application/pdf'
              ? (await splitFile(`第 ${n} 份`, doc.bytes, sha256Hex(doc.bytes))).map((p, i) => ({ ...p, key: spoolKey(request.batchId, n, i + 1) }))
              : [{ key: spoolKey(request.batchId, n), name: `第 ${n} 頁`, bytes: doc.bytes, dpi: resolution }];
          for (const part of parts) {
            await sink.page(part);
            pages++;
          }
        }
      } catch (e) {
        if (signal.aborted) {
          await client.cancelJob(job);
          return { pages };
        }
        throw e;
      }
      // End of job: a jam or an empty feeder shows in the status, not in the 404.
      const status = await client.status().catch(() => null);
      if (status?.adfState === 'ScannerAdfJam') throw scanFailure('PAPER_JAM');
      if (pages === 0 && feeder && status?.adfState === 'ScannerAdfEmpty') throw scanFailure('ADF_EMPTY');
      return { pages };
    },
  };
}

import type { ServiceContext } from '../context';
import { scanFailure } from './failure';
import type { BackendId, DeviceInfo, ScannerBackend } from './backend';
import { createEsclBackend, type EsclBackendOptions } from './escl/esclBackend';
import { createFolderBackend } from './folder/folderBackend';
import { createSaneBackend, type SaneOptions } from './sane/saneBackend';
import type { ScanningSettings } from './settings';
import { createWiaBackend } from './wia/wiaBackend';

export type BackendOverrides = { sane?: SaneOptions; escl?: Partial<EsclBackendOptions>; folderSettleMs?: number; folderWriteFinishMs?: number };

/**
 * Every back-end this machine may use, behind the one interface: SANE where scanimage exists,
 * WIA on Windows, eSCL network scanners from the settings, and the hot folders.
 */
export function createBackends(ctx: ServiceContext, settings: () => ScanningSettings, overrides: BackendOverrides = {}): ScannerBackend[] {
  const logger = ctx.logger.child({ module: 'scanning' });
  return [
    createFolderBackend({
      db: ctx.db,
      folders: () => settings().hotFolders,
      now: () => ctx.clock.now().toISOString(),
      logger,
      ...(overrides.folderSettleMs !== undefined ? { settleMs: overrides.folderSettleMs } : {}),
      ...(overrides.folderWriteFinishMs !== undefined ? { writeFinishMs: overrides.folderWriteFinishMs } : {}),
    }),
    ...(process.platform === 'win32' ? [createWiaBackend({ logger })] : [createSaneBackend({ logger, ...overrides.sane })]),
    createEsclBackend({ urls: () => settings().esclUrls, logger, ...overrides.escl }),
  ];
}

export function backendFor(backends: ScannerBackend[], deviceId: string): ScannerBackend {
  const id = deviceId.split(':', 1)[0] as BackendId;
  const b = backends.find((x) => x.id === id);
  if (!b) throw scanFailure('SCANNER_NOT_FOUND', deviceId);
  return b;
}

/** All devices, each back-end asked in parallel; one failing back-end does not hide the others. */
export async function listAllDevices(backends: ScannerBackend[]): Promise<DeviceInfo[]> {
  const lists = await Promise.all(backends.map((b) => b.listDevices().catch(() => [] as DeviceInfo[])));
  return lists.flat();
}

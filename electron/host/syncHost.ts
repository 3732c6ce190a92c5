import type { CounterApp } from '../services/app';
import type { WorkstationConfig } from '../services/config/load';
import type { Logger } from '../services/logging/logger';
import { workstationCredential } from '../services/sync/credentials';
import { enrolDemo, startDemoPlatform, type DemoPlatform } from './demoPlatform';

export type SyncHostOptions = {
  counterDb: string;
  logger: Logger;
  /** A platform already running elsewhere (e.g. `npm run platform -- --demo`). */
  platformUrl?: string;
  /** No platform at all: cases queue locally (UI tests of the counter alone). */
  none: boolean;
  /** Per host: the demo platform survives an engine restart (recovery) instead of starting twice. */
  started?: { demo: Promise<DemoPlatform> | null };
};

/**
 * Connects a freshly started counter engine to its platform and starts the sync loop:
 * - a real office (IT's policy present): the enrolled credential, policy URL; nothing else to do;
 * - the demo: a local platform on loopback (its own SQLite file), demo codes enrolled at each start;
 * - `--platform URL` with the demo data: that platform, enrolled with its demo codes when possible.
 * Resolves with the local demo platform, if one was started. Never throws: sync trouble must not
 * keep the counter from taking cases.
 */
export async function connectSync(app: CounterApp, ws: WorkstationConfig, o: SyncHostOptions): Promise<DemoPlatform | null> {
  const log = o.logger.child({ module: 'sync-host' });
  if (o.none) return null;
  try {
    if (ws.policy.present) {
      app.sync.start();
      return null;
    }
    if (o.platformUrl) {
      await enrolDemo(app, o.platformUrl, o.logger).catch((e: unknown) => {
        log.warn({ err: (e as Error).message, enrolled: workstationCredential(app.ctx.db) !== null }, 'demo enrolment at the given platform failed; using the stored credential');
        app.sync.start();
      });
      return null;
    }
    const started = o.started ?? { demo: null };
    started.demo ??= startDemoPlatform({ counterDb: o.counterDb, logger: o.logger });
    const platform = await started.demo;
    await enrolDemo(app, platform.url, o.logger);
    log.info({ url: platform.url, file: platform.file }, 'demo platform running');
    return platform;
  } catch (e) {
    log.error({ err: (e as Error).message }, 'sync not connected');
    app.sync.start();
    return null;
  }
}

import type { CounterApp } from '../services/app';
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
 * - an office database (config/databaseMode.ts; never decided by a missing file): the enrolled
 *   credential and the policy URL, nothing else; `--platform` does not re-enrol it;
 * - the demo database: a local platform on loopback (its own SQLite file), demo codes enrolled at each start;
 * - `--platform URL` with the demo database: that platform, enrolled with its demo codes when possible.
 * Resolves with the local demo platform, if one was started. Never throws: sync trouble must not
 * keep the counter from taking cases.
 */
export async function connectSync(app: CounterApp, o: SyncHostOptions): Promise<DemoPlatform | null> {
  const log = o.logger.child({ module: 'sync-host' });
  if (o.none) return null;
  try {
    if (!app.demo) {
      if (o.platformUrl) log.warn({ platform: o.platformUrl }, '--platform ignored: an office database keeps its own enrolment');
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

import { randomBytes } from 'node:crypto';
import type { CounterApp } from '../services/app';
import { loadCatalogue } from '../services/catalogue/loadCatalogue';
import { systemClock } from '../services/clock';
import { DEMO_AGENCY_USERS, ensureDemoAgencyUsers } from '../services/demo/agencyUsers';
import type { Logger } from '../services/logging/logger';
import { resourcePath } from '../services/resources';
import { enroll } from '../services/sync/enroll';
import { platformConfig } from '../../platform/config';
import { demoAgencyCode, demoWorkstationCode, seedDemo } from '../../platform/demo';
import { createPlatform, type Platform } from '../../platform/server/createPlatform';
import { openStore } from '../../platform/store/open';
import type { PlatformStore } from '../../platform/store/repository';

export type DemoPlatform = { url: string; file: string; stop(): Promise<void>; start(): Promise<void> };

/** `.data/demo.sqlite` → `.data/demo.platform.sqlite`: the platform's own file beside the counter's. */
export const platformFileFor = (counterDb: string): string => `${counterDb.replace(/\.sqlite$/i, '')}.platform.sqlite`;

/**
 * The county platform for the demo, in this process, on 127.0.0.1 with its own SQLite file and the
 * platform's demo enrolment codes. stop()/start() keep the file and the port, so a newcomer (or a
 * UI test) can take the platform away and bring it back and watch the counter queue and catch up.
 */
export async function startDemoPlatform(o: { counterDb: string; logger: Logger; port?: number }): Promise<DemoPlatform> {
  const file = platformFileFor(o.counterDb);
  const catalogue = loadCatalogue(resourcePath('catalogue'));
  let store: PlatformStore | null = null;
  let platform: Platform | null = null;
  let port = o.port ?? 0;
  const up = async (): Promise<string> => {
    store = await openStore({ kind: 'sqlite', file });
    const secret = await store.metaGetOrSet('token-secret', randomBytes(32).toString('base64url'));
    await seedDemo(store, systemClock, catalogue);
    platform = await createPlatform({ store, config: platformConfig(catalogue, secret), clock: systemClock, mailer: null, logger: o.logger.child({ module: 'platform' }) });
    const url = await platform.listen({ port });
    port = Number(new URL(url).port);
    return url;
  };
  const url = await up();
  return {
    url,
    file,
    async stop() {
      await platform?.close();
      await store?.close();
      platform = null;
      store = null;
    },
    async start() {
      if (!platform) await up();
    },
  };
}

/**
 * Enrols the demo counter's workstation and the demo agencies with the platform's well-known demo
 * codes (re-usable, demo only), adds the demo agency accounts, and (re)starts the sync engine.
 * Done at every start: the platform's port, or even its file, may have changed since.
 */
export async function enrolDemo(app: CounterApp, url: string, logger: Logger): Promise<void> {
  const { db, config, clock } = app.ctx;
  ensureDemoAgencyUsers(app.ctx);
  await enroll(db, { url, code: demoWorkstationCode(config.workstationId), target: { kind: 'workstation', officeCode: config.officeCode, workstationId: config.workstationId }, clock, logger });
  for (const agency of new Set(DEMO_AGENCY_USERS.map((u) => u.agencyCode))) {
    await enroll(db, { url, code: demoAgencyCode(agency), target: { kind: 'agency', agencyCode: agency, clientId: config.workstationId }, clock, logger });
  }
  await app.sync.reload();
  app.sync.start();
}

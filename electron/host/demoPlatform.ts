import { AppFailure } from '../../shared/result';
import type { CounterApp } from '../services/app';
import { DEMO_AGENCY_USERS, ensureDemoAgencyUsers } from '../services/demo/agencyUsers';
import type { Logger } from '../services/logging/logger';
import { enroll } from '../services/sync/enroll';
import { demoAgencyCode, demoWorkstationCode } from '../../platform/demo';
import { startPlatform, type RunningPlatform } from '../../platform/start';

export type DemoPlatform = { url: string; file: string; stop(): Promise<void>; start(): Promise<void> };

/** `.data/demo.sqlite` → `.data/demo.platform.sqlite`: the platform's own file beside the counter's. */
export const platformFileFor = (counterDb: string): string => `${counterDb.replace(/\.sqlite$/i, '')}.platform.sqlite`;

/**
 * The county platform for the demo, in this process (the platform's own startPlatform), on
 * 127.0.0.1 with its own SQLite file and the demo enrolment codes. stop()/start() keep the file and
 * the port, so a newcomer (or a UI test) can take the platform away and bring it back and watch the
 * counter queue and catch up.
 */
export async function startDemoPlatform(o: { counterDb: string; logger: Logger; port?: number }): Promise<DemoPlatform> {
  const file = platformFileFor(o.counterDb);
  let running: RunningPlatform | null = null;
  let port = o.port ?? 0;
  const up = async (): Promise<string> => {
    running = await startPlatform({ storage: { kind: 'sqlite', file }, logger: o.logger.child({ module: 'platform' }), port, demo: true });
    port = Number(new URL(running.url).port);
    return running.url;
  };
  const url = await up();
  return {
    url,
    file,
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      if (!running) await up();
    },
  };
}

/**
 * Enrols the demo counter's workstation and the demo agencies with the platform's well-known demo
 * codes (re-usable, demo only), adds the demo agency accounts, and (re)starts the sync engine.
 * Done at every start: the platform's port, or even its file, may have changed since.
 */
export async function enrolDemo(app: CounterApp, url: string, logger: Logger): Promise<void> {
  // Second line of defence for finding 17-1: demo codes and demo accounts never touch an office database.
  if (!app.demo) throw new AppFailure({ code: 'DEMO_REFUSED', message: '此資料庫不是示範資料庫，不會向示範平台註冊，也不會加入示範帳號。' });
  const { db, config, clock } = app.ctx;
  ensureDemoAgencyUsers(app.ctx);
  await enroll(db, { url, code: demoWorkstationCode(config.workstationId), target: { kind: 'workstation', officeCode: config.officeCode, workstationId: config.workstationId }, clock, logger, demo: true });
  for (const agency of new Set(DEMO_AGENCY_USERS.map((u) => u.agencyCode))) {
    await enroll(db, { url, code: demoAgencyCode(agency), target: { kind: 'agency', agencyCode: agency, clientId: config.workstationId }, clock, logger, demo: true });
  }
  await app.sync.reload();
  app.sync.start();
}

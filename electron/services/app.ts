import type { SystemInfo } from '../../shared/contract/api';
import type { Result } from '../../shared/result';
import { SessionStore } from './auth/sessions';
import { dispatch } from './api/dispatch';
import { DeviceServices } from './devices/service';
import { loadCatalogue } from './catalogue/loadCatalogue';
import { systemClock, type Clock } from './clock';
import { DEMO_CONFIG, type CounterConfig } from './config/config';
import type { PolicyState } from './config/load';
import { resolveDatabaseMode } from './config/databaseMode';
import type { ServiceContext } from './context';
import { openDatabase } from './db/open';
import { createLogger, type Logger } from './logging/logger';
import { resourcePath } from './resources';
import { appVersion } from './version';
import { createActivity } from './workstation/activity';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from './sync/runtime';
import { scheduleRetention } from './retention/schedule';
import { effectiveIdleMinutes } from './accounts/idleLock';
import { officeCalendar } from './overdue/calendarFile';
import { startDueDateFill } from './overdue/hooks';

export type CounterAppOptions = {
  /** PKCS#11 module for card login; default: the policy's pkcs11ModulePath, else NIN1_PKCS11_MODULE. */
  pkcs11Module?: string | null;
  dbFile: string;
  /** Create the database if the file does not exist (db/open.ts): the shells' first start, seed-demo. Default: refuse. */
  create?: boolean;
  config?: CounterConfig;
  clock?: Clock;
  logger?: Logger;
  catalogueDir?: string;
  shell: SystemInfo['shell'];
  /** Boot: the database says demo or office, checked against the policy (config/databaseMode.ts); else office. */
  modeFromDatabase?: boolean;
  /** Electron passes app.getVersion(); elsewhere package.json is read. */
  version?: string;
  /** From loadWorkstationConfig: the policy file and what it locks. */
  policy?: PolicyState;
  paths?: ServiceContext['paths'];
  /** Sync engine settings (platform URL override, intervals); the engine runs only after `sync.start()`. */
  sync?: SyncRuntimeOptions;
};

export type CounterApp = {
  ctx: ServiceContext;
  /** The demo office (demo data, local demo platform); never true for a database that may be real. */
  demo: boolean;
  /** Readers, scanners, certificate card (polling starts with `devices.start()`). */
  devices: DeviceServices;
  /** The outbox sync engine (started by the shells that run all day: Electron, browser host). */
  sync: SyncRuntime;
  call(method: string, input: unknown, sessionToken: string | null, origin?: { workstation?: string; ip?: string | null }): Promise<Result<unknown>>;
  close(): void;
};

/**
 * The counter's engine: opens the database, loads and validates the catalogue (refusing to start on
 * any error), and answers contract calls. Electron main, the browser host and the CLI all wrap this.
 */
export function createCounterApp(options: CounterAppOptions): CounterApp {
  const config = options.config ?? DEMO_CONFIG;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const catalogue = loadCatalogue(options.catalogueDir ?? resourcePath('catalogue'));
  officeCalendar(); // a malformed office calendar stops the start, like a malformed catalogue
  const db = openDatabase(options.dbFile, { create: options.create === true });
  let demo = false;
  try {
    if (options.modeFromDatabase) demo = resolveDatabaseMode(db, { present: options.policy?.present ?? false, file: options.policy?.file ?? '' }, clock.now().toISOString(), logger) === 'demo';
  } catch (e) {
    db.close();
    throw e;
  }
  const ctx: ServiceContext = { db, catalogue, config, clock, logger, activity: createActivity(), ...(options.policy ? { policy: options.policy } : {}), ...(options.paths ? { paths: options.paths } : {}) };
  const idleMinutes = effectiveIdleMinutes(config);
  const sessions = new SessionStore(clock, idleMinutes * 60_000);
  const devices = new DeviceServices(ctx, sessions, options.pkcs11Module !== undefined ? options.pkcs11Module : (config.pkcs11ModulePath ?? process.env.NIN1_PKCS11_MODULE ?? null));
  const sync = createSyncRuntime(ctx, options.sync);
  const dueDates = startDueDateFill(ctx); // deadlines for rows delivered (or closed) while no fill ran
  const version = options.version ?? appVersion();
  // Daily retention purge of closed cases past their period (issue 7); unref'd timers, stopped on close.
  const retention = scheduleRetention(ctx);
  const systemInfo = (): SystemInfo => ({
    appName: 'N合一臨櫃',
    version,
    officeCode: config.officeCode,
    officeName: config.officeName,
    workstationId: config.workstationId,
    demo,
    catalogueVersion: catalogue.version,
    shell: options.shell,
    idleLockMinutes: idleMinutes,
  });
  logger.info({ db: options.dbFile, catalogue: catalogue.version, shell: options.shell }, 'counter engine started');
  return {
    ctx,
    demo,
    devices,
    sync,
    call: (method, input, sessionToken, origin = {}) =>
      dispatch(
        { ctx, sessions, systemInfo, devices, sync, origin: { workstation: origin.workstation ?? config.workstationId, ip: origin.ip ?? null } },
        { method, input, sessionToken },
      ),
    close: () => {
      // stop() cancels in-flight requests synchronously; shells that can wait should await sync.stop() first.
      void sync.stop();
      dueDates.stop();
      retention.stop();
      devices.stop();
      db.close();
    },
  };
}

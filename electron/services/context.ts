import type { Catalogue } from '../../shared/catalogue/schema';
import type { SessionUser } from '../../shared/contract/api';
import type { Clock } from './clock';
import type { CounterConfig } from './config/config';
import type { WritableDb } from './db/open';
import type { Logger } from './logging/logger';
import type { PolicyState } from './config/load';
import type { Activity } from './workstation/activity';

/** Everything a service needs, injected once (Joplin's plain-object style): no globals, easy to test. */
export type ServiceContext = {
  db: WritableDb;
  catalogue: Catalogue;
  config: CounterConfig;
  clock: Clock;
  logger: Logger;
  /** Where the config came from and what IT's policy locks (absent in unit-test contexts). */
  policy?: PolicyState;
  /** Whether a case is open at the counter (asked by the updater). */
  activity?: Activity;
  /** Folders IT collects from: logs and backups (for the diagnostics bundle). */
  paths?: { logDir?: string; backupDir?: string };
};

/** Who is asking, from where: every audited action records it. */
export type Actor = { user: SessionUser; workstation: string; ip: string | null };

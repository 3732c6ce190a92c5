import type { Catalogue } from '../../shared/catalogue/schema';
import type { SessionUser } from '../../shared/contract/api';
import type { Clock } from './clock';
import type { CounterConfig } from './config/config';
import type { WritableDb } from './db/open';
import type { Logger } from './logging/logger';

/** Everything a service needs, injected once (Joplin's plain-object style): no globals, easy to test. */
export type ServiceContext = {
  db: WritableDb;
  catalogue: Catalogue;
  config: CounterConfig;
  clock: Clock;
  logger: Logger;
};

/** Who is asking, from where: every audited action records it. */
export type Actor = { user: SessionUser; workstation: string; ip: string | null };

import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import type { PlatformConfig } from '../config';
import type { MailWorker } from '../mail/worker';
import type { PlatformStore } from '../store/repository';
import type { Hub } from './hub';
import type { MessageLogGate } from './messageLogGate';

/** Everything a route needs, injected (Joplin style): no module-level state, so tests can run many platforms in one process. */
export type PlatformDeps = {
  store: PlatformStore;
  config: PlatformConfig;
  clock: Clock;
  logger: Logger;
  hub: Hub;
  mail: MailWorker;
  /** Caps and prunes the message log (one gate per platform instance). */
  messageLog: MessageLogGate;
};

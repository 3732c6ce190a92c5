import type Database from 'better-sqlite3';
import type { BackupPolicy } from '../../../shared/policy/schema';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { backupDatabase } from './backup';
import { listBackups } from './store';

export type BackupSchedule = { runNow(): Promise<void>; stop(): void };

/**
 * Runs a backup every `everyHours`, starting soon after start-up when the newest backup is older
 * than that (a counter PC is switched off at night, so a fixed clock time would often be missed).
 * Failures are logged for IT and retried at the next tick; they never disturb the clerk.
 */
export function scheduleBackups(o: { db: Database.Database; policy: BackupPolicy; clock: Clock; logger: Logger; appVersion: string; firstDelayMs?: number }): BackupSchedule {
  const log = o.logger.child({ module: 'backup' });
  const everyMs = o.policy.everyHours * 3_600_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const runNow = (): Promise<void> => {
    running ??= backupDatabase(o.db, { dir: o.policy.dir, keep: o.policy.keep, now: o.clock.now(), appVersion: o.appVersion })
      .then((b) => log.info({ action: 'backup', file: b.file, bytes: b.bytes }, 'backup verified'))
      .catch((e: unknown) => log.error({ action: 'backup', code: (e as { error?: { code?: string } }).error?.code, err: e }, 'backup failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const arm = (delay: number): void => {
    timer = setTimeout(() => void runNow().then(() => arm(everyMs)), delay);
    timer.unref();
  };
  const newest = listBackups(o.policy.dir)[0];
  const age = newest ? o.clock.now().getTime() - Date.parse(newest.createdAt) : Infinity;
  arm(age >= everyMs ? (o.firstDelayMs ?? 60_000) : everyMs - age);

  return {
    runNow,
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}

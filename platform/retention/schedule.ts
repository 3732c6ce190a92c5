import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import { taipeiDayOf } from '../../shared/overdue/deadline';
import type { RetentionCounts } from './repo';

const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * When the daily purge runs: NIN1_RETENTION_AT (Taipei `HH:MM`, default 03:00, a quiet hour; `off`
 * disables it, e.g. on all but one node — a second node would find nothing left to purge anyway).
 */
export function retentionTimeFrom(value: string | undefined): { hour: number; minute: number } | null {
  const v = (value ?? '03:00').trim();
  if (v === 'off') return null;
  const m = AT.exec(v);
  if (!m) throw new Error(`NIN1_RETENTION_AT 須為 HH:MM（臺灣時間）或 off，收到「${v}」`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export type RetentionSchedule = { stop(): void; /** One check now (tests): runs if the time has come and today has not run. */ tick(): Promise<RetentionCounts | null> };

/**
 * Checks every `checkMs` whether today's (Taipei) purge time has passed and today's run has not
 * happened in this process; a failed run is retried at the next check. After a restart it runs again
 * that day, which only costs an audit row: purged rows are not selected again.
 */
export function scheduleRetentionPurge(opts: {
  at: { hour: number; minute: number }; clock: Clock; logger: Logger; checkMs?: number; run(): Promise<RetentionCounts>;
}): RetentionSchedule {
  let lastDay: string | null = null;
  let running: Promise<RetentionCounts | null> | null = null;
  const tick = (): Promise<RetentionCounts | null> => {
    if (running) return running;
    const now = opts.clock.now();
    const day = taipeiDayOf(now);
    const taipei = new Date(now.getTime() + 8 * 3600_000);
    const minutes = taipei.getUTCHours() * 60 + taipei.getUTCMinutes();
    if (day === lastDay || minutes < opts.at.hour * 60 + opts.at.minute) return Promise.resolve(null);
    running = opts
      .run()
      .then((r) => {
        lastDay = day;
        if (r.purged > 0) opts.logger.info({ day, purged: r.purged, byItem: r.byItem }, 'retention purge done');
        return r;
      })
      .catch((e: unknown) => {
        opts.logger.error({ err: (e as Error).message }, 'retention purge failed; will retry at the next check');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.checkMs ?? 10 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}

import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import type { DailyClaim } from '../server/dailyClaim';
import { dailyTimeFrom, scheduleDaily, type DailySchedule, type DailyTime } from '../server/dailyJob';
import type { RetentionCounts } from './repo';

/**
 * When the daily purge runs: NIN1_RETENTION_AT (Taipei `HH:MM`, default 03:00, a quiet hour; `off`
 * disables it — a second node would find nothing left to purge anyway).
 */
export const retentionTimeFrom = (value: string | undefined): DailyTime | null => dailyTimeFrom('NIN1_RETENTION_AT', value, '03:00');

export type RetentionSchedule = DailySchedule<RetentionCounts>;

/** The daily purge. Repeating it after a restart only costs an audit row: purged rows are not selected again. */
export function scheduleRetentionPurge(opts: { at: DailyTime; clock: Clock; logger: Logger; checkMs?: number; claim?: DailyClaim; run(): Promise<RetentionCounts> }): RetentionSchedule {
  return scheduleDaily({
    ...opts,
    what: 'retention purge',
    run: async () => {
      const r = await opts.run();
      if (r.purged > 0) opts.logger.info({ purged: r.purged, byItem: r.byItem }, 'retention purge done');
      return r;
    },
  });
}

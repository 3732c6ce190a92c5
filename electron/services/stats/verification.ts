import type { Spread } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';
import { spreadOf } from './spread';

/**
 * 雙向檢證 turnaround: from the verification's delivery to the first answer the counter received.
 * Both instants are the counter's clock (answered_at is the platform's and only informational).
 */
export function verificationSpread(ctx: ServiceContext, sql: FilterSql): Spread {
  const samples = ctx.db
    .prepare(
      `SELECT unixepoch(MIN(a.received_at), 'subsec') - unixepoch(n.delivered_at, 'subsec')
         FROM notifications n JOIN verification_answers a ON a.notification_id = n.id
        WHERE ${sql.where} AND n.kind = 'verification' AND n.delivered_at IS NOT NULL
        GROUP BY n.id`,
    )
    .pluck()
    .all(...sql.params) as number[];
  return spreadOf(samples);
}

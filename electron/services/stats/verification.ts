import type { Spread } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';
import { spreadOf } from './spread';

/**
 * 雙向檢證 turnaround: from the verification's delivery to the first answer the counter received.
 * Both instants are the counter's clock (answered_at is the platform's and only informational).
 */
export function verificationSpread(ctx: ServiceContext, sql: FilterSql): Spread {
  // Everything but the join key comes from the index: the delivery instant is created_at plus
  // to_delivery_ms, so only verifications that pass the filter are looked up in the table (for id).
  // Everything but the answer lookup comes from the index: the delivery instant is created_at plus
  // to_delivery_ms, so only verifications that pass the filter are looked up in the table (for id),
  // and a correlated MIN per verification avoids sorting the period for a GROUP BY.
  const samples = ctx.db
    .prepare(
      `SELECT s FROM (
         SELECT (unixepoch((SELECT MIN(a.received_at) FROM verification_answers a WHERE a.notification_id = n.id), 'subsec') * 1000
                 - unixepoch(n.created_at, 'subsec') * 1000 - n.to_delivery_ms) / 1000.0 AS s
           FROM notifications n INDEXED BY notifications_stats
          WHERE ${sql.where} AND n.kind = 'verification' AND n.to_delivery_ms IS NOT NULL)
        WHERE s IS NOT NULL`,
    )
    .pluck()
    .all(...sql.params) as number[];
  return spreadOf(samples);
}

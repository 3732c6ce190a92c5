import { chunked, valuesList, type SqlExec, type SqlValue } from './sql';
import { spanBucketSql } from './statsBuckets';

/**
 * Keeps the statistics rollups (migration 14, migrations/statsRollups.ts) equal to what the
 * notifications say, inside the caller's write transaction: a change of a notification first
 * withdraws everything it counted (sign −1, read from its row before the change), then counts it
 * again (sign +1, after). Whatever the change was — 簽收, 完成, 退回, 改分 (new receiver), 補件 — the
 * rollups follow without the write path knowing which figure it touched. Writes are serialised
 * platform-wide (SqlDriver.tx), so the read-modify-write of a cumulative slice never races.
 */

const ids = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A new notification's counted columns, as submit writes them (status delivered, no spans, no transfers or 補件 yet). */
export type NewNotificationCounts = { delivered_day: string; item_code: string; receiver_agency: string; office_code: string; kind: string; status: string };

/**
 * Counts of new notifications: all ingest needs. Grouped here from the values submit is writing
 * rather than read back from `notifications` by id (three `IN (…500 ids)` look-ups per batch, ~30 %
 * of the PostgreSQL submit transaction): one upsert per rollup, of a few rows (a batch is one Taipei
 * day of one office; its items and agencies vary). The month is the day's first 7 characters, as
 * `substr(delivered_day, 1, 7)` everywhere else.
 */
export async function countNewNotifications(q: SqlExec, rows: readonly NewNotificationCounts[]): Promise<void> {
  for (const c of COUNT_CUBES) {
    const groups = new Map<string, { key: SqlValue[]; n: number }>();
    for (const r of rows) {
      const key = [c.time === 'month' ? r.delivered_day.slice(0, 7) : r.delivered_day, ...c.keys.map((k) => r[k])];
      const id = JSON.stringify(key);
      const g = groups.get(id);
      if (g) g.n++;
      else groups.set(id, { key, n: 1 });
    }
    for (const part of chunked([...groups.values()], 500)) {
      const columns = [c.time, ...c.keys];
      await q.run(
        `INSERT INTO ${c.table} (${columns.join(', ')}, n) VALUES ${valuesList(part.length, columns.length + 1)}
         ON CONFLICT (${columns.join(', ')}) DO UPDATE SET n = ${c.table}.n + excluded.n`,
        part.flatMap((g) => [...g.key, g.n]),
      );
    }
  }
}

/** Withdraw (−1) or add (+1) every figure of these notifications in every rollup. */
export async function rollupNotifications(q: SqlExec, notificationIds: readonly string[], sign: 1 | -1): Promise<void> {
  if (notificationIds.length === 0) return;
  await addCounts(q, notificationIds, sign);
  await addSpans(q, notificationIds, sign);
  await addReferrals(q, notificationIds, sign);
}

const COUNT_CUBES: { table: string; time: 'month' | 'day'; keys: (keyof NewNotificationCounts)[] }[] = [
  { table: 'stats_month_counts', time: 'month', keys: ['item_code', 'receiver_agency', 'office_code', 'kind', 'status'] },
  { table: 'stats_month_agency_counts', time: 'month', keys: ['receiver_agency', 'kind', 'status'] },
  { table: 'stats_day_counts', time: 'day', keys: ['receiver_agency', 'kind', 'status'] },
];

async function addCounts(q: SqlExec, notificationIds: readonly string[], sign: 1 | -1): Promise<void> {
  for (const c of COUNT_CUBES) {
    const time = c.time === 'month' ? 'substr(delivered_day, 1, 7)' : 'delivered_day';
    const key = [c.time, ...c.keys].join(', ');
    await q.run(
      `INSERT INTO ${c.table} (${key}, n)
       SELECT ${time}, ${c.keys.join(', ')}, ? * COUNT(*) FROM notifications WHERE id IN (${ids(notificationIds.length)}) GROUP BY ${time}, ${c.keys.join(', ')}
       ON CONFLICT (${key}) DO UPDATE SET n = ${c.table}.n + excluded.n`,
      [sign, ...notificationIds],
    );
  }
}

/** The spans of these notifications as (month, agency, kind, metric, bucket), one row per span; the turnaround query's populations. */
const spansOf = (n: number) => `
  SELECT substr(delivered_day, 1, 7) AS month, receiver_agency, kind, 'received' AS metric, ${spanBucketSql('received_ms - delivered_ms')} AS bucket
  FROM notifications WHERE id IN (${ids(n)}) AND received_ms IS NOT NULL
  UNION ALL
  SELECT substr(delivered_day, 1, 7), receiver_agency, kind, 'closed', ${spanBucketSql('closed_ms - delivered_ms')}
  FROM notifications WHERE id IN (${ids(n)}) AND received_ms IS NOT NULL AND closed_ms IS NOT NULL`;

/**
 * stats_spans is cumulative over slice months: a span of month M counts in every slice ≥ M. A month
 * that has no slice yet gets one first, copied from the slice before it (what "everything up to M"
 * was before this span): once a month on a busy platform, one slice's rows (≤ agencies × kinds × 2 ×
 * buckets). Then the span is added to its own slice and every later one (usually none or one).
 */
async function addSpans(q: SqlExec, notificationIds: readonly string[], sign: 1 | -1): Promise<void> {
  const params: SqlValue[] = [...notificationIds, ...notificationIds];
  const months = await q.all<{ month: string }>(`SELECT DISTINCT month FROM (${spansOf(notificationIds.length)}) s`, params);
  if (months.length === 0) return;
  for (const { month } of months) {
    if (await q.get('SELECT 1 AS one FROM stats_span_slices WHERE month = ?', [month])) continue;
    await q.run(
      `INSERT INTO stats_spans (month, receiver_agency, kind, metric, bucket, n)
       SELECT ?, receiver_agency, kind, metric, bucket, n FROM stats_spans WHERE month = (SELECT MAX(month) FROM stats_span_slices WHERE month < ?)`,
      [month, month],
    );
    await q.run('INSERT INTO stats_span_slices (month) VALUES (?)', [month]);
  }
  await q.run(
    `INSERT INTO stats_spans (month, receiver_agency, kind, metric, bucket, n)
     SELECT s.month, c.receiver_agency, c.kind, c.metric, c.bucket, ? * COUNT(*)
     FROM stats_span_slices s JOIN (${spansOf(notificationIds.length)}) c ON s.month >= c.month
     WHERE s.month >= ? GROUP BY s.month, c.receiver_agency, c.kind, c.metric, c.bucket
     ON CONFLICT (month, receiver_agency, kind, metric, bucket) DO UPDATE SET n = stats_spans.n + excluded.n`,
    [sign, ...params, months.map((m) => m.month).sort()[0]!],
  );
}

const REFERRAL_SUMS = ['transfers_out', 'transfers_in', 'rounds', 'open_rounds', 'wait_ms', 'answered'];

async function addReferrals(q: SqlExec, notificationIds: readonly string[], sign: 1 | -1): Promise<void> {
  const inIds = `n.id IN (${ids(notificationIds.length)})`;
  const key = 'month, item_code, receiver_agency, office_code, kind, agency';
  await q.run(
    `INSERT INTO stats_month_referrals (${key}, ${REFERRAL_SUMS.join(', ')})
     SELECT ${key}, ${REFERRAL_SUMS.map((c) => `? * SUM(${c})`).join(', ')} FROM (
       SELECT substr(n.delivered_day, 1, 7) AS month, n.item_code, n.receiver_agency, n.office_code, n.kind, t.from_agency AS agency,
         1 AS transfers_out, 0 AS transfers_in, 0 AS rounds, 0 AS open_rounds, 0 AS wait_ms, 0 AS answered
       FROM transfers t JOIN notifications n ON n.id = t.notification_id WHERE ${inIds}
       UNION ALL
       SELECT substr(n.delivered_day, 1, 7), n.item_code, n.receiver_agency, n.office_code, n.kind, t.to_agency, 0, 1, 0, 0, 0, 0
       FROM transfers t JOIN notifications n ON n.id = t.notification_id WHERE ${inIds}
       UNION ALL
       SELECT substr(n.delivered_day, 1, 7), n.item_code, n.receiver_agency, n.office_code, n.kind, r.agency, 0, 0, 1,
         CASE WHEN r.answered_ms IS NULL THEN 1 ELSE 0 END, CASE WHEN r.answered_ms IS NULL THEN 0 ELSE r.answered_ms - r.requested_ms END,
         CASE WHEN r.answered_ms IS NULL THEN 0 ELSE 1 END
       FROM supplement_rounds r JOIN notifications n ON n.id = r.notification_id WHERE ${inIds}
     ) refs WHERE 1 = 1 GROUP BY ${key}
     ON CONFLICT (${key}) DO UPDATE SET ${REFERRAL_SUMS.map((c) => `${c} = stats_month_referrals.${c} + excluded.${c}`).join(', ')}`,
    [...REFERRAL_SUMS.map(() => sign), ...notificationIds, ...notificationIds, ...notificationIds],
  );
}

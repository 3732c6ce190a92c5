import type { Catalogue } from '../shared/catalogue/schema';
import { STATS_ROLLUP_TABLES, STATS_ROLLUPS_BACKFILL } from '../platform/store/migrations/statsRollups';
import type { SqlDriver } from '../platform/store/sql';

/** Five years of a county (about 2,700 notifications a day), up to the bench's "today" (2026-11-26 Taipei). */
export const STATS_5M = {
  notifications: 5_000_000,
  startMs: Date.parse('2021-11-26T00:00:00+08:00'),
  endMs: Date.parse('2026-11-26T00:00:00+08:00'),
  offices: 38,
  /** Bump when the generated rows change: a cached database of another version is made again. 2: statistics rollups filled (migration 14); 3: a regenerated cluster has its transfers and 補件 again (seq restarts at 1). */
  version: '3',
} as const;

const CHUNK = 500_000;

/**
 * Fills an empty, migrated platform database with STATS_5M.notifications rows straight from
 * generate_series (no per-row round trips): every catalogue item with its real receivers (a routed
 * item mostly to the agency of its kind for the sender's district), 38 sending offices, a status mix of a five-year file
 * (mostly closed), received/closed spans from minutes to weeks (deterministic pseudo-random numbers
 * from the row number), and 1 % transfers and 補件 rounds. Bench data: no `changes` rows, payloads
 * and persons empty. Runs in chunks of 500,000 rows, one transaction each, reporting progress; then
 * fills the statistics rollups the write path would have kept.
 */
export async function generateCountyStats(db: SqlDriver, catalogue: Catalogue, log: (s: string) => void): Promise<void> {
  const pairs: { item: string; kind: string; receiver: string }[] = [];
  const items: { first: number; count: number }[] = [];
  for (const item of catalogue.items) {
    const receivers = item.routing ? catalogue.agencies.filter((a) => a.kind === item.routing!.receiverKind).map((a) => a.code) : [item.receiverAgency];
    items.push({ first: pairs.length, count: receivers.length });
    for (const r of receivers) pairs.push({ item: item.code, kind: item.kind, receiver: r });
  }
  await db.run('CREATE TEMP TABLE IF NOT EXISTS bench_pairs (pos INT PRIMARY KEY, item TEXT, kind TEXT, receiver TEXT)');
  await db.run('CREATE TEMP TABLE IF NOT EXISTS bench_items (idx INT PRIMARY KEY, first INT, count INT)');
  await db.run('TRUNCATE bench_pairs, bench_items');
  await db.run(
    'INSERT INTO bench_pairs SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[])',
    [`{${pairs.map((_, i) => i).join(',')}}`, `{${pairs.map((p) => p.item).join(',')}}`, `{${pairs.map((p) => p.kind).join(',')}}`, `{${pairs.map((p) => p.receiver).join(',')}}`],
  );
  await db.run('INSERT INTO bench_items SELECT * FROM unnest(?::int[], ?::int[], ?::int[])', [
    `{${items.map((_, i) => i).join(',')}}`, `{${items.map((i) => i.first).join(',')}}`, `{${items.map((i) => i.count).join(',')}}`,
  ]);
  const n = STATS_5M.notifications;
  const step = (STATS_5M.endMs - STATS_5M.startMs) / n;
  for (let lo = 0; lo < n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK) - 1;
    await db.tx(async (q) => {
      await q.run('SET LOCAL synchronous_commit = off'); // bench data, made once
      await q.run(`
        INSERT INTO notifications (id, case_no, office_code, workstation_id, sender_agency, receiver_agency, item_code, kind, payload, person, local_seq,
                                   client_created_at, body_sha256, status, delivered_at, delivered_day, delivered_ms, received_ms, closed_ms, updated_at, due_ms)
        SELECT 'b' || lpad(i::text, 9, '0'), o || '-' || (i / 4), o, o || '-W01', 'KH-HR-' || o, p.receiver, p.item, p.kind, '{}', '{}', i,
               to_char(to_timestamp(d / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'bench',
               st, to_char(to_timestamp(d / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               to_char(to_timestamp(d / 1000.0) AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD'), d,
               CASE WHEN st <> 'delivered' THEN d + rc END, CASE WHEN st IN ('completed', 'rejected') THEN d + rc + cl END,
               to_char(to_timestamp(d / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), d + 14 * 86400000::bigint
        FROM (
          SELECT i, 'H' || lpad((1 + (i * 7919) % ${STATS_5M.offices})::text, 2, '0') AS o, (i * 7919) % ${STATS_5M.offices} AS office_idx,
                 ${STATS_5M.startMs}::bigint + (i * ${step})::bigint AS d,
                 CASE WHEN h < 40 THEN 'delivered' WHEN h < 100 THEN 'received' WHEN h < 140 THEN 'rejected' ELSE 'completed' END AS st,
                 60000 + ((i * 40503) % 997) * ((i * 69069) % 1009) * 400::bigint AS rc,
                 300000 + ((i * 2654435761) % 1009) * ((i * 40503) % 991) * 1700::bigint AS cl,
                 (i * 48271) % ${items.length} AS item_idx, (i * 16807) % 9973 AS r
          FROM (SELECT i, (i * 2654435761) % 1000 AS h FROM generate_series(${lo}::bigint, ${hi}::bigint) AS i) s
        ) g
        JOIN bench_items it ON it.idx = g.item_idx
        -- A routed item mostly goes to the office of its kind serving the sender's district, else anywhere (people move).
        JOIN bench_pairs p ON p.pos = it.first + (CASE WHEN g.r % 10 < 8 THEN g.office_idx ELSE g.r END) % it.count`);
      // 1 % of them transferred once and asked for 補件 once (answered unless still open).
      await q.run(`
        INSERT INTO transfers (notification_id, seq, from_agency, to_agency, reason, actor, at_ms)
        SELECT id, 1, receiver_agency, receiver_agency, '非本機關轄區', 'bench', delivered_ms + 3600000 FROM notifications WHERE seq BETWEEN ? AND ? AND seq % 100 = 7`, [lo + 1, hi + 1]);
      await q.run(`
        INSERT INTO supplement_rounds (notification_id, round, agency, missing, due_date, requested_ms, answered_ms)
        SELECT id, 1, receiver_agency, '["房屋位置略圖"]', delivered_day, delivered_ms + 7200000, CASE WHEN status <> 'delivered' THEN delivered_ms + 7200000 + 86400000 * (seq % 9) END
        FROM notifications WHERE seq BETWEEN ? AND ? AND seq % 100 = 31`, [lo + 1, hi + 1]);
    });
    log(`  generated ${hi + 1} of ${n} notifications`);
  }
  // The rows went in behind the write path's back: the statistics rollups (migration 14) are rebuilt
  // from them by the migration's own back-fill, as a county upgrading gets them.
  log('  filling the statistics rollups (migration 14 back-fill)…');
  await db.tx(async (q) => {
    for (const t of STATS_ROLLUP_TABLES) await q.run(`TRUNCATE ${t}`);
    for (const statement of STATS_ROLLUPS_BACKFILL.split(';').filter((x) => x.trim() !== '')) await q.run(statement);
  });
  // VACUUM too: the visibility map lets the office/item-filtered turnaround read its covering index only.
  await db.run('VACUUM ANALYZE');
}

/**
 * Platform migration 14 (issue 14 §4, `platform-stats-5m`): the statistics rollups, kept here once
 * for both engines because the back-fill is the same SQL on SQLite and PostgreSQL, and the bench's
 * data generator runs the same back-fill after writing its rows. Shipped: never edit, add a migration.
 *
 * - stats_month_counts: notifications per Taipei month × item × agency × office × kind × status
 *   (any cross-tab without `day`, any filter);
 * - stats_month_agency_counts: the same without item and office (county-wide agency tables, small);
 * - stats_day_counts: per day × agency × kind × status (`groupBy=day` over long ranges);
 * - stats_spans: turnaround histograms, log-scale buckets (platform/store/statsBuckets.ts), CUMULATIVE
 *   over months: the row of slice month M counts every notification delivered in a month ≤ M, so any
 *   range of whole months is two slices (M2 minus the slice before M1), whatever its length. Every
 *   key has a row in every slice from its first month on; stats_span_slices lists the slice months.
 *   Written in month order, so a slice is read from a few hundred pages, not one page per row;
 * - stats_month_referrals: 改分 and 補件 per notification month × item × agency × office × kind and
 *   the agency that transferred / received / asked.
 * Counts may reach 0 (a status moved on) and stay as rows; readers drop zero groups.
 */

/** Same text on both engines: back-fills every rollup from the rows a county already has. Expects empty rollup tables. */
export const STATS_ROLLUPS_BACKFILL = `
  INSERT INTO stats_month_counts (month, item_code, receiver_agency, office_code, kind, status, n)
    SELECT substr(delivered_day, 1, 7), item_code, receiver_agency, office_code, kind, status, COUNT(*)
    FROM notifications GROUP BY substr(delivered_day, 1, 7), item_code, receiver_agency, office_code, kind, status;
  INSERT INTO stats_month_agency_counts (month, receiver_agency, kind, status, n)
    SELECT month, receiver_agency, kind, status, SUM(n) FROM stats_month_counts GROUP BY month, receiver_agency, kind, status;
  INSERT INTO stats_day_counts (day, receiver_agency, kind, status, n)
    SELECT delivered_day, receiver_agency, kind, status, COUNT(*) FROM notifications GROUP BY delivered_day, receiver_agency, kind, status;

  CREATE TEMP TABLE stats_spans_monthly AS
    SELECT month, receiver_agency, kind, metric, bucket, COUNT(*) AS n FROM (
      SELECT substr(delivered_day, 1, 7) AS month, receiver_agency, kind, 'received' AS metric,
        CASE WHEN received_ms - delivered_ms < 1000 THEN 0 ELSE 1 + CAST(floor(ln(CAST(received_ms - delivered_ms AS DOUBLE PRECISION) / 1000) / CAST(0.01980262729617973 AS DOUBLE PRECISION)) AS INTEGER) END AS bucket
      FROM notifications WHERE received_ms IS NOT NULL
      UNION ALL
      SELECT substr(delivered_day, 1, 7) AS month, receiver_agency, kind, 'closed' AS metric,
        CASE WHEN closed_ms - delivered_ms < 1000 THEN 0 ELSE 1 + CAST(floor(ln(CAST(closed_ms - delivered_ms AS DOUBLE PRECISION) / 1000) / CAST(0.01980262729617973 AS DOUBLE PRECISION)) AS INTEGER) END AS bucket
      FROM notifications WHERE received_ms IS NOT NULL AND closed_ms IS NOT NULL
    ) spans GROUP BY month, receiver_agency, kind, metric, bucket;
  INSERT INTO stats_span_slices (month) SELECT DISTINCT month FROM stats_spans_monthly;
  INSERT INTO stats_spans (month, receiver_agency, kind, metric, bucket, n)
    SELECT month, receiver_agency, kind, metric, bucket, n FROM (
      SELECT s.month, k.receiver_agency, k.kind, k.metric, k.bucket, k.first_month,
        SUM(COALESCE(m.n, 0)) OVER (PARTITION BY k.receiver_agency, k.kind, k.metric, k.bucket ORDER BY s.month) AS n
      FROM stats_span_slices s
      CROSS JOIN (SELECT receiver_agency, kind, metric, bucket, MIN(month) AS first_month FROM stats_spans_monthly GROUP BY receiver_agency, kind, metric, bucket) k
      LEFT JOIN stats_spans_monthly m ON m.month = s.month AND m.receiver_agency = k.receiver_agency AND m.kind = k.kind AND m.metric = k.metric AND m.bucket = k.bucket
    ) dense WHERE month >= first_month ORDER BY month;
  DROP TABLE stats_spans_monthly;

  INSERT INTO stats_month_referrals (month, item_code, receiver_agency, office_code, kind, agency, transfers_out, transfers_in, rounds, open_rounds, wait_ms, answered)
    SELECT month, item_code, receiver_agency, office_code, kind, agency, SUM(t_out), SUM(t_in), SUM(rounds), SUM(open_rounds), SUM(wait_ms), SUM(answered) FROM (
      SELECT substr(n.delivered_day, 1, 7) AS month, n.item_code, n.receiver_agency, n.office_code, n.kind, t.from_agency AS agency,
        1 AS t_out, 0 AS t_in, 0 AS rounds, 0 AS open_rounds, 0 AS wait_ms, 0 AS answered
      FROM transfers t JOIN notifications n ON n.id = t.notification_id
      UNION ALL
      SELECT substr(n.delivered_day, 1, 7), n.item_code, n.receiver_agency, n.office_code, n.kind, t.to_agency, 0, 1, 0, 0, 0, 0
      FROM transfers t JOIN notifications n ON n.id = t.notification_id
      UNION ALL
      SELECT substr(n.delivered_day, 1, 7), n.item_code, n.receiver_agency, n.office_code, n.kind, r.agency, 0, 0, 1,
        CASE WHEN r.answered_ms IS NULL THEN 1 ELSE 0 END, CASE WHEN r.answered_ms IS NULL THEN 0 ELSE r.answered_ms - r.requested_ms END,
        CASE WHEN r.answered_ms IS NULL THEN 0 ELSE 1 END
      FROM supplement_rounds r JOIN notifications n ON n.id = r.notification_id
    ) refs GROUP BY month, item_code, receiver_agency, office_code, kind, agency;
`;

/** The rollup tables, emptied before STATS_ROLLUPS_BACKFILL rebuilds them (the bench's generator). */
export const STATS_ROLLUP_TABLES = ['stats_month_counts', 'stats_month_agency_counts', 'stats_day_counts', 'stats_spans', 'stats_span_slices', 'stats_month_referrals'] as const;

/** `int` is INTEGER on SQLite (STRICT) and BIGINT on PostgreSQL; `strict` closes each table. */
const tables = (int: string, strict: string) => `
      CREATE TABLE stats_month_counts (
        month TEXT NOT NULL,
        item_code TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        office_code TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        n ${int} NOT NULL,
        PRIMARY KEY (month, item_code, receiver_agency, office_code, kind, status)
      )${strict};
      CREATE INDEX stats_month_counts_office ON stats_month_counts(office_code, month);

      CREATE TABLE stats_month_agency_counts (
        month TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        n ${int} NOT NULL,
        PRIMARY KEY (month, receiver_agency, kind, status)
      )${strict};

      CREATE TABLE stats_day_counts (
        day TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        n ${int} NOT NULL,
        PRIMARY KEY (day, receiver_agency, kind, status)
      )${strict};
      CREATE INDEX stats_day_counts_agency ON stats_day_counts(receiver_agency, day);

      CREATE TABLE stats_span_slices (
        month TEXT PRIMARY KEY
      )${strict};

      CREATE TABLE stats_spans (
        month TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        kind TEXT NOT NULL,
        metric TEXT NOT NULL,
        bucket ${int} NOT NULL,
        n ${int} NOT NULL,
        PRIMARY KEY (month, receiver_agency, kind, metric, bucket)
      )${strict};

      CREATE TABLE stats_month_referrals (
        month TEXT NOT NULL,
        item_code TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        office_code TEXT NOT NULL,
        kind TEXT NOT NULL,
        agency TEXT NOT NULL,
        transfers_out ${int} NOT NULL,
        transfers_in ${int} NOT NULL,
        rounds ${int} NOT NULL,
        open_rounds ${int} NOT NULL,
        wait_ms ${int} NOT NULL,
        answered ${int} NOT NULL,
        PRIMARY KEY (month, item_code, receiver_agency, office_code, kind, agency)
      )${strict};
`;

/**
 * The exact turnaround of a statistics query filtered by office or item reads the spans from these
 * covering indexes (one office's five years: 131,579 rows, a full-table scan of 5,000,000 without).
 */
const COVERING = `
      CREATE INDEX notifications_stats_office ON notifications(office_code, delivered_day, receiver_agency, kind, item_code, delivered_ms, received_ms, closed_ms);
      CREATE INDEX notifications_stats_item ON notifications(item_code, delivered_day, receiver_agency, kind, office_code, delivered_ms, received_ms, closed_ms);
`;

export const STATS_ROLLUPS_SQLITE = `${tables('INTEGER', ' STRICT')}${COVERING}${STATS_ROLLUPS_BACKFILL}`;
export const STATS_ROLLUPS_POSTGRES = `${tables('BIGINT', '')}${COVERING}${STATS_ROLLUPS_BACKFILL}`;

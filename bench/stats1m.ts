import { StatsFilter, type StatsFilterInput } from '../shared/stats/dashboard';
import { createUser, ensureOffice } from '../electron/services/auth/users';
import type { ServiceContext } from '../electron/services/context';
import { computeDashboard } from '../electron/services/stats/dashboard';
import { filterSql } from '../electron/services/stats/filter';
import { fixturePasswordHash, makeContext, tempDir } from '../electron/services/testing/fixtures';
import { entry, percentile, timeRuns, type BenchEntry } from './stats';

const NOTIFICATIONS = 1_000_000;
const PER_CASE = 4;
const CASES = NOTIFICATIONS / PER_CASE;
/** Five years of one busy office's file, up to the bench's "today" (TEST_NOW, 2026-11-26 Taipei). */
const START_S = Date.parse('2022-01-01T00:00:00Z') / 1000;
const SPAN_S = Date.parse('2026-11-26T00:00:00Z') / 1000 - START_S;
const STEP_S = Math.floor(SPAN_S / CASES);
const CLERKS = 8;
const RUNS = 20;
/** The demo's shares (demo/lifeEventMix.ts) by case number: 71 % 遷徙, 15 % 身後事, 9.5 % 出生, 4.5 % 救生圈. */
const lifeEventSql = (k: string): string => `CASE WHEN ${k} % 200 < 142 THEN 'move' WHEN ${k} % 200 < 172 THEN 'death' WHEN ${k} % 200 < 191 THEN 'birth' ELSE 'assistance' END`;

/**
 * Fills the file with NOTIFICATIONS notifications in one transaction, straight from recursive CTEs
 * (no per-row round trips): four per case, realistic mixes of items, statuses and turnaround
 * (deterministic pseudo-random numbers from the row number), deadlines, answers to verifications
 * and a lookup-heavy audit trail. Milestone columns are written directly (bench data, not history).
 */
export function generateStatsData(ctx: ServiceContext): void {
  const db = ctx.db;
  ensureOffice(db, 'FS01', '鳳山區戶政事務所');
  ensureOffice(db, 'FS02', '大寮區戶政事務所');
  for (let i = 1; i <= CLERKS; i++) createUser(db, { username: `clerk${i}`, displayName: `承辦人${i}`, role: 'counter_clerk', officeCode: i <= 6 ? 'FS01' : 'FS02', passwordHash: fixturePasswordHash() }, '2022-01-01T00:00:00.000Z');
  db.pragma('synchronous = OFF');
  const ts = (expr: string): string => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr}, 'unixepoch')`;
  db.transaction(() => {
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${CASES - 1})
      INSERT INTO cases (id, case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date, documents_spared)
      SELECT i + 1, 'B' || i, CASE WHEN i % ${CLERKS} >= 6 THEN 'FS02' ELSE 'FS01' END, ${lifeEventSql('i')}, 'submitted',
             1 + i % ${CLERKS}, 'v', 'f', ${ts(`${START_S} + i * ${STEP_S}`)}, date(${START_S} + i * ${STEP_S}, 'unixepoch', '+8 hours'), (i * 7) % 5
      FROM n;

      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${NOTIFICATIONS - 1}),
      r AS (SELECT i, i / ${PER_CASE} AS c, (i * 2654435761) % 1000 AS h, (i * 40503 + 7) % 997 AS h2, (i * 69069 + 1) % 1009 AS h3 FROM n),
      it AS (SELECT r.*, CASE i % 4 WHEN 0 THEN 'N01' WHEN 1 THEN 'N04' WHEN 2 THEN CASE WHEN h < 500 THEN 'N08' ELSE 'N09' END
                                    ELSE CASE WHEN h < 600 THEN 'V01' WHEN h < 800 THEN 'N02' ELSE 'V03' END END AS item,
                         ${START_S} + c * ${STEP_S} AS t FROM r),
      m AS (SELECT it.*,
                   CASE WHEN h >= 40 THEN t + 2 + h2 END AS dl,
                   CASE WHEN h >= 90 THEN t + 2 + h2 + 600 + h2 * h3 * 3 END AS rc,
                   CASE WHEN h >= 180 THEN t + 2 + h2 + 600 + h2 * h3 * 3 + h3 * 1200 END AS cl
            FROM it)
      INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, delivered_at, received_at, closed_at, due_at, stats_office, stats_clerk, stats_life_event)
      SELECT printf('b%09d', i), c + 1, item, CASE WHEN item LIKE 'V%' THEN 'verification' ELSE 'notification' END,
             CASE item WHEN 'N04' THEN 'KH-LAND-FS' WHEN 'N08' THEN 'THB-KH-MV' WHEN 'N09' THEN 'KH-SOCIAL' WHEN 'V03' THEN 'KH-SOCIAL' ELSE 'KH-TAX' END,
             '{}', CASE WHEN h < 15 THEN 'failed' WHEN h < 30 THEN 'queued' WHEN h < 40 THEN 'sent' WHEN h < 90 THEN 'delivered' WHEN h < 180 THEN 'received'
                        WHEN h < 210 THEN 'rejected' ELSE 'completed' END,
             ${ts('t')}, ${ts('t')},
             CASE WHEN dl IS NOT NULL THEN ${ts('dl')} END, CASE WHEN rc IS NOT NULL THEN ${ts('rc')} END, CASE WHEN cl IS NOT NULL THEN ${ts('cl')} END,
             CASE WHEN dl IS NOT NULL THEN ${ts(`t + ${14 * 86_400}`)} END,
             CASE WHEN c % ${CLERKS} >= 6 THEN 'FS02' ELSE 'FS01' END, 1 + c % ${CLERKS}, ${lifeEventSql('c')}
      FROM m;

      INSERT INTO verification_answers (notification_id, found, text, actor, answered_at, change_cursor, received_at)
      SELECT id, 1, '有', 'agency', delivered_at, rowid, strftime('%Y-%m-%dT%H:%M:%fZ', delivered_at, '+' || (60 + rowid % 7200) || ' seconds')
      FROM notifications WHERE kind = 'verification' AND delivered_at IS NOT NULL AND rowid % 5 <> 0;

      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299999)
      INSERT INTO audit (at, actor_id, actor, action, detail, prev_hash, hash)
      SELECT ${ts(`${START_S} + i * ${Math.floor(SPAN_S / 300_000)}`)}, 1 + i % ${CLERKS}, 'clerk' || (1 + (i * 7) % ${CLERKS}),
             CASE i % 5 WHEN 0 THEN 'person.view' WHEN 1 THEN 'case.search' WHEN 2 THEN 'case.create' WHEN 3 THEN 'case.print' ELSE 'session.login' END,
             NULL, 'bench' || i, 'bench' || (i + 1)
      FROM n;
    `);
  })();
  db.pragma('synchronous = FULL');
  db.exec('ANALYZE');
}

/** What a supervisor looks at: this month by day, the last quarter by week, this year by month, and narrowed variants. */
export const REPRESENTATIVE_FILTERS: StatsFilterInput[] = [
  { from: '2026-11-01', to: '2026-11-26', granularity: 'day' },
  { from: '2026-10-01', to: '2026-10-31', granularity: 'day', agency: 'KH-TAX' },
  { from: '2026-08-27', to: '2026-11-26', granularity: 'week' },
  { from: '2026-08-27', to: '2026-11-26', granularity: 'week', clerkId: 3, status: 'completed' },
  { from: '2026-08-27', to: '2026-11-26', granularity: 'week', kind: 'verification' },
  { from: '2026-01-01', to: '2026-11-26', granularity: 'month', item: 'N08' },
  { from: '2026-08-27', to: '2026-11-26', granularity: 'week', lifeEvent: 'death' },
];

/** The heaviest view: everything of the year so far (~18% of the file), reported as its own entry. */
export const WHOLE_YEAR: StatsFilterInput = { from: '2026-01-01', to: '2026-11-26', granularity: 'month' };

/**
 * stats-1m: the `stats.dashboard` computation (every figure of the screen) over 1,000,000
 * notifications for the representative filters; value = the worst filter's p95. Baseline: a plain
 * indexed `SELECT COUNT(*)` of the same period's rows, in the same run. stats-1m-whole-year is
 * the unfiltered year so far (~180k notifications), the heaviest view, reported on its own.
 */
export function benchStats1m(log: (s: string) => void): BenchEntry[] {
  const tmp = tempDir('nin1-bench-stats-');
  try {
    const ctx = makeContext(tmp.file('stats1m.sqlite'));
    const t0 = Date.now();
    generateStatsData(ctx);
    log(`  generated ${NOTIFICATIONS.toLocaleString()} notifications in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const count = ctx.db.prepare('SELECT COUNT(*) FROM notifications n WHERE n.created_at >= ? AND n.created_at < ?').pluck();
    const measure = (input: StatsFilterInput): { p95: number; base: number } => {
      const f = StatsFilter.parse(input);
      let total = 0;
      const runs = timeRuns(RUNS, () => (total = computeDashboard(ctx, f).total), 2);
      const p95 = percentile(runs, 95);
      const sql = filterSql(f);
      const base = percentile(timeRuns(RUNS, () => count.get(sql.fromUtc, sql.toUtc), 2), 95);
      log(`  ${JSON.stringify(input)}: ${total.toLocaleString()} notifications, median ${percentile(runs, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (COUNT(*) of the period ${base.toFixed(1)} ms)`);
      return { p95, base };
    };
    let worst = { p95: 0, base: 0, label: '' };
    for (const input of REPRESENTATIVE_FILTERS) {
      const m = measure(input);
      if (m.p95 > worst.p95) worst = { ...m, label: JSON.stringify(input) };
    }
    const year = measure(WHOLE_YEAR);
    ctx.db.close();
    return [
      entry('stats-1m', worst.p95, 'ms', 200, { baseline: worst.base, note: `p95 of the worst representative filter ${worst.label}` }),
      entry('stats-1m-whole-year', year.p95, 'ms', 200, { baseline: year.base, note: `${JSON.stringify(WHOLE_YEAR)}: every notification of the year so far` }),
    ];
  } finally {
    tmp.cleanup();
  }
}

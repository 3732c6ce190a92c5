import { unlinkEvidenceSql } from '../evidence/repo';
import { PURGED_LOG_BODY } from '../store/migrations/evidenceLogRetention';
import { appendAuditIn } from '../store/auditLog';
import type { AuditDraft } from '../store/drafts';
import type { SqlDriver, SqlExec, SqlValue } from '../store/sql';

/**
 * SQL for the platform's retention purge (migration 4: notifications.purged_ms), written once for
 * both engines. A rule covers one catalogue item (or every code the catalogue no longer lists) and
 * the closing time at or before which its notifications have outlived their retention period.
 */
export type RetentionRule = { itemCode: string } | { otherThan: string[] };
export type RetentionStep = { rule: RetentionRule; cutoffMs: number };
export type RetentionCounts = { checked: number; purged: number; byItem: Record<string, number> };

/** What a purged row keeps in its personal-data columns: valid for the wire schemas (InboxEntry, StatusChange). */
export const PURGED_TEXT = '（已逾保存年限刪除）';
export const PURGED_PERSON = JSON.stringify({ id: '', name: PURGED_TEXT });
// JSON.stringify({found, text}) — the answer's `found` flag is kept (a statistic), its text is not.
const ANSWER_SQL = (col: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL WHEN ${col} LIKE '%"found":true%' THEN '${JSON.stringify({ found: true, text: PURGED_TEXT })}' ELSE '${JSON.stringify({ found: false, text: PURGED_TEXT })}' END`;
// A rejection reason is free text an agency clerk typed; it may name the person.
const REASON_SQL = (col: string) => `CASE WHEN ${col} IS NULL THEN NULL ELSE '${PURGED_TEXT}' END`;

const PAGE = 500;

/** The purged notifications' rows in changes (by changes_notification, migration 6; exported for its EXPLAIN test). */
export const purgeChangesSql = (ids: number): string =>
  `UPDATE changes SET answer = ${ANSWER_SQL('answer')}, reason = ${REASON_SQL('reason')} WHERE notification_id IN (${Array.from({ length: ids }, () => '?').join(', ')})`;

function ruleSql(rule: RetentionRule): { sql: string; params: SqlValue[] } {
  if ('itemCode' in rule) return { sql: 'item_code = ?', params: [rule.itemCode] };
  if (rule.otherThan.length === 0) return { sql: '1 = 1', params: [] };
  return { sql: `item_code NOT IN (${rule.otherThan.map(() => '?').join(', ')})`, params: rule.otherThan };
}

const DUE = 'purged_ms IS NULL AND closed_ms IS NOT NULL AND closed_ms <= ?';

/** Closed notifications not yet purged (whatever their age): the run's `checked`. */
async function pendingIn(q: SqlExec): Promise<number> {
  return Number((await q.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM notifications WHERE purged_ms IS NULL AND closed_ms IS NOT NULL'))!.n);
}

/**
 * Strips personal data (person, payload, answer text, rejection reasons — in notifications and in
 * the changes counters pull) from every closed notification past its cutoff, one transaction per
 * page of {@link PAGE} rows keyed on seq, so no lock is held for long. `purged_ms IS NULL` in the
 * UPDATE makes a page a no-op for rows another node purged meanwhile; status, dates, item, agencies
 * and counts stay, so statistics survive. Then one audit row for the run (counts per item only).
 * A dry run counts what would be purged and writes nothing.
 */
export async function purgeRetentionIn(
  db: SqlDriver, steps: RetentionStep[], opts: { dryRun: boolean; nowMs: number }, audit: (c: RetentionCounts) => AuditDraft,
): Promise<RetentionCounts> {
  const counts: RetentionCounts = { checked: await pendingIn(db), purged: 0, byItem: {} };
  const add = (item: string, n: number) => {
    if (n === 0) return;
    counts.purged += n;
    counts.byItem[item] = (counts.byItem[item] ?? 0) + n;
  };
  for (const step of steps) {
    const r = ruleSql(step.rule);
    if (opts.dryRun) {
      const rows = await db.all<{ item_code: string; n: number | string }>(
        `SELECT item_code, COUNT(*) AS n FROM notifications WHERE ${r.sql} AND ${DUE} GROUP BY item_code`, [...r.params, step.cutoffMs],
      );
      for (const row of rows) add(row.item_code, Number(row.n));
      continue;
    }
    let after = 0;
    for (;;) {
      const page = await db.all<{ seq: number | string }>(
        `SELECT seq FROM notifications WHERE ${r.sql} AND ${DUE} AND seq > ? ORDER BY seq LIMIT ?`, [...r.params, step.cutoffMs, after, PAGE],
      );
      if (page.length === 0) break;
      const seqs = page.map((p) => Number(p.seq));
      after = seqs[seqs.length - 1]!;
      const done = await db.tx(async (t) => {
        const marks = seqs.map(() => '?').join(', ');
        const purged = await t.all<{ id: string; item_code: string }>(
          `UPDATE notifications SET person = ?, payload = '{}', answer = ${ANSWER_SQL('answer')}, reason = ${REASON_SQL('reason')}, purged_ms = ?
           WHERE seq IN (${marks}) AND purged_ms IS NULL RETURNING id, item_code`,
          [PURGED_PERSON, opts.nowMs, ...seqs],
        );
        if (purged.length > 0) {
          await t.run(purgeChangesSql(purged.length), purged.map((p) => p.id));
          // Its consent evidence goes with its personal data; a file no retained notification names is removed by purgeOrphans.
          await t.run(unlinkEvidenceSql(purged.length), purged.map((p) => p.id));
          // And the message log's copies of its messages; the entries and the chain stay (migration 15).
          await t.run(`UPDATE evidence_log SET body = ? WHERE notification_id IN (${purged.map(() => '?').join(', ')})`, [PURGED_LOG_BODY, ...purged.map((p) => p.id)]);
        }
        return purged;
      });
      for (const p of done) add(p.item_code, 1);
      if (page.length < PAGE) break;
    }
  }
  if (!opts.dryRun) await db.tx((t) => appendAuditIn(t, audit(counts)));
  return counts;
}

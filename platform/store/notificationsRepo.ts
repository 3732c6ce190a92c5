import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import type { ChangeEvent, ChangesResponse, InboxEntry, InboxQuery, NotificationEnvelope, StatusChange, SubmitResult } from '../../shared/platform/wire';
import { caseBinder } from '../notifications/caseBinding';
import { heldEvidenceIn, linkEvidenceIn, missingEvidence } from '../evidence/repo';
import { putProgressRecordsIn } from '../progress/repo';
import { taipeiDay } from '../time';
import { appendAuditIn } from './auditLog';
import type { AuditDraft, Decision, DecisionRefusal, MailDraft, NotificationState } from './repository';
import { CHANGE_COLUMNS, INBOX_COLUMNS, toInboxEntry, toStatusChange, type ChangeRow, type NotificationRow } from './rows';
import type { LoggedMessage } from '../signing/logRepo';
import { chunked, valuesList, Where, type SqlExec, type SqlValue } from './sql';
import { countNewNotifications, rollupNotifications } from './statsRollup';

/**
 * Rows per multi-row INSERT: a whole batch (MAX_BATCH) in one statement per table, since every round
 * trip inside the writers' lock is time no other writer can use (and on a busy node, time the event
 * loop may be parsing another request); 23 columns × 500 = 11,500 parameters, far below SQLite's 32,766.
 */
const CHUNK = 500;

const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => chunked(xs, n);

/** An envelope to store; `message`: its message-log entry to write in the same transaction when it is held (issue 15). */
export type Incoming = { envelope: NotificationEnvelope; bodySha256: string; message?: LoggedMessage };

export async function submitIn(q: SqlExec, office: string, items: Incoming[], mails: MailDraft[], actor: string, now: Date, audit: AuditDraft): Promise<SubmitResult[]> {
  const at = now.toISOString();
  const day = taipeiDay(now);
  const ms = now.getTime();
  const ids = [...new Set(items.map((i) => i.envelope.id))];
  const prior = new Map<string, { office_code: string; delivered_at: string }>();
  for (const part of chunks(ids, 500)) {
    const rows = await q.all<{ id: string; office_code: string; delivered_at: string }>(
      `SELECT id, office_code, delivered_at FROM notifications WHERE id IN (${part.map(() => '?').join(', ')})`,
      part,
    );
    for (const r of rows) prior.set(r.id, r);
  }

  const cases = await caseBinder(q, items.map((i) => i.envelope.caseNo));
  // Issue 14 §2: the consent evidence an envelope names must already be here (checked in this transaction, so a purge cannot slip between).
  const held = await heldEvidenceIn(q, items.flatMap((i) => i.envelope.evidence?.map((r) => r.sha256) ?? []));
  const fresh: Incoming[] = [];
  const results: SubmitResult[] = [];
  for (const item of items) {
    const { id } = item.envelope;
    const p = prior.get(id);
    const caseConflict = p ? null : cases.conflict(item.envelope);
    const missing = p ? null : missingEvidence(item.envelope, held);
    if (p && p.office_code !== office) {
      // Never tell one office anything about another office's notification beyond "not yours".
      results.push({ id, outcome: 'rejected', error: { code: 'ID_CONFLICT', message: PLATFORM_ERRORS.ID_CONFLICT.message } });
    } else if (p) {
      results.push({ id, outcome: 'duplicate', deliveredAt: p.delivered_at });
    } else if (missing) {
      results.push({ id, outcome: 'rejected', error: { code: 'EVIDENCE_MISSING', message: `${PLATFORM_ERRORS.EVIDENCE_MISSING.message}（${missing}）` } });
    } else if (caseConflict) {
      results.push({ id, outcome: 'rejected', error: caseConflict });
    } else {
      prior.set(id, { office_code: office, delivered_at: at });
      fresh.push(item);
      results.push({ id, outcome: 'accepted', deliveredAt: at });
    }
  }

  for (const part of chunks(fresh)) {
    const values: SqlValue[] = [];
    for (const { envelope: e, bodySha256 } of part) {
      values.push(
        e.id, e.caseNo, e.officeCode, e.workstationId, e.senderAgency, e.receiverAgency, e.itemCode, e.kind, JSON.stringify(e.payload),
        JSON.stringify(e.person), e.localSeq, e.createdAt, bodySha256, 'delivered', null, null, at, day, ms, null, null, at,
        e.context ? JSON.stringify(e.context) : null,
      );
    }
    await q.run(
      `INSERT INTO notifications (id, case_no, office_code, workstation_id, sender_agency, receiver_agency, item_code, kind, payload,
         person, local_seq, client_created_at, body_sha256, status, reason, answer, delivered_at, delivered_day, delivered_ms, received_ms, closed_ms, updated_at, context)
       VALUES ${valuesList(part.length, 23)}`,
      values,
    );
    const changeValues: SqlValue[] = [];
    for (const { envelope: e } of part) changeValues.push(e.id, e.officeCode, e.receiverAgency, e.caseNo, 'delivered', null, null, actor, at);
    await q.run(
      `INSERT INTO changes (notification_id, office_code, receiver_agency, case_no, status, reason, answer, actor, at) VALUES ${valuesList(part.length, 9)}`,
      changeValues,
    );
  }
  // Statistics rollups, same transaction: the counted columns exactly as inserted above.
  await countNewNotifications(q, fresh.map(({ envelope: e }) => ({ delivered_day: day, item_code: e.itemCode, receiver_agency: e.receiverAgency, office_code: e.officeCode, kind: e.kind, status: 'delivered' })));

  // The alert mails of the verification requests stored now, one statement for the batch.
  const freshIds = new Set(fresh.map((f) => f.envelope.id));
  for (const part of chunks(mails.filter((m) => freshIds.has(m.notificationId)))) {
    await q.run(
      `INSERT INTO mail_outbox (notification_id, to_addr, subject, body, attempts, next_attempt_ms, created_at) VALUES ${valuesList(part.length, 7)}`,
      part.flatMap((m) => [m.notificationId, m.to, m.subject, m.body, 0, ms, at]),
    );
  }

  // Citizen progress lookup: the case's salted code hash, if the counter sent one (older counters do not).
  await putProgressRecordsIn(q, office, items.map((i) => i.envelope), at);
  await linkEvidenceIn(q, fresh.map((f) => f.envelope));

  const count = (o: SubmitResult['outcome']) => results.filter((r) => r.outcome === o).length;
  await appendAuditIn(q, { ...audit, detail: { ...audit.detail, accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected') } });
  return results;
}

export async function inboxOf(q: SqlExec, agency: string, query: InboxQuery, nowMs = Date.now()): Promise<{ entries: InboxEntry[]; nextCursor: number | null }> {
  const w = new Where()
    .add('receiver_agency = ?', agency)
    .add('seq > ?', query.cursor ?? 0)
    .opt('item_code = ?', query.item)
    .opt('status = ?', query.status)
    .opt('delivered_day >= ?', query.from)
    .opt('delivered_day <= ?', query.to);
  if (query.overdue) w.add('due_ms < ? AND closed_ms IS NULL', nowMs); // 逾時未回報 only (due_ms filled by platform/overdue)
  const rows = await q.all<NotificationRow>(`SELECT ${INBOX_COLUMNS} FROM notifications ${w.sql} ORDER BY seq LIMIT ?`, [...w.params, query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;
  return { entries: page.map(toInboxEntry), nextCursor: more ? page[page.length - 1]!.seq : null };
}

export async function entryOf(q: SqlExec, id: string): Promise<InboxEntry | null> {
  const row = await q.get<NotificationRow>(`SELECT ${INBOX_COLUMNS} FROM notifications WHERE id = ?`, [id]);
  return row ? toInboxEntry(row) : null;
}

type TransitionResult =
  | { ok: true; entry: InboxEntry; changes: StatusChange[]; officeCode: string; receivers: string[] }
  | { ok: false; code: 'NOT_FOUND' | DecisionRefusal };

/**
 * Applies a lifecycle decision in the caller's transaction: one change row per step, the
 * notification's columns, and what an event implies — a transfer moves the notification to the new
 * receiver (its inbox, the progress lookup and statistics follow `receiver_agency`) and is kept in
 * `transfers`; a 補件 request opens a round, its answer closes it and merges the new fields into the
 * payload. `receivers`: the agencies whose inboxes changed (both, for a transfer).
 */
export async function transitionIn(q: SqlExec, id: string, decide: (s: NotificationState) => Decision, actor: string, now: Date, audit: AuditDraft): Promise<TransitionResult> {
  const row = await q.get<{ id: string; kind: NotificationState['kind']; office_code: string; receiver_agency: string; case_no: string; status: NotificationState['status']; item_code: string; supplement: string | null; payload: string }>(
    'SELECT id, kind, office_code, receiver_agency, case_no, status, item_code, supplement, payload FROM notifications WHERE id = ?',
    [id],
  );
  if (!row) return { ok: false, code: 'NOT_FOUND' };
  const previousReceivers = (await q.all<{ from_agency: string }>('SELECT from_agency FROM transfers WHERE notification_id = ? ORDER BY seq', [id])).map((r) => r.from_agency);
  const rounds = Number((await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM supplement_rounds WHERE notification_id = ?', [id]))?.n ?? 0);
  const decision = decide({
    id: row.id, kind: row.kind, officeCode: row.office_code, receiverAgency: row.receiver_agency, caseNo: row.case_no, status: row.status,
    itemCode: row.item_code, previousReceivers, openSupplement: row.supplement === null ? null : (JSON.parse(row.supplement) as { round: number }).round, supplementRounds: rounds,
  });
  if (!decision.ok) return decision;
  // The statistics rollups: this notification's figures out now, back in after the change (statsRollup.ts).
  await rollupNotifications(q, [id], -1);
  const at = now.toISOString();
  const ms = now.getTime();
  const changes: StatusChange[] = [];
  const receivers = new Set([row.receiver_agency]);
  let receiver = row.receiver_agency;
  for (const c of decision.changes) {
    const answer = c.answer ? JSON.stringify(c.answer) : null;
    if (c.event?.type === 'transfer') receiver = c.event.to;
    const inserted = await q.all<ChangeRow>(
      `INSERT INTO changes (notification_id, office_code, receiver_agency, case_no, status, reason, answer, actor, at, event)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${CHANGE_COLUMNS}`,
      [row.id, row.office_code, receiver, row.case_no, c.status, c.reason, answer, actor, at, c.event ? JSON.stringify(c.event) : null],
    );
    changes.push(...inserted.map(toStatusChange));
    const closing = c.status === 'completed' || c.status === 'rejected';
    await q.run(
      `UPDATE notifications SET status = ?, reason = COALESCE(?, reason), answer = COALESCE(?, answer), updated_at = ?,
         received_ms = COALESCE(received_ms, ?), closed_ms = ${closing ? '?' : 'closed_ms'} WHERE id = ?`,
      closing ? [c.status, c.reason, answer, at, ms, ms, row.id] : [c.status, c.reason, answer, at, ms, row.id],
    );
    if (closing) await q.run('UPDATE notifications SET supplement = NULL WHERE id = ?', [row.id]);
    if (c.event) await applyEvent(q, row.id, c.event, { reason: c.reason ?? '', actor, ms, payload: row.payload });
    if (c.event?.type === 'transfer') receivers.add(c.event.to);
  }
  await rollupNotifications(q, [id], 1);
  if (changes.length > 0) await appendAuditIn(q, { ...audit, detail: { ...audit.detail, statuses: changes.map((c) => c.status) } });
  const entry = await entryOf(q, id);
  return { ok: true, entry: entry!, changes, officeCode: row.office_code, receivers: [...receivers] };
}

/** The rows an event implies beyond its change row (see transitionIn). */
async function applyEvent(q: SqlExec, id: string, e: ChangeEvent, c: { reason: string; actor: string; ms: number; payload: string }): Promise<void> {
  switch (e.type) {
    case 'transfer': {
      const seq = Number((await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM transfers WHERE notification_id = ?', [id]))?.n ?? 0) + 1;
      await q.run('INSERT INTO transfers (notification_id, seq, from_agency, to_agency, reason, actor, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, seq, e.from, e.to, c.reason, c.actor, c.ms]);
      // The new receiver has not opened it: its deadline and 簽收 start again (the overdue fill recomputes NULL due_ms).
      await q.run('UPDATE notifications SET receiver_agency = ?, received_ms = NULL, due_ms = NULL, supplement = NULL WHERE id = ?', [e.to, id]);
      return;
    }
    case 'supplement-request': {
      const agency = (await q.get<{ receiver_agency: string }>('SELECT receiver_agency FROM notifications WHERE id = ?', [id]))!.receiver_agency;
      await q.run('INSERT INTO supplement_rounds (notification_id, round, agency, missing, due_date, requested_ms) VALUES (?, ?, ?, ?, ?, ?)', [id, e.round, agency, JSON.stringify(e.missing), e.dueDate, c.ms]);
      await q.run('UPDATE notifications SET supplement = ? WHERE id = ?', [JSON.stringify({ round: e.round, missing: e.missing, dueDate: e.dueDate }), id]);
      return;
    }
    case 'supplement-answer': {
      await q.run('UPDATE supplement_rounds SET answered_ms = ?, answer = ? WHERE notification_id = ? AND round = ?', [c.ms, JSON.stringify({ fields: e.fields, note: e.note }), id, e.round]);
      const payload = { ...(JSON.parse(c.payload) as Record<string, unknown>), ...e.fields };
      await q.run('UPDATE notifications SET supplement = NULL, payload = ? WHERE id = ?', [JSON.stringify(payload), id]);
      return;
    }
  }
}

/** Changes that carry an event (transfers, 補件 rounds) of one notification, oldest first. */
export async function threadOf(q: SqlExec, id: string): Promise<{ officeCode: string; receiverAgency: string; events: StatusChange[] } | null> {
  const n = await q.get<{ office_code: string; receiver_agency: string }>('SELECT office_code, receiver_agency FROM notifications WHERE id = ?', [id]);
  if (!n) return null;
  const rows = await q.all<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE notification_id = ? AND event IS NOT NULL ORDER BY cursor`, [id]);
  return { officeCode: n.office_code, receiverAgency: n.receiver_agency, events: rows.map(toStatusChange) };
}

export async function changesOf(q: SqlExec, office: string, cursor: number, limit: number): Promise<ChangesResponse> {
  const rows = await q.all<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE office_code = ? AND cursor > ? ORDER BY cursor LIMIT ?`, [office, cursor, limit + 1]);
  const page = rows.slice(0, limit);
  return { changes: page.map(toStatusChange), nextCursor: page.length > 0 ? page[page.length - 1]!.cursor : cursor, more: rows.length > limit };
}

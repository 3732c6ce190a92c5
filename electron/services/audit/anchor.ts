import { AnchorReceipt, anchorMessageId, type AuditAnchor, type AuditHead } from '../../../shared/signing/anchor';
import { AppFailure } from '../../../shared/result';
import type { WritableDb } from '../db/open';
import type { PlatformClient } from '../platform-client/client';
import { receiptProblem } from '../signing/platformAnswers';
import { readState, writeState } from '../sync/state';

/**
 * The counter's side of anchoring its audit chain (issue 15 §2): the head it sends on each sync,
 * and the platform's countersigned receipt for it. The receipt of the last head anchored is kept in
 * sync_state, so a sync that finds the head unchanged sends nothing more.
 */
export const ANCHOR_STATE_KEY = 'audit-anchor';

type Reader = Pick<WritableDb, 'prepare'>;

/** Entry count and last hash of the local chain; null while it is empty. Any connection (read-only too). */
export function auditHead(db: Reader): AuditHead | null {
  const r = db.prepare('SELECT (SELECT COUNT(*) FROM audit) AS count, (SELECT hash FROM audit ORDER BY id DESC LIMIT 1) AS hash').get() as { count: number; hash: string | null };
  return r.hash === null ? null : { count: r.count, hash: r.hash };
}

/** The hash of the chain's n-th entry (1-based, in chain order), or null when the chain is shorter. */
export function auditHashAt(db: Reader, n: number): string | null {
  return (db.prepare('SELECT hash FROM audit ORDER BY id LIMIT 1 OFFSET ?').pluck().get(n - 1) as string | undefined) ?? null;
}

/**
 * Sends the current head unless it is the one last anchored, checks the receipt (for exactly this
 * workstation's head, signed by the pinned key; else the typed refusal is thrown and nothing is
 * kept) and keeps it. Returns the head anchored now, or null when there was nothing new to send.
 */
export async function anchorAuditHead(
  db: WritableDb,
  client: PlatformClient,
  o: { subject: string; pinnedKey: string; at: string; signal?: AbortSignal; timeoutMs?: number },
): Promise<AuditHead | null> {
  const head = auditHead(db);
  if (!head) return null;
  const last = readState(db, ANCHOR_STATE_KEY);
  if (last && (JSON.parse(last) as AuditHead).hash === head.hash) return null;
  const answer = await client.call('anchorAudit', { body: head }, { ...(o.signal ? { signal: o.signal } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
  const sent: AuditAnchor = { kind: 'audit-anchor', subject: o.subject, count: head.count, hash: head.hash };
  const problem = receiptProblem(answer.receipt, { id: anchorMessageId(sent), body: sent }, o.pinnedKey);
  if (problem) throw new AppFailure(problem);
  writeState(db, ANCHOR_STATE_KEY, JSON.stringify({ ...head, receipt: answer.receipt } satisfies AuditHead & Pick<AnchorReceipt, 'receipt'>), o.at);
  return head;
}

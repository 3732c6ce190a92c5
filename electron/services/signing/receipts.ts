import type { NotificationEnvelope, SubmitResult } from '../../../shared/platform/wire';
import type { Receipt } from '../../../shared/signing/schema';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import type { AppError } from '../../../shared/result';
import { receiptProblem } from './platformAnswers';
import { canonicalJson, signedPart } from '../../../shared/signing/canonical';
import { verifyManyCanonical } from './batchSignature';
import { keyIdOf } from './ed25519';

/**
 * Keeps the platform's receipt for each envelope it holds (issue 15 §2), in the caller's
 * transaction (the same one that marks the rows delivered). A receipt is kept only when it is for
 * exactly the message this counter sent (same id, same hash of the envelope as sent, signature
 * included) and signed by the platform key pinned at enrolment (not checked for a credential
 * enrolled before keys were pinned). Anything else is refused with its typed error (returned and
 * logged); the row is delivered anyway (the platform's answer is what delivers it; the missing
 * receipt is what the evidence lacks). The first receipt of a notification stays: a resend's
 * receipt is its original one.
 */
export function storeReceipts(
  db: WritableDb,
  envelopes: readonly NotificationEnvelope[],
  results: readonly SubmitResult[],
  log?: Logger,
  pinnedKey: string | null = null,
  messageHashes?: readonly string[],
): { kept: number; refused: { id: string; error: AppError }[] } {
  const sent = new Map(envelopes.map((e, i) => [e.id, { body: e, hash: messageHashes?.[i] }]));
  const insert = db.prepare('INSERT INTO platform_receipts (notification_id, seq, at, message_hash, receipt) VALUES (?, ?, ?, ?, ?) ON CONFLICT (notification_id) DO NOTHING');
  const held = results.filter((r): r is SubmitResult & { receipt: Receipt } => r.outcome !== 'rejected' && r.receipt !== undefined);
  // The platform signs a response's receipts as one batch: checked together, one verify per batch.
  const verdicts = pinnedKey === null ? [] : verifiedByPinned(held.map((r) => r.receipt), pinnedKey);
  let kept = 0;
  const refused: { id: string; error: AppError }[] = [];
  held.forEach((r, i) => {
    const message = sent.get(r.id);
    const error = receiptProblem(r.receipt, { id: r.id, body: message?.body ?? null, hash: message?.hash }, pinnedKey, verdicts[i]);
    if (error) {
      refused.push({ id: r.id, error });
      log?.warn({ action: 'receipt-refused', id: r.id, reason: error.code }, 'platform receipt refused');
      return;
    }
    kept += insert.run(r.id, r.receipt.seq, r.receipt.at, r.receipt.messageHash, JSON.stringify(r.receipt)).changes;
  });
  return { kept, refused };
}

/** Per receipt: signed by the pinned platform key (its key id, and the signature over its canonical form). */
function verifiedByPinned(receipts: readonly Receipt[], pinnedKey: string): boolean[] {
  const keyId = keyIdOf(pinnedKey);
  const ok = verifyManyCanonical(
    receipts.map((rc) => canonicalJson(signedPart(rc))),
    receipts.map((rc) => rc.signature),
    pinnedKey,
  );
  return receipts.map((rc, i) => rc.signature.keyId === keyId && ok[i]!);
}

/** The receipts of a case's notifications, for the case detail (oldest first). */
export function receiptsOfCase(db: WritableDb, caseNo: string): { notificationId: string; receipt: Receipt }[] {
  const rows = db
    .prepare('SELECT r.notification_id AS id, r.receipt FROM platform_receipts r JOIN notifications n ON n.id = r.notification_id JOIN cases c ON c.id = n.case_id WHERE c.case_no = ? ORDER BY r.seq')
    .all(caseNo) as { id: string; receipt: string }[];
  return rows.map((r) => ({ notificationId: r.id, receipt: JSON.parse(r.receipt) as Receipt }));
}

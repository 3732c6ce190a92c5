import type { ReceiptView } from '../../../shared/contract/receiptsApi';
import { signedPart } from '../../../shared/signing/canonical';
import type { ServiceContext } from '../context';
import { verifySignature } from './batchSignature';
import { receiptsOfCase } from './receipts';

/**
 * The platform's signed receipts of a case's notifications (issue 15 §2) for the case screen: when
 * the platform took each message, its place in the message log and the message hash, each checked
 * here against the platform key this workstation pinned at enrolment (✓/✗), never against a key the
 * receipt or the network offers. No pinned key (enrolled before pinning): `verified` is null.
 */
export function caseReceipts(ctx: Pick<ServiceContext, 'db' | 'catalogue'>, caseNo: string, pinnedKey: string | null): ReceiptView[] {
  const rows = ctx.db
    .prepare('SELECT n.id, n.item_code, n.receiver_agency FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ?')
    .all(caseNo) as { id: string; item_code: string; receiver_agency: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return receiptsOfCase(ctx.db, caseNo).map(({ notificationId, receipt }) => {
    const n = byId.get(notificationId);
    const itemCode = n?.item_code ?? '';
    return {
      notificationId,
      itemCode,
      itemTitle: ctx.catalogue.items.find((i) => i.code === itemCode)?.title ?? itemCode,
      receiverName: ctx.catalogue.agencies.find((a) => a.code === n?.receiver_agency)?.name ?? n?.receiver_agency ?? '',
      seq: receipt.seq,
      at: receipt.at,
      messageHash: receipt.messageHash,
      verified: pinnedKey === null ? null : verifySignature(signedPart(receipt), receipt.signature, pinnedKey),
    };
  });
}

import { signedPart } from '../../../shared/signing/canonical';
import type { AnchoredHead } from '../../../shared/signing/anchor';
import type { LogHead, MessageSignature, Receipt } from '../../../shared/signing/schema';
import type { AppError } from '../../../shared/result';
import { keyIdOf } from './ed25519';
import { verifySignature } from './batchSignature';
import { canonicalSha256 } from './hashes';

/**
 * What the counter accepts from the platform (issue 15 §2), each checked against the platform key
 * pinned at enrolment (`platform_credentials.platform_key`): a key that came with the answer itself
 * proves nothing, anyone can sign with their own. Each check returns the typed refusal or null.
 */
const signedByPinned = (value: { signature: MessageSignature }, pinnedKey: string): boolean =>
  value.signature.keyId === keyIdOf(pinnedKey) && verifySignature(signedPart(value), value.signature, pinnedKey);

/**
 * A receipt is for exactly the message sent (its id, the hash of it as sent) and signed by the pinned
 * key. `message.hash`: the message hash when the caller has it already (else computed from the body);
 * `signatureOk`: the signature's verdict when the caller checked many receipts at once (storeReceipts).
 */
export function receiptProblem(receipt: Receipt, message: { id: string; body: unknown; hash?: string }, pinnedKey: string | null, signatureOk?: boolean): AppError | null {
  if (receipt.messageId !== message.id || receipt.messageHash !== (message.hash ?? canonicalSha256(message.body))) {
    return { code: 'RECEIPT_FOR_OTHER_MESSAGE', message: `平台收據不是訊息「${message.id}」的收據（訊息編號或雜湊不符），未保存` };
  }
  if (pinnedKey !== null && !(signatureOk ?? signedByPinned(receipt, pinnedKey))) {
    return { code: 'RECEIPT_SIGNATURE_INVALID', message: `訊息「${message.id}」的平台收據簽章無法以註冊時鎖定的平台公鑰驗證，未保存` };
  }
  return null;
}

/**
 * /v1/log/head: published with the pinned key, signed by it, and not behind what this counter
 * already holds (a receipt or anchor at `atLeastSeq` means the log had at least that many entries).
 */
export function logHeadProblem(head: LogHead, pinnedKey: string, atLeastSeq = 0): AppError | null {
  if (head.publicKey !== pinnedKey) return { code: 'LOG_HEAD_KEY_MISMATCH', message: '平台訊息紀錄頭附的公鑰不是註冊時鎖定的平台公鑰' };
  if (!signedByPinned(head, pinnedKey)) return { code: 'LOG_HEAD_SIGNATURE_INVALID', message: '平台訊息紀錄頭的簽章驗證失敗（內容遭變更或非平台所簽）' };
  if (head.seq < atLeastSeq) return { code: 'LOG_HEAD_BEHIND', message: `平台訊息紀錄頭只到第 ${head.seq} 筆，但本機持有第 ${atLeastSeq} 筆的收據：紀錄頭與收據不符` };
  return null;
}

/**
 * The anchored audit head: signed by the pinned key, answering this question (nonce), for this
 * workstation (the credential holds its id; the office part of the subject comes from the token).
 */
export function anchoredHeadProblem(head: AnchoredHead, pinnedKey: string, expected: { workstationId: string; nonce: string }): AppError | null {
  if (!signedByPinned(head, pinnedKey)) return { code: 'ANCHOR_SIGNATURE_INVALID', message: '平台回覆的稽核紀錄存證簽章無法以註冊時鎖定的平台公鑰驗證' };
  if (head.nonce !== expected.nonce) return { code: 'ANCHOR_NONCE_MISMATCH', message: '平台回覆的稽核紀錄存證不是本次查詢的回覆（查核碼不符，可能是重送的舊回覆）' };
  if (/^workstation:[^/]+\/(.+)$/.exec(head.subject)?.[1] !== expected.workstationId) {
    return { code: 'ANCHOR_SUBJECT_MISMATCH', message: `平台回覆的是「${head.subject}」的存證，不是本工作站「${expected.workstationId}」的` };
  }
  return null;
}

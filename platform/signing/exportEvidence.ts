import type { EvidenceBundle } from '../../shared/signing/evidence';
import { MessageSignature } from '../../shared/signing/schema';
import { AppFailure } from '../../shared/result';
import type { PlatformStore } from '../store/repository';
import { platformSigner } from './platformKey';
import { receiptOf, signedHead } from './receipts';
import { PURGED_LOG_BODY } from '../store/migrations/evidenceLogRetention';

/**
 * The evidence bundle for one notification (issue 15 §3): the signed message as received, its
 * receipt, its log entry, the chain to a freshly signed head, and the keys. Unsigned messages
 * (older counters) have no sender signature to prove, so they have no bundle.
 */
export async function exportEvidence(store: PlatformStore, notificationId: string, at: string): Promise<EvidenceBundle> {
  const entry = await store.evidenceLog.entryOf(notificationId);
  if (!entry) throw new AppFailure({ code: 'EVIDENCE_NOT_FOUND', message: `訊息紀錄中沒有通報「${notificationId}」` });
  if (entry.body === PURGED_LOG_BODY) {
    throw new AppFailure({ code: 'EVIDENCE_PURGED', message: `通報「${notificationId}」已逾保存年限，訊息內容已刪除；訊息紀錄第 ${entry.seq} 筆（雜湊 ${entry.messageHash}）仍在雜湊鏈中` });
  }
  const message = JSON.parse(entry.body) as Record<string, unknown>;
  const sig = MessageSignature.safeParse(message.signature);
  if (!sig.success) throw new AppFailure({ code: 'EVIDENCE_UNSIGNED', message: `通報「${notificationId}」未經簽章（舊版櫃台送出），無法產生證據包` });
  const key = await store.signingKeys.get(sig.data.keyId);
  if (!key) throw new AppFailure({ code: 'EVIDENCE_KEY_UNKNOWN', message: `找不到簽章金鑰「${sig.data.keyId}」` });
  const signer = await platformSigner(store);
  // Read the head first, then the chain up to exactly that head (entries appended meanwhile are not in it).
  const head = await signedHead(store, at);
  const { body: _body, ...plain } = entry;
  return {
    format: 'nin1-evidence/1',
    message,
    senderKey: key,
    receipt: receiptOf(plain, signer),
    entry: plain,
    chain: await store.evidenceLog.range(plain.seq, head.seq),
    head,
  };
}

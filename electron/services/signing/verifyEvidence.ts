import { signedPart } from '../../../shared/signing/canonical';
import type { EvidenceBundle } from '../../../shared/signing/evidence';
import { keyIdOf, verifyCanonical } from './ed25519';
import { verifySignature } from './batchSignature';
import { canonicalSha256, entryHashOf } from './hashes';

export type EvidenceVerdict = { ok: true; lines: string[] } | { ok: false; failed: string[]; lines: string[] };

/**
 * Checks a bundle step by step and names every step that fails: the sender's signature over the
 * message, the receipt (for this message, signed by the platform), the log entry behind it, the
 * chain from that entry to the head, and the head's signature. Pure: no database, no network.
 */
export function verifyEvidence(b: EvidenceBundle): EvidenceVerdict {
  const failed: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failed.push(what);
  };
  const msg = b.message as { id?: unknown; signature?: { keyId?: string; value?: string; batch?: { index: number; size: number; path: string } }; createdAt?: unknown; caseNo?: unknown; itemCode?: unknown; receiverAgency?: unknown };
  const platformKey = b.head.publicKey;

  check(keyIdOf(b.senderKey.publicKey) === b.senderKey.keyId, 'SENDER_KEY_ID 送件金鑰代碼與公鑰不符');
  check(msg.signature?.keyId === b.senderKey.keyId, 'MESSAGE_KEY 訊息簽章的金鑰不是所附送件金鑰');
  check(msg.signature !== undefined && typeof msg.signature.value === 'string' && verifySignature(signedPart(b.message), { ...msg.signature, value: msg.signature.value }, b.senderKey.publicKey), 'MESSAGE_SIGNATURE 訊息簽章驗證失敗（內容遭變更）');
  check(b.senderKey.revokedAt === null || b.senderKey.revokedAt > b.receipt.at, 'SENDER_KEY_REVOKED 送件金鑰於平台收件前已撤銷');

  check(b.receipt.messageId === msg.id && b.receipt.messageHash === canonicalSha256(b.message), 'RECEIPT_MESSAGE 收據不是此訊息的收據');
  check(verifySignature(signedPart(b.receipt), b.receipt.signature, platformKey), 'RECEIPT_SIGNATURE 收據的平台簽章驗證失敗');

  const e = b.entry;
  check(e.hash === entryHashOf(e) && e.seq === b.receipt.seq && e.hash === b.receipt.entryHash && e.messageHash === b.receipt.messageHash && e.messageId === b.receipt.messageId && e.at === b.receipt.at, 'LOG_ENTRY 訊息紀錄項目與收據不符');
  let last = e;
  for (const next of b.chain) {
    if (next.seq !== last.seq + 1 || next.prevHash !== last.hash || next.hash !== entryHashOf(next)) {
      failed.push(`CHAIN_BROKEN 雜湊鏈於第 ${next.seq} 筆斷裂`);
      break;
    }
    last = next;
  }
  check(last.seq === b.head.seq && last.hash === b.head.hash, 'LOG_HEAD 雜湊鏈未通到所附的紀錄頭');
  check(verifyCanonical(signedPart(b.head), b.head.signature.value, platformKey), 'HEAD_SIGNATURE 紀錄頭的平台簽章驗證失敗');

  const lines = [
    `訊息 ${String(msg.id)}（案件 ${String(msg.caseNo)}，項目 ${String(msg.itemCode)}，送 ${String(msg.receiverAgency)}）`,
    `送件簽署：${b.senderKey.subject}，金鑰 ${b.senderKey.keyId}，櫃台時間 ${String(msg.createdAt)}`,
    `平台收件：${b.receipt.at}，訊息紀錄第 ${b.receipt.seq} 筆，平台金鑰 ${b.receipt.signature.keyId}`,
    `紀錄頭：第 ${b.head.seq} 筆，${b.head.at}，雜湊 ${b.head.hash}`,
  ];
  return failed.length === 0 ? { ok: true, lines } : { ok: false, failed, lines };
}

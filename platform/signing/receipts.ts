import type { LogEntry, LogHead, Receipt } from '../../shared/signing/schema';
import type { SubmitResult } from '../../shared/platform/wire';
import { canonicalSha256 } from '../../electron/services/signing/hashes';
import type { PlatformStore } from '../store/repository';
import { platformSigner } from './platformKey';

export const receiptOf = (entry: LogEntry, sign: (v: unknown) => Receipt['signature']): Receipt => {
  const body = { messageId: entry.messageId, messageHash: entry.messageHash, seq: entry.seq, at: entry.at, entryHash: entry.hash };
  return { ...body, signature: sign(body) };
};

/**
 * Every accepted or duplicate message gets its log entry (new, or the one it already has) and a
 * signed receipt. The message hash covers the envelope as received, signature included.
 */
export async function withReceipts(store: PlatformStore, raw: readonly unknown[], results: SubmitResult[], at: string): Promise<SubmitResult[]> {
  const held = results.map((r, i) => ({ r, body: raw[i] })).filter((x) => x.r.outcome !== 'rejected');
  if (held.length === 0) return results;
  const messages = held.map(({ r, body }) => ({ id: r.id, hash: canonicalSha256(body), body: JSON.stringify(body) }));
  const entries = await store.evidenceLog.appendOrGet(messages, at);
  const signer = await platformSigner(store);
  return results.map((r) => {
    const entry = r.outcome === 'rejected' ? undefined : entries.get(r.id);
    return entry ? { ...r, receipt: receiptOf(entry, (v) => signer.sign(v)) } : r;
  });
}

/** The signed head of the log, published at /v1/log/head. */
export async function signedHead(store: PlatformStore, at: string): Promise<LogHead> {
  const signer = await platformSigner(store);
  const head = await store.evidenceLog.head();
  const body = { seq: head.seq, hash: head.hash, at, publicKey: signer.publicKey };
  return { ...body, signature: signer.sign(body) };
}


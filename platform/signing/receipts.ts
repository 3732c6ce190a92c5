import type { LogEntry, LogHead, Receipt } from '../../shared/signing/schema';
import type { SubmitResult } from '../../shared/platform/wire';
import type { PlatformStore } from '../store/repository';
import type { LoggedMessage } from './logRepo';
import { platformSigner } from './platformKey';
import { signMany } from '../../electron/services/signing/batchSignature';
import type { Signer } from '../../electron/services/signing/signer';

const receiptBody = (entry: LogEntry): Omit<Receipt, 'signature'> => ({ messageId: entry.messageId, messageHash: entry.messageHash, seq: entry.seq, at: entry.at, entryHash: entry.hash });

export const receiptOf = (entry: LogEntry, signer: Pick<Signer, 'sign'>): Receipt => {
  const body = receiptBody(entry);
  return { ...body, signature: signer.sign(body) };
};

/** The receipts of many entries under one batch signature (batchSignature.ts), in order. */
export const receiptsOf = (entries: readonly LogEntry[], signer: Pick<Signer, 'sign'>): Receipt[] => {
  const bodies = entries.map(receiptBody);
  const signatures = signMany(signer, bodies);
  return bodies.map((body, i) => ({ ...body, signature: signatures[i]! }));
};

/**
 * Every accepted or duplicate message gets the platform's signed receipt for its log entry.
 * `messages`: the submitted messages by id; held ones were logged by the submit's own transaction,
 * so this only reads their entries (and logs one that somehow is not, rather than answering without).
 */
export async function withReceipts(store: PlatformStore, results: SubmitResult[], messages: readonly LoggedMessage[], at: string): Promise<SubmitResult[]> {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const held = results.flatMap((r) => (r.outcome !== 'rejected' && byId.has(r.id) ? [byId.get(r.id)!] : []));
  if (held.length === 0) return results;
  const entries = await store.evidenceLog.appendOrGet(held, at);
  const signer = await platformSigner(store);
  const receipted = results.filter((r) => r.outcome !== 'rejected' && entries.has(r.id));
  const receipts = new Map(receiptsOf(receipted.map((r) => entries.get(r.id)!), signer).map((rc) => [rc.messageId, rc]));
  return results.map((r) => {
    const receipt = r.outcome === 'rejected' ? undefined : receipts.get(r.id);
    return receipt ? { ...r, receipt } : r;
  });
}

/** The signed head of the log, published at /v1/log/head. */
export async function signedHead(store: PlatformStore, at: string): Promise<LogHead> {
  const signer = await platformSigner(store);
  const head = await store.evidenceLog.head();
  const body = { seq: head.seq, hash: head.hash, at, publicKey: signer.publicKey };
  return { ...body, signature: signer.sign(body) };
}


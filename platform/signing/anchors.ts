import { anchorMessageId, type AnchoredHead, type AnchorReceipt, type AuditAnchor, type AuditHead } from '../../shared/signing/anchor';
import { GENESIS_HASH } from '../../shared/signing/schema';
import { canonicalSha256 } from '../../electron/services/signing/hashes';
import type { PlatformStore } from '../store/repository';
import { platformSigner } from './platformKey';
import { receiptOf } from './receipts';

/**
 * A workstation anchors its audit chain's head (issue 15 §2): the head goes into the message log
 * like any signed message and the platform's receipt countersigns it (the receipt's message hash
 * covers subject, count and hash). The subject comes from the token, never from the body.
 */
export async function anchorAuditHead(store: PlatformStore, subject: string, head: AuditHead, at: string): Promise<AnchorReceipt> {
  const anchor: AuditAnchor = { kind: 'audit-anchor', subject, count: head.count, hash: head.hash };
  const entry = await store.evidenceLog.appendAnchor(subject, { id: anchorMessageId(anchor), hash: canonicalSha256(anchor), body: JSON.stringify(anchor) }, head, at);
  const signer = await platformSigner(store);
  return { anchor, receipt: receiptOf(entry, signer) };
}

/**
 * What verify-audit checks a local chain against: the highest head anchored for this subject,
 * signed with the caller's nonce so a stored answer cannot stand in for a fresh one.
 */
export async function anchoredHead(store: PlatformStore, subject: string, nonce: string, at: string): Promise<AnchoredHead> {
  const record = await store.evidenceLog.anchorOf(subject);
  const signer = await platformSigner(store);
  const body = {
    subject,
    count: record?.count ?? 0,
    hash: record?.hash ?? GENESIS_HASH,
    seq: record?.seq ?? 0,
    anchoredAt: record?.at ?? null,
    at,
    nonce,
  };
  return { ...body, signature: signer.sign(body) };
}

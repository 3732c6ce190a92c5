import { z } from '../zod';
import { MessageSignature, Receipt, Sha256Hex } from './schema';

/**
 * Anchoring the counter's audit chain at the platform (issue 15 §2). A hash chain alone cannot show
 * that its newest entries were cut off: the rest still links. So each sync sends the chain's head
 * (entry count and last hash); the platform logs it in its message log and countersigns it, and
 * `verify-audit --against-platform` later asks which head the platform holds for this workstation.
 */
export const AuditHead = z.strictObject({ count: z.number().int().positive(), hash: Sha256Hex });
export type AuditHead = z.infer<typeof AuditHead>;

/** The anchor as the platform records it in its message log: what the receipt's message hash covers. */
export const AuditAnchor = z.strictObject({ kind: z.literal('audit-anchor'), subject: z.string(), count: z.number().int().positive(), hash: Sha256Hex });
export type AuditAnchor = z.infer<typeof AuditAnchor>;

/** Its message id in the log: one entry per distinct head of one workstation, so resending a head is a duplicate. */
export const anchorMessageId = (a: Pick<AuditAnchor, 'subject' | 'count' | 'hash'>): string => `audit-anchor:${a.subject}:${a.count}:${a.hash}`;

/** The platform's answer to an anchor: the anchor as logged and its signed receipt. */
export const AnchorReceipt = z.object({ anchor: AuditAnchor, receipt: Receipt });
export type AnchorReceipt = z.infer<typeof AnchorReceipt>;

/** A fresh random value per question, so an old signed answer cannot be replayed as today's. */
export const AnchorNonce = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '查核碼格式不正確');
export const AnchoredHeadQuery = z.strictObject({ nonce: AnchorNonce });

/**
 * The highest head the platform has anchored for the calling workstation (count 0 and the genesis
 * hash when none yet), signed by the platform key over the other fields, the caller's nonce included.
 * `seq` is the anchor's entry in the message log (0 when none).
 */
export const AnchoredHead = z.strictObject({
  subject: z.string(),
  count: z.number().int().nonnegative(),
  hash: Sha256Hex,
  seq: z.number().int().nonnegative(),
  anchoredAt: z.iso.datetime().nullable(),
  at: z.iso.datetime(),
  nonce: AnchorNonce,
  signature: MessageSignature,
});
export type AnchoredHead = z.infer<typeof AnchoredHead>;

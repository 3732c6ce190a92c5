import { z } from '../zod';

/** A key id: base64url of the first 16 bytes of sha256 over the public key's SPKI DER (see keyIdOf). */
export const KeyId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, '金鑰代碼格式不正確');

/** A public key as registered at enrolment: SPKI DER, base64. */
export const PublicKeyB64 = z.string().regex(/^[A-Za-z0-9+/]{40,80}={0,2}$/, '公鑰格式不正確');

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '雜湊格式不正確（須為 64 位小寫十六進位）');

/**
 * The signature that travels with a message (issue 15): Ed25519 over the RFC 8785 canonical form of
 * the message without this field. Optional on the wire so older counters still work; the platform
 * refuses unsigned messages from a credential that has a registered key.
 *
 * `batch`: one signature made over a whole batch (a drain's 500 envelopes, a submit's 500 receipts),
 * as X-Road's batch signatures do: the value signs the canonical form of
 * `{"nin1MerkleBatch":{"root":…,"size":…}}`, the RFC 9162 Merkle root over the messages' canonical
 * forms, and `path` is this message's inclusion path to it (leaf to root). Each message stays
 * checkable on its own, offline, with one signature per batch instead of one per message.
 */
export const MessageSignature = z.strictObject({
  alg: z.literal('Ed25519'),
  keyId: KeyId,
  value: z.string().regex(/^[A-Za-z0-9_-]{86}$/, '簽章格式不正確'),
  batch: z
    .strictObject({
      index: z.number().int().nonnegative(),
      size: z.number().int().positive().max(1_000_000),
      /** The sibling hashes from the leaf up, 32 bytes each, concatenated in hex. */
      path: z.string().regex(/^(?:[0-9a-f]{64}){0,40}$/, '批次簽章路徑格式不正確'),
    })
    .refine((b) => b.index < b.size, { message: '批次簽章的位置超出批次大小', path: ['index'] })
    .optional(),
});
export type MessageSignature = z.infer<typeof MessageSignature>;

/**
 * One line of the platform's append-only, hash-chained message log: `hash` is sha256 over the
 * canonical form of the other fields (see entryHashInput), so each entry commits to all before it.
 */
export const LogEntry = z.strictObject({ seq: z.number().int().positive(), at: z.iso.datetime(), messageId: z.string(), messageHash: Sha256Hex, prevHash: Sha256Hex, hash: Sha256Hex });
export type LogEntry = z.infer<typeof LogEntry>;
/** What an entry's hash covers. */
export const entryHashInput = (e: Omit<LogEntry, 'hash'>) => ({ seq: e.seq, at: e.at, messageId: e.messageId, messageHash: e.messageHash, prevHash: e.prevHash });
/** The chain starts from 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The platform's signed receipt for an accepted (or duplicate) message: the message's hash (sha256
 * of its canonical form, signature included), the platform's own time, its sequence number and
 * entry hash in the log. `signature` is the platform key's over the canonical form of the rest.
 */
export const Receipt = z.strictObject({
  messageId: z.string(),
  messageHash: Sha256Hex,
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  entryHash: Sha256Hex,
  signature: MessageSignature,
});
export type Receipt = z.infer<typeof Receipt>;

/** The log head published at /v1/log/head, signed by the platform (with the key to check it). */
export const LogHead = z.strictObject({ seq: z.number().int().nonnegative(), hash: Sha256Hex, at: z.iso.datetime(), publicKey: PublicKeyB64, signature: MessageSignature });
export type LogHead = z.infer<typeof LogHead>;

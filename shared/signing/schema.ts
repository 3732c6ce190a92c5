import { z } from '../zod';

/** A key id: base64url of the first 16 bytes of sha256 over the public key's SPKI DER (see keyIdOf). */
export const KeyId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, '金鑰代碼格式不正確');

/**
 * The signature that travels with a message (issue 15): Ed25519 over the RFC 8785 canonical form of
 * the message without this field. Optional on the wire so older counters still work; the platform
 * refuses unsigned messages from a credential that has a registered key.
 */
export const MessageSignature = z.strictObject({
  alg: z.literal('Ed25519'),
  keyId: KeyId,
  value: z.string().regex(/^[A-Za-z0-9_-]{86}$/, '簽章格式不正確'),
});
export type MessageSignature = z.infer<typeof MessageSignature>;

/** A public key as registered at enrolment: SPKI DER, base64. */
export const PublicKeyB64 = z.string().regex(/^[A-Za-z0-9+/]{40,80}={0,2}$/, '公鑰格式不正確');

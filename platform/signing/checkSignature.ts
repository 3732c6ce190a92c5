import { signedPart } from '../../shared/signing/canonical';
import type { MessageSignature } from '../../shared/signing/schema';
import type { NotificationEnvelope, WireError } from '../../shared/platform/wire';
import { verifySignature } from '../../electron/services/signing/batchSignature';
import { wireError } from '../notifications/checkEnvelope';
import type { SigningKey } from './keyRepo';

const at = (path: string, field: string): string => (path ? `${path}.${field}` : field);

/**
 * Issue 15: is `content` signed by its sender's own, current key? `keys` are every key the sender's
 * credential ever registered. A credential that has none is an older client: it may still send
 * unsigned. Once it has one, unsigned is refused (else revoking a key would only downgrade the
 * sender to unsigned). `label` names the message in the error. Returns the refusal, or null.
 */
export function checkSignedBy(content: unknown, sig: MessageSignature | undefined, keys: readonly SigningKey[], label: string, path: string, verified?: boolean): WireError | null {
  if (!sig) return keys.length > 0 ? wireError('SIGNATURE_MISSING', `「${label}」未簽章`, at(path, 'signature')) : null;
  const key = keys.find((k) => k.keyId === sig.keyId);
  if (!key) return wireError('SIGNING_KEY_UNKNOWN', `金鑰「${sig.keyId}」`, at(path, 'signature.keyId'));
  if (key.revokedAt) return wireError('SIGNING_KEY_REVOKED', `金鑰「${sig.keyId}」於 ${key.revokedAt} 失效`, at(path, 'signature.keyId'));
  // `verified`: the batch's verdict for this signature, computed up front (verifyEnvelopes.ts).
  return (verified ?? verifySignature(content, sig, key.publicKey)) ? null : wireError('SIGNATURE_INVALID', `「${label}」`, at(path, 'signature'));
}

/**
 * An envelope: the signature covers the raw JSON as received (minus the signature), canonicalised,
 * so nothing the schema might drop or default goes unchecked. Returns the error that rejects this
 * envelope alone, or null.
 */
export function checkSignature(raw: unknown, e: NotificationEnvelope, keys: readonly SigningKey[], path: string, verified?: boolean): WireError | null {
  return checkSignedBy(signedPart(raw as { signature?: unknown }), e.signature, keys, e.id, path, verified);
}

import { signedPart } from '../../shared/signing/canonical';
import type { NotificationEnvelope, WireError } from '../../shared/platform/wire';
import { verifyCanonical } from '../../electron/services/signing/ed25519';
import { wireError } from '../notifications/checkEnvelope';
import type { SigningKey } from './keyRepo';

/**
 * Issue 15: is this envelope signed by its sender's own, current key over exactly what arrived?
 * `keys` are every key the sender's credential ever registered. A credential that has none is an
 * older counter: it may still send unsigned. Once it has one, unsigned is refused (else revoking a
 * key would only downgrade the sender to unsigned). The signature covers the raw JSON as received
 * (minus the signature), canonicalised, so nothing the schema might drop or default goes unchecked.
 * Returns the error that rejects this envelope alone, or null.
 */
export function checkSignature(raw: unknown, e: NotificationEnvelope, keys: readonly SigningKey[], path: string): WireError | null {
  const sig = e.signature;
  if (!sig) return keys.length > 0 ? wireError('SIGNATURE_MISSING', `「${e.id}」未簽章`, `${path}.signature`) : null;
  const key = keys.find((k) => k.keyId === sig.keyId);
  if (!key) return wireError('SIGNING_KEY_UNKNOWN', `金鑰「${sig.keyId}」`, `${path}.signature.keyId`);
  if (key.revokedAt) return wireError('SIGNING_KEY_REVOKED', `金鑰「${sig.keyId}」於 ${key.revokedAt} 失效`, `${path}.signature.keyId`);
  const ok = verifyCanonical(signedPart(raw as { signature?: unknown }), sig.value, key.publicKey);
  return ok ? null : wireError('SIGNATURE_INVALID', `「${e.id}」`, `${path}.signature`);
}

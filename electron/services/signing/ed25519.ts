import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/signing/canonical';
import { keyIdFromDigest } from '../../../shared/signing/keyId';

/**
 * Ed25519 over canonical JSON, the one signing primitive of the exchange (issue 15), used by the
 * counter to sign and by the platform and verify-evidence to check. Node's own crypto, no extra
 * dependency; a public key travels as SPKI DER in base64.
 */
export const publicKeyB64 = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');

export const keyIdOf = (publicKeyDerB64: string): string => keyIdFromDigest(createHash('sha256').update(Buffer.from(publicKeyDerB64, 'base64')).digest());

export const signCanonical = (value: unknown, privateKey: KeyObject): string => sign(null, Buffer.from(canonicalJson(value)), privateKey).toString('base64url');

/**
 * Parsed public keys by their base64 text: parsing the DER is a good part of a verify's cost, and a
 * batch is signed by one key. Bounded (cleared when full) so odd input cannot grow it.
 */
const parsedKeys = new Map<string, KeyObject>();
function publicKeyObject(publicKeyDerB64: string): KeyObject {
  let key = parsedKeys.get(publicKeyDerB64);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(publicKeyDerB64, 'base64'), format: 'der', type: 'spki' });
    if (parsedKeys.size >= 1000) parsedKeys.clear();
    parsedKeys.set(publicKeyDerB64, key);
  }
  return key;
}

/** False on any mismatch or malformed input: a bad signature is an answer, never an exception. */
export function verifyCanonical(value: unknown, signatureB64url: string, publicKeyDerB64: string): boolean {
  try {
    return verifyCanonicalBytes(canonicalJson(value), signatureB64url, publicKeyDerB64);
  } catch {
    return false;
  }
}

/** The same over a value already in canonical form (a batch canonicalises once, then verifies elsewhere). */
export function verifyCanonicalBytes(canonical: string, signatureB64url: string, publicKeyDerB64: string): boolean {
  try {
    return verify(null, Buffer.from(canonical), publicKeyObject(publicKeyDerB64), Buffer.from(signatureB64url, 'base64url'));
  } catch {
    return false;
  }
}

/** True when the base64 text is an Ed25519 public key in SPKI DER (what enrolment accepts). */
export function isEd25519PublicKey(publicKeyDerB64: string): boolean {
  try {
    return createPublicKey({ key: Buffer.from(publicKeyDerB64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

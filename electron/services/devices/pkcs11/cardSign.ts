import { createHash } from 'node:crypto';
import { CardError } from './errors';
import { pkcs11js, type Pkcs11Module } from './module';
import { mapTokenError, withUnlockedCard, type UnlockedCard } from './unlockedCard';

/** A signature made on the clerk's card, with the certificate that checks it. */
export type CardSignature = { certificateDer: Buffer; fingerprint: string; alg: 'RS256' | 'ES256'; signature: Buffer };

/**
 * Signs `data` with the card's signing key (the same PIN → certificate → validity steps as card
 * login, see withUnlockedCard). `checkHolder(fingerprint)` decides before anything is signed (e.g.
 * the card must be the signed-in clerk's). The card is locked again whatever happens.
 */
export function signWithCard(mod: Pkcs11Module, pin: string, data: Buffer, now: Date, checkHolder: (fingerprint: string) => void = () => {}): CardSignature {
  return withUnlockedCard(mod, pin, now, checkHolder, (card) => ({
    certificateDer: card.certificate.raw,
    fingerprint: card.fingerprint,
    ...signOnCard(card, data),
  }));
}

/**
 * RSA PKCS#1 v1.5 with SHA-256 (RS256) or ECDSA P-256 over its SHA-256 (ES256, r||s), so anyone
 * with the certificate can check it with ordinary tools. Plain CKM_ECDSA because every card
 * supports it; it signs a digest we compute.
 */
export function signOnCard({ mod, session, keyHandle, keyType }: UnlockedCard, data: Buffer): Pick<CardSignature, 'alg' | 'signature'> {
  const P = pkcs11js();
  try {
    if (keyType === P.CKK_RSA) {
      mod.api.C_SignInit(session, { mechanism: P.CKM_SHA256_RSA_PKCS }, keyHandle);
      return { alg: 'RS256', signature: mod.api.C_Sign(session, data, Buffer.alloc(1024)) };
    }
    if (keyType === P.CKK_EC) {
      mod.api.C_SignInit(session, { mechanism: P.CKM_ECDSA }, keyHandle);
      return { alg: 'ES256', signature: mod.api.C_Sign(session, createHash('sha256').update(data).digest(), Buffer.alloc(256)) };
    }
  } catch (e) {
    throw mapTokenError(e);
  }
  throw CardError.noCertificate();
}

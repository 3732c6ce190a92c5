import { createHash, X509Certificate } from 'node:crypto';
import { CardError } from './errors';
import { pkcs11js, type Pkcs11Module } from './module';
import { certificateFingerprint, findSigningCertificate, login, mapTokenError, safely } from './proveCardHolder';

/** A signature made on the clerk's card, with the certificate that checks it. */
export type CardSignature = { certificateDer: Buffer; fingerprint: string; alg: 'RS256' | 'ES256'; signature: Buffer };

/**
 * Signs `data` with the card's signing key (the same PIN → certificate → validity steps as card
 * login): RSA PKCS#1 v1.5 with SHA-256 (RS256) or ECDSA P-256 over its SHA-256 (ES256, r||s), so
 * anyone with the certificate can check it with ordinary tools. `checkHolder(fingerprint)` decides
 * before anything is signed (e.g. the card must be the signed-in clerk's). The session is logged
 * out and closed whatever happens: the card does not stay unlocked.
 */
export function signWithCard(mod: Pkcs11Module, pin: string, data: Buffer, now: Date, checkHolder: (fingerprint: string) => void = () => {}): CardSignature {
  const P = pkcs11js();
  const [token] = mod.tokens();
  if (!token) throw CardError.noToken();
  if (token.flags & P.CKF_USER_PIN_LOCKED) throw CardError.pinLocked();
  let session: Buffer;
  try {
    session = mod.api.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION);
  } catch (e) {
    throw mapTokenError(e);
  }
  let loggedIn = false;
  try {
    login(mod, session, token, pin);
    loggedIn = true;
    const { der, keyHandle, keyType } = findSigningCertificate(mod, session);
    const cert = new X509Certificate(der);
    if (now > new Date(cert.validTo)) throw CardError.certificateExpired(new Date(cert.validTo).toISOString().slice(0, 10));
    if (now < new Date(cert.validFrom)) throw CardError.certificateNotYetValid(new Date(cert.validFrom).toISOString().slice(0, 10));
    const fingerprint = certificateFingerprint(der);
    checkHolder(fingerprint);
    try {
      if (keyType === P.CKK_RSA) {
        mod.api.C_SignInit(session, { mechanism: P.CKM_SHA256_RSA_PKCS }, keyHandle);
        return { certificateDer: der, fingerprint, alg: 'RS256', signature: mod.api.C_Sign(session, data, Buffer.alloc(1024)) };
      }
      if (keyType === P.CKK_EC) {
        mod.api.C_SignInit(session, { mechanism: P.CKM_ECDSA }, keyHandle);
        return { certificateDer: der, fingerprint, alg: 'ES256', signature: mod.api.C_Sign(session, createHash('sha256').update(data).digest(), Buffer.alloc(256)) };
      }
    } catch (e) {
      throw mapTokenError(e);
    }
    throw CardError.noCertificate();
  } finally {
    if (loggedIn) safely(() => mod.api.C_Logout(session));
    safely(() => mod.api.C_CloseSession(session));
  }
}

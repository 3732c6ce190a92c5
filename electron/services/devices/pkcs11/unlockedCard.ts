import { createHash, X509Certificate } from 'node:crypto';
import { CardError, ckrName } from './errors';
import { pkcs11js, type Pkcs11Module, type TokenSlot } from './module';

type Handle = Buffer;
type CardObject = { handle: Handle; id: string };

/** The card as it stands after PIN and certificate checks: what proving or signing needs. */
export type UnlockedCard = {
  mod: Pkcs11Module;
  session: Handle;
  token: TokenSlot;
  certificate: X509Certificate;
  /** SHA-256 of the DER certificate, lower-case hex: the enrolment key. */
  fingerprint: string;
  keyHandle: Handle;
  /** CKK_RSA or CKK_EC: which mechanism signs with the key. */
  keyType: number;
};

/** `2026-11-26` for messages: the clerk reads dates, not timestamps. */
const day = (d: Date): string => d.toISOString().slice(0, 10);

export const certificateFingerprint = (der: Buffer): string => createHash('sha256').update(der).digest('hex');

/**
 * The steps every use of the clerk's card starts with (DESIGN.md §8), in one place so card login
 * and card signing cannot drift apart: PIN → certificate → validity → the caller's holder check.
 * 1. Refuse a token that already reports its PIN locked, without spending a try.
 * 2. C_Login with the PIN (tries left / locked / format errors, see `login`).
 * 3. Find the X.509 certificate that has a signing private key with the same CKA_ID.
 * 4. Check its validity period against `now`.
 * 5. `checkHolder(fingerprint)`: the caller's decision (enrolled? the signed-in clerk's card?),
 *    made before anything is signed.
 * Then `use` runs with the unlocked card. The session is always logged out and closed afterwards:
 * the card does not stay unlocked.
 */
export function withUnlockedCard<T>(mod: Pkcs11Module, pin: string, now: Date, checkHolder: (fingerprint: string) => void, use: (card: UnlockedCard) => T): T {
  const P = pkcs11js();
  const [token] = mod.tokens();
  if (!token) throw CardError.noToken();
  if (token.flags & P.CKF_USER_PIN_LOCKED) throw CardError.pinLocked();

  let session: Handle;
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
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(der);
    } catch {
      throw CardError.certificateUnreadable();
    }
    const notBefore = new Date(certificate.validFrom);
    const notAfter = new Date(certificate.validTo);
    if (now < notBefore) throw CardError.certificateNotYetValid(day(notBefore));
    if (now > notAfter) throw CardError.certificateExpired(day(notAfter));
    const fingerprint = certificateFingerprint(der);
    checkHolder(fingerprint);
    return use({ mod, session, token, certificate, fingerprint, keyHandle, keyType });
  } finally {
    if (loggedIn) safely(() => mod.api.C_Logout(session));
    safely(() => mod.api.C_CloseSession(session));
  }
}

function login(mod: Pkcs11Module, session: Handle, token: TokenSlot, pin: string): void {
  const P = pkcs11js();
  try {
    mod.api.C_Login(session, P.CKU_USER, pin);
  } catch (e) {
    const code = ckrName(e);
    if (code === 'CKR_USER_ALREADY_LOGGED_IN') return; // another session of ours is logged in: same card, same PIN state
    if (code === 'CKR_PIN_INCORRECT') {
      // The flags change with this failure, so read them after it.
      const flags = mod.flagsOf(token.slot) ?? 0;
      if (flags & P.CKF_USER_PIN_LOCKED) throw CardError.pinLocked();
      throw CardError.wrongPin(flags & P.CKF_USER_PIN_FINAL_TRY ? 'final' : flags & P.CKF_USER_PIN_COUNT_LOW ? 'low' : 'unknown');
    }
    if (code === 'CKR_PIN_LOCKED') throw CardError.pinLocked();
    if (code === 'CKR_PIN_LEN_RANGE' || code === 'CKR_PIN_INVALID') throw CardError.pinFormat();
    throw mapTokenError(e);
  }
}

function findObjects(mod: Pkcs11Module, session: Handle, template: { type: number; value: number | boolean }[]): CardObject[] {
  const P = pkcs11js();
  mod.api.C_FindObjectsInit(session, template);
  const handles: Handle[] = [];
  try {
    for (let h = mod.api.C_FindObjects(session); h; h = mod.api.C_FindObjects(session)) handles.push(h);
  } finally {
    mod.api.C_FindObjectsFinal(session);
  }
  return handles.map((handle) => {
    const [id] = mod.api.C_GetAttributeValue(session, handle, [{ type: P.CKA_ID }]);
    return { handle, id: id?.value?.toString('hex') ?? '' };
  });
}

/** The first X.509 certificate whose CKA_ID has a signing private key next to it. */
function findSigningCertificate(mod: Pkcs11Module, session: Handle): { der: Buffer; keyHandle: Handle; keyType: number } {
  const P = pkcs11js();
  try {
    const certs = findObjects(mod, session, [
      { type: P.CKA_CLASS, value: P.CKO_CERTIFICATE },
      { type: P.CKA_CERTIFICATE_TYPE, value: P.CKC_X_509 },
    ]);
    const keys = findObjects(mod, session, [
      { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
      { type: P.CKA_SIGN, value: true },
    ]);
    for (const cert of certs) {
      const key = keys.find((k) => k.id === cert.id);
      if (!key) continue;
      const [value] = mod.api.C_GetAttributeValue(session, cert.handle, [{ type: P.CKA_VALUE }]);
      const [keyType] = mod.api.C_GetAttributeValue(session, key.handle, [{ type: P.CKA_KEY_TYPE }]);
      if (!value?.value || !keyType?.value) continue;
      return { der: value.value, keyHandle: key.handle, keyType: keyType.value.readUIntLE(0, Math.min(keyType.value.length, 6)) };
    }
  } catch (e) {
    throw mapTokenError(e);
  }
  throw CardError.noCertificate();
}

/** A PKCS#11 failure outside the PIN step: card gone, or something IT must look at. */
export function mapTokenError(e: unknown) {
  const code = ckrName(e);
  if (code === 'CKR_TOKEN_NOT_PRESENT' || code === 'CKR_DEVICE_REMOVED' || code === 'CKR_SESSION_HANDLE_INVALID' || code === 'CKR_SLOT_ID_INVALID') {
    return CardError.removed();
  }
  return CardError.token(code ?? 'CKR_?');
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the card may already be gone; nothing left to release
  }
}

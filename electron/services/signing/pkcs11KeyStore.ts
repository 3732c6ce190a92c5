import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../../shared/signing/canonical';
import { CardError, ckrName } from '../devices/pkcs11/errors';
import { pkcs11js, type Pkcs11Module, type TokenSlot } from '../devices/pkcs11/module';
import { keyIdOf } from './ed25519';
import type { KeyName, KeyStore, PendingKey } from './keyStore';
import type { Signer } from './signer';

/** PKCS#11 3.0 values pkcs11js 2.1 does not name (SoftHSM2 2.6 implements them). */
const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
const CKM_EDDSA = 0x1057;
const CKK_EC_EDWARDS = 0x40;
/** DER of the Ed25519 OID 1.3.101.112 (CKA_EC_PARAMS) and the SPKI header before its 32-byte key. */
const ED25519_OID = Buffer.from('06032b6570', 'hex');
const ED25519_SPKI_HEADER = Buffer.from('302a300506032b6570032100', 'hex');

type Handle = Buffer;
const LABEL = (name: KeyName) => `nin1-signing:${name}`;
const PENDING = (name: KeyName) => `nin1-signing:${name}:pending`;

/**
 * Issue 15 §1: the workstation's (or an agency credential's) signing key generated ON a PKCS#11
 * token — sensitive and not extractable, so the private half never exists outside the token — and
 * every signature made there (CKM_EDDSA over the RFC 8785 bytes). Ed25519, like the file key, so
 * the platform and verify-evidence see the same key and signature format whichever store made it.
 * A new pair is labelled `…:pending` until `persist` (after the platform registered it), then takes
 * the final label and the previous pair is destroyed: a failed enrolment keeps the registered key.
 * One logged-in session for the life of the store (a workstation key, not a clerk's card).
 */
export function pkcs11KeyStore(mod: Pkcs11Module, pin: string, options: { tokenLabel?: string } = {}): KeyStore & { close(): void } {
  const P = pkcs11js();
  let session: Handle | null = null;

  const open = (): Handle => {
    if (session) return session;
    const token: TokenSlot | undefined = mod.tokens().find((t) => options.tokenLabel === undefined || t.label === options.tokenLabel);
    if (!token) throw CardError.noToken();
    const s = guarded(() => mod.api.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION | P.CKF_RW_SESSION));
    try {
      mod.api.C_Login(s, P.CKU_USER, pin);
    } catch (e) {
      const code = ckrName(e);
      if (code !== 'CKR_USER_ALREADY_LOGGED_IN') {
        safely(() => mod.api.C_CloseSession(s));
        if (code === 'CKR_PIN_INCORRECT') throw CardError.wrongPin('unknown');
        if (code === 'CKR_PIN_LOCKED') throw CardError.pinLocked();
        throw CardError.token(code ?? 'CKR_?');
      }
    }
    return (session = s);
  };

  const find = (s: Handle, label: string, cls: number): Handle[] => {
    mod.api.C_FindObjectsInit(s, [
      { type: P.CKA_CLASS, value: cls },
      { type: P.CKA_LABEL, value: label },
    ]);
    const out: Handle[] = [];
    try {
      for (let h = mod.api.C_FindObjects(s); h; h = mod.api.C_FindObjects(s)) out.push(h);
    } finally {
      mod.api.C_FindObjectsFinal(s);
    }
    return out;
  };

  const signerOn = (s: Handle, privateKey: Handle, publicKey: Handle): Signer => {
    const [point] = mod.api.C_GetAttributeValue(s, publicKey, [{ type: P.CKA_EC_POINT }]);
    const raw = point!.value as Buffer;
    // CKA_EC_POINT is the DER OCTET STRING of the 32-byte key (some tokens give the bare 32 bytes).
    const key = raw.length === 34 && raw[0] === 0x04 && raw[1] === 0x20 ? raw.subarray(2) : raw;
    const spki = Buffer.concat([ED25519_SPKI_HEADER, key]).toString('base64');
    const keyId = keyIdOf(spki);
    return {
      keyId,
      publicKey: spki,
      sign(value) {
        const sig = guarded(() => {
          mod.api.C_SignInit(s, { mechanism: CKM_EDDSA }, privateKey);
          return mod.api.C_Sign(s, Buffer.from(canonicalJson(value)), Buffer.alloc(64));
        });
        return { alg: 'Ed25519', keyId, value: sig.toString('base64url') };
      },
    };
  };

  const destroy = (s: Handle, label: string) => {
    for (const cls of [P.CKO_PRIVATE_KEY, P.CKO_PUBLIC_KEY]) for (const h of find(s, label, cls)) mod.api.C_DestroyObject(s, h);
  };

  return {
    kind: 'pkcs11',
    load(name) {
      const s = open();
      return guarded(() => {
        const [priv] = find(s, LABEL(name), P.CKO_PRIVATE_KEY);
        const [pub] = find(s, LABEL(name), P.CKO_PUBLIC_KEY);
        return priv && pub ? signerOn(s, priv, pub) : null;
      });
    },
    create(name): PendingKey {
      const s = open();
      return guarded(() => {
        destroy(s, PENDING(name)); // left by an enrolment that failed
        const id = randomBytes(8);
        const common = [
          { type: P.CKA_TOKEN, value: true },
          { type: P.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
          { type: P.CKA_LABEL, value: PENDING(name) },
          { type: P.CKA_ID, value: id },
        ];
        const pair = mod.api.C_GenerateKeyPair(
          s,
          { mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN },
          [...common, { type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY }, { type: P.CKA_VERIFY, value: true }, { type: P.CKA_EC_PARAMS, value: ED25519_OID }],
          [
            ...common,
            { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
            { type: P.CKA_PRIVATE, value: true },
            { type: P.CKA_SENSITIVE, value: true },
            { type: P.CKA_EXTRACTABLE, value: false },
            { type: P.CKA_SIGN, value: true },
          ],
        );
        return {
          signer: signerOn(s, pair.privateKey, pair.publicKey),
          persist: () =>
            guarded(() => {
              destroy(s, LABEL(name));
              for (const h of [pair.privateKey, pair.publicKey]) mod.api.C_SetAttributeValue(s, h, [{ type: P.CKA_LABEL, value: LABEL(name) }]);
            }),
        };
      });
    },
    close() {
      if (!session) return;
      const s = session;
      session = null;
      safely(() => mod.api.C_Logout(s));
      safely(() => mod.api.C_CloseSession(s));
    },
  };
}

/** A token failure as the typed card error (removed, or the CKR code for IT). */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && e.name === 'AppFailure') throw e;
    const code = ckrName(e);
    if (code === 'CKR_TOKEN_NOT_PRESENT' || code === 'CKR_DEVICE_REMOVED' || code === 'CKR_SESSION_HANDLE_INVALID') throw CardError.removed();
    throw CardError.token(code ?? (e instanceof Error ? e.message.split('\n')[0]! : 'CKR_?'));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the token may be gone already; nothing left to release
  }
}

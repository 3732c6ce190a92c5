import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MessageSignature } from '../../../shared/signing/schema';
import { keyIdOf, publicKeyB64, signCanonical } from './ed25519';

/** This install's signing key: the private half never leaves the machine; the public half is registered at enrolment. */
export type Signer = { keyId: string; publicKey: string; sign(value: unknown): MessageSignature };

/**
 * The key file sits beside the database (`<db>.signing-key.pem`, mode 0600 like the database): a
 * backup of the database alone does not carry the power to sign. `:memory:` databases (tests of
 * other concerns) have no place for a file and no signer.
 */
export const keyFileFor = (dbFile: string): string | null => (dbFile && dbFile !== ':memory:' ? `${dbFile}.signing-key.pem` : null);

function signerOf(privateKey: KeyObject): Signer {
  const publicKey = publicKeyB64(createPublicKey(privateKey));
  const keyId = keyIdOf(publicKey);
  return { keyId, publicKey, sign: (value) => ({ alg: 'Ed25519', keyId, value: signCanonical(value, privateKey) }) };
}

/** The existing key, or null (an install enrolled before issue 15 has none until it enrols again). */
export function loadSigner(dbFile: string): Signer | null {
  const file = keyFileFor(dbFile);
  if (!file || !existsSync(file)) return null;
  return signerOf(createPrivateKey(readFileSync(file)));
}

/**
 * A fresh key pair at each enrolment (enrolling again is how a workstation rotates its key). It is
 * written only once the platform has registered it (`persist`), so a failed enrolment keeps the old,
 * still registered key. The file is 0600 from the first byte (`mode` on create, chmod when replaced).
 */
export function newKeyPair(): { signer: Signer; persist(dbFile: string): void } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    signer: signerOf(privateKey),
    persist(dbFile) {
      const file = keyFileFor(dbFile);
      if (!file) return;
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}

/** A signer from a PKCS#8 PEM held elsewhere (the platform keeps its own key in its database). */
export const signerFromPem = (pem: string): Signer => signerOf(createPrivateKey(pem));

/** A new PKCS#8 PEM private key (the platform's first start). */
export const newPrivateKeyPem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

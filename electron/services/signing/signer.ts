import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { MessageSignature } from '../../../shared/signing/schema';
import { keyIdOf, publicKeyB64, signCanonical } from './ed25519';

/**
 * A client's signing key as the rest of the app sees it: the private half never leaves the machine
 * (a file, the OS key store, or a PKCS#11 token); the public half is registered at enrolment.
 */
export type Signer = { keyId: string; publicKey: string; sign(value: unknown): MessageSignature };

/** A signer over an Ed25519 private key held in this process. */
export function signerOf(privateKey: KeyObject): Signer {
  const publicKey = publicKeyB64(createPublicKey(privateKey));
  const keyId = keyIdOf(publicKey);
  return { keyId, publicKey, sign: (value) => ({ alg: 'Ed25519', keyId, value: signCanonical(value, privateKey) }) };
}

/** A signer from a PKCS#8 PEM held elsewhere (the platform keeps its own key in its database). */
export const signerFromPem = (pem: string): Signer => signerOf(createPrivateKey(pem));

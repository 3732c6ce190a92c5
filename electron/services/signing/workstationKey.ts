import { keyFileOf, keyStoreFor, newPrivateKeyPem, writePrivateFile } from './keyStore';
import { signerFromPem, type Signer } from './signer';

export type { Signer } from './signer';
export { signerFromPem } from './signer';
export { newPrivateKeyPem } from './keyStore';

/** The workstation's key file (`<db>.signing-key.pem`), or null for `:memory:`. */
export const keyFileFor = (dbFile: string): string | null => keyFileOf(dbFile, 'workstation');

/** The workstation key from this process's key store, or null (an install enrolled before issue 15 has none until it enrols again). */
export const loadSigner = (dbFile: string): Signer | null => keyStoreFor(dbFile).load('workstation');

/**
 * A fresh Ed25519 workstation key, written as a 0600 file only when `persist` is called (tests and
 * benches; enrolment goes through `keyStoreFor(db).create(name)`, which keeps the key wherever this
 * process keeps keys).
 */
export function newKeyPair(): { signer: Signer; persist(dbFile: string): void } {
  const pem = newPrivateKeyPem();
  return {
    signer: signerFromPem(pem),
    persist(dbFile) {
      const file = keyFileFor(dbFile);
      if (file) writePrivateFile(file, pem);
    },
  };
}

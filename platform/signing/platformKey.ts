import { newPrivateKeyPem, signerFromPem, type Signer } from '../../electron/services/signing/workstationKey';
import type { PlatformStore } from '../store/repository';

const cache = new WeakMap<PlatformStore, Promise<Signer>>();

/**
 * The platform's own receipt and log-head key. Kept in the shared meta table, first writer wins,
 * so every node on one database signs with the same key (like the token secret, auth/secret.ts).
 */
export function platformSigner(store: PlatformStore): Promise<Signer> {
  let s = cache.get(store);
  if (!s) {
    s = store.metaGetOrSet('signing-key:ed25519', newPrivateKeyPem()).then(signerFromPem);
    cache.set(store, s);
  }
  return s;
}

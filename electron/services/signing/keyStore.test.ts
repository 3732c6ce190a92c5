import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { verifyCanonical } from './ed25519';
import { chooseKeyStore, fileKeyStore, keyFileOf, safeStorageKeyStore, type SafeStorageApi } from './keyStore';

/**
 * Issue 15 §1: where the private key lives. Electron's safeStorage exists only in the Electron main
 * process, so it stands in here as what it is to us: an object that seals and unseals strings with
 * a key the OS holds (AES-GCM with a key this test keeps, like DPAPI or the Keychain would).
 */
function osKeyStore(available = true): SafeStorageApi {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const tmp = tempDir('nin1-keystore-');
afterAll(() => tmp.cleanup());

describe('key stores (issue 15 §1)', () => {
  it('file store: nothing until persisted, then a 0600 PEM that signs as the registered key', () => {
    const db = tmp.file('a.sqlite');
    const store = fileKeyStore(db);
    const pending = store.create('workstation');
    expect(store.load('workstation')).toBeNull();
    pending.persist();
    expect(statSync(keyFileOf(db, 'workstation')!).mode & 0o777).toBe(0o600);
    const loaded = store.load('workstation')!;
    expect(loaded.keyId).toBe(pending.signer.keyId);
    expect(verifyCanonical({ a: 1 }, loaded.sign({ a: 1 }).value, pending.signer.publicKey)).toBe(true);
    expect(store.load('agency-KH-TAX')).toBeNull();
  });

  it('safeStorage store: the file on disk is sealed (no PEM, useless without the OS key) and loads back to the same key', () => {
    const db = tmp.file('b.sqlite');
    const os = osKeyStore();
    const store = safeStorageKeyStore(db, os);
    const pending = store.create('agency-KH-TAX');
    pending.persist();
    const sealed = `${keyFileOf(db, 'agency-KH-TAX')!}.safe`;
    expect(statSync(sealed).mode & 0o777).toBe(0o600);
    expect(readFileSync(sealed).toString('latin1')).not.toContain('PRIVATE KEY');
    expect(store.load('agency-KH-TAX')!.publicKey).toBe(pending.signer.publicKey);
    // Another machine's OS key cannot open it.
    expect(() => safeStorageKeyStore(db, osKeyStore()).load('agency-KH-TAX')).toThrow();
  });

  it('Electron main chooses safeStorage when it can encrypt, else the file (Linux without a keyring); a key filed before is still read', () => {
    const db = tmp.file('c.sqlite');
    expect(chooseKeyStore(osKeyStore(true))(db).kind).toBe('safe-storage');
    expect(chooseKeyStore(osKeyStore(false))(db).kind).toBe('file');
    expect(chooseKeyStore(null)(db).kind).toBe('file');
    const filed = fileKeyStore(db).create('workstation');
    filed.persist();
    expect(safeStorageKeyStore(db, osKeyStore()).load('workstation')!.keyId).toBe(filed.signer.keyId);
  });
});

describe('a key sealed by the desktop app (issue 15 §1)', () => {
  it('refusal: a Node process (CLI) finds only the sealed key and says so with SIGNING_KEY_SEALED instead of sending unsigned', () => {
    const db = tmp.file('d.sqlite');
    safeStorageKeyStore(db, osKeyStore()).create('workstation').persist();
    expect(() => fileKeyStore(db).load('workstation')).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'SIGNING_KEY_SEALED' }) }));
  });
});

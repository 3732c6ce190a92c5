import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type WritableDb } from '../db/open';
import { tempDir } from '../testing/fixtures';
import { saveCredential, workstationCredential, type PlatformCredential } from './credentials';
import { plaintextBox, safeStorageBox, type SafeStorageLike } from './secretBox';

const tmp = tempDir('nin1-secret-');
afterAll(() => tmp.cleanup());

/** Stands in for Electron's safeStorage (not installed here): same three calls, a real cipher with a key kept outside the database. */
function keyStore(available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (sealed) => {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const credential: PlatformCredential = {
  kind: 'workstation', agencyCode: null, clientId: 'FS01-W01', url: 'https://nin1.example.tw', token: 'v1.secret-bearer-token.sig',
  expiresAt: '2027-11-26T00:00:00Z', enrolledAt: '2026-11-26T00:00:00Z',
};
const storedToken = (db: WritableDb): string => db.prepare("SELECT token FROM platform_credentials WHERE client_key = 'workstation'").pluck().get() as string;

describe('the platform credential at rest', () => {
  it('finding 13-4: with a key store the database holds only a sealed token; without one the token stays in the 0600 database', () => {
    const sealedCtx = { db: openDatabase(tmp.file('sealed.sqlite'), { create: true }) };
    const box = safeStorageBox(keyStore());
    expect(box.kind).toBe('os-keystore');
    saveCredential(sealedCtx.db, credential, box);
    expect(storedToken(sealedCtx.db)).not.toContain('secret-bearer-token');
    expect(workstationCredential(sealedCtx.db, box)?.token).toBe(credential.token);
    // A copy of the file read without the key store is refused in zh-TW, never sent as a token.
    expect(() => workstationCredential(sealedCtx.db, plaintextBox)).toThrow(/作業系統金鑰加密/);

    const plainCtx = { db: openDatabase(tmp.file('plain.sqlite'), { create: true }) };
    const fallback = safeStorageBox(keyStore(false));
    expect(fallback.kind).toBe('plaintext');
    saveCredential(plainCtx.db, credential, fallback);
    expect(storedToken(plainCtx.db)).toBe(credential.token);
    // A token stored before sealing existed still works once the key store is there (and is sealed at the next enrolment).
    expect(workstationCredential(plainCtx.db, box)?.token).toBe(credential.token);
    sealedCtx.db.close();
    plainCtx.db.close();
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { notificationEnvelope } from '../../../platform/testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { signedPart } from '../../../shared/signing/canonical';
import { AppFailure } from '../../../shared/result';
import { Pkcs11Module, pkcs11js } from '../devices/pkcs11/module';
import { SOFTHSM } from '../devices/pkcs11/testing/lab';
import { SoftHsmLab, TEST_PIN } from '../devices/pkcs11/testing/softhsm';
import { workstationCredential } from '../sync/credentials';
import { enroll } from '../sync/enroll';
import { makeContext, tempDir } from '../testing/fixtures';
import { verifyCanonical } from './ed25519';
import { installKeyStore } from './keyStore';
import { pkcs11KeyStore } from './pkcs11KeyStore';
import { loadSigner } from './workstationKey';

if (!SOFTHSM.ok) console.warn(`PKCS#11 key store tests skipped: ${SOFTHSM.reason}`);

/**
 * Issue 15 §1: the workstation key on a PKCS#11 token (SoftHSM2 here, initialised like the card
 * login tests): generated there, not extractable, signing there; enrolment registers it and the
 * platform accepts envelopes it signed.
 */
let lab: SoftHsmLab;
let mod: Pkcs11Module;
beforeAll(() => {
  if (!SOFTHSM.ok) return;
  lab = new SoftHsmLab(mkdtempSync(join(tmpdir(), 'nin1-keytoken-')), SOFTHSM.module).use();
  lab.createToken('ws-key');
  mod = Pkcs11Module.load(lab.module);
});
afterAll(() => {
  installKeyStore(null);
  mod?.close();
  lab?.cleanup();
});

describe.skipIf(!SOFTHSM.ok)('the signing key on a PKCS#11 token (SoftHSM2)', () => {
  it('a key pair made on the token is sensitive and not extractable, kept only once persisted, and its Ed25519 signatures verify with the public key', () => {
    const store = pkcs11KeyStore(mod, TEST_PIN, { tokenLabel: 'ws-key' });
    try {
      const pending = store.create('workstation');
      expect(store.load('workstation')).toBeNull();
      pending.persist();
      const loaded = store.load('workstation')!;
      expect(loaded.keyId).toBe(pending.signer.keyId);
      const sig = loaded.sign({ hello: '臨櫃' });
      expect(sig.alg).toBe('Ed25519');
      expect(verifyCanonical({ hello: '臨櫃' }, sig.value, loaded.publicKey)).toBe(true);
      expect(verifyCanonical({ hello: '臨櫃!' }, sig.value, loaded.publicKey)).toBe(false);

      // The private key's attributes as the token reports them; its value cannot be read.
      const P = pkcs11js();
      const [token] = mod.tokens().filter((t) => t.label === 'ws-key');
      const s = mod.api.C_OpenSession(token!.slot, P.CKF_SERIAL_SESSION);
      try {
        mod.api.C_FindObjectsInit(s, [{ type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY }, { type: P.CKA_LABEL, value: 'nin1-signing:workstation' }]);
        const key = mod.api.C_FindObjects(s)!;
        mod.api.C_FindObjectsFinal(s);
        const [extractable, sensitive] = mod.api.C_GetAttributeValue(s, key, [{ type: P.CKA_EXTRACTABLE }, { type: P.CKA_SENSITIVE }]);
        expect(extractable!.value![0]).toBe(0);
        expect(sensitive!.value![0]).toBe(1);
        expect(() => mod.api.C_GetAttributeValue(s, key, [{ type: P.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      } finally {
        mod.api.C_CloseSession(s);
      }

      // A new pair replaces the old one only when persisted.
      const next = store.create('workstation');
      expect(store.load('workstation')!.keyId).toBe(pending.signer.keyId);
      next.persist();
      expect(store.load('workstation')!.keyId).toBe(next.signer.keyId);
    } finally {
      store.close();
    }
  });

  it('refusal: a wrong PIN is the typed CARD_PIN_WRONG error and no key is made', () => {
    const store = pkcs11KeyStore(mod, '000000', { tokenLabel: 'ws-key' });
    let error: unknown;
    try {
      store.create('agency-KH-TAX');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error.code).toMatch(/^CARD_PIN/);
  });

  describe('enrolment with the token-held key, on the real platform', () => {
    let p: TestPlatform;
    const tmp = tempDir('nin1-keytoken-db-');
    beforeAll(async () => {
      p = await startTestPlatform();
    });
    afterAll(async () => {
      await p.close();
      tmp.cleanup();
    });

    it('enrol registers the token key; loadSigner signs on the token; the platform accepts the envelope', async () => {
      const store = pkcs11KeyStore(mod, TEST_PIN, { tokenLabel: 'ws-key' });
      installKeyStore(() => store);
      const ctx = makeContext(tmp.file('counter.sqlite'));
      try {
        const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W09', senderAgency: 'KH-HR-FS' });
        await enroll(ctx.db, { url: p.url, code, target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W09' }, clock: ctx.clock });
        const signer = loadSigner(ctx.db.name)!;
        const keys = await p.store.signingKeys.ofSubject('workstation:FS01/FS01-W09');
        expect(keys.map((k) => [k.keyId, k.revokedAt])).toEqual([[signer.keyId, null]]);
        const token = (await p.store.signingKeys.get(signer.keyId))!;
        expect(token.publicKey).toBe(signer.publicKey);
        const e = notificationEnvelope({ workstationId: 'FS01-W09' });
        const r = await p.http.call('submitNotifications', { body: { notifications: [{ ...e, signature: signer.sign(signedPart(e)) }] } }, workstationCredential(ctx.db)!.token);
        expect(r.body.results[0]!.outcome).toBe('accepted');
      } finally {
        installKeyStore(null);
        store.close();
        ctx.db.close();
      }
    });
  });
});

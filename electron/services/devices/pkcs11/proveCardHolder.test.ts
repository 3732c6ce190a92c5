import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/result';
import { CardError } from './errors';
import { Pkcs11Module } from './module';
import { proveCardHolder } from './proveCardHolder';
import { issueCard, SOFTHSM } from './testing/lab';
import { TEST_PIN, type SoftHsmLab } from './testing/softhsm';

if (!SOFTHSM.ok) console.warn(`PKCS#11 tests skipped: ${SOFTHSM.reason}`);

const NOW = new Date('2026-11-26T02:30:00Z');
let lab: SoftHsmLab | undefined;
let mod: Pkcs11Module | undefined;
afterEach(() => {
  mod?.close();
  lab?.cleanup();
  mod = lab = undefined;
});

/** Runs `fn` and returns the typed error it failed with. */
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e.error;
    throw e;
  }
  throw new Error('expected a failure');
};

describe.skipIf(!SOFTHSM.ok)('card holder proof against SoftHSM2', () => {
  it.each(['RSA', 'EC'] as const)('logs in with the PIN, reads the certificate and verifies a challenge signature (%s)', async (algorithm) => {
    const card = await issueCard({ algorithm });
    lab = card.lab;
    mod = Pkcs11Module.load(lab.module);
    const seen: string[] = [];
    const identity = proveCardHolder(mod, TEST_PIN, NOW, (fp) => void seen.push(fp));
    expect(identity.fingerprint).toBe(createHash('sha256').update(card.identity.certDer).digest('hex'));
    expect(seen).toEqual([identity.fingerprint]);
    expect(identity.token.label).toBe('clerk-card');
    expect(identity.certificate.subject).toContain('serialNumber=0000000012345678');
  });

  it('says the PIN is wrong, and that tries are running low once the token reports it', async () => {
    ({ lab } = await issueCard());
    mod = Pkcs11Module.load(lab.module);
    // SoftHSM2 sets CKF_USER_PIN_COUNT_LOW on the first wrong PIN, so the message already warns.
    expect(failure(() => proveCardHolder(mod!, '000000', NOW))).toEqual({ code: 'CARD_PIN_INCORRECT', message: 'PIN 碼錯誤，剩餘可嘗試次數不多，請確認後再輸入。' });
    expect(proveCardHolder(mod, TEST_PIN, NOW).fingerprint).toMatch(/^[0-9a-f]{64}$/); // the right PIN still works
  });

  it('warns on the final try', async () => {
    ({ lab } = await issueCard());
    lab.finalTry('clerk-card');
    mod = Pkcs11Module.load(lab.module);
    expect(failure(() => proveCardHolder(mod!, '000000', NOW))).toMatchObject({ code: 'CARD_PIN_INCORRECT', message: expect.stringContaining('最後一次') });
  });

  it('refuses a locked PIN without trying it, even the right one', async () => {
    ({ lab } = await issueCard());
    lab.lockPin('clerk-card');
    mod = Pkcs11Module.load(lab.module);
    expect(failure(() => proveCardHolder(mod!, TEST_PIN, NOW))).toEqual(CardError.pinLocked().error);
  });

  it('refuses an expired certificate and one not yet valid, with the date', async () => {
    ({ lab } = await issueCard({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2025-06-30T00:00:00Z') }));
    mod = Pkcs11Module.load(lab.module);
    expect(failure(() => proveCardHolder(mod!, TEST_PIN, NOW))).toEqual({ code: 'CARD_CERT_EXPIRED', message: '憑證卡的憑證已於 2025-06-30 到期，請辦理憑證展期或換發後再登入。' });
    expect(failure(() => proveCardHolder(mod!, TEST_PIN, new Date('2019-01-01T00:00:00Z')))).toMatchObject({ code: 'CARD_CERT_NOT_YET_VALID' });
  });

  it('stops before signing when the caller does not know the certificate', async () => {
    ({ lab } = await issueCard());
    mod = Pkcs11Module.load(lab.module);
    expect(failure(() => proveCardHolder(mod!, TEST_PIN, NOW, () => {
      throw CardError.notEnrolled();
    }))).toMatchObject({ code: 'CARD_NOT_ENROLLED' });
  });

  it('says when there is no card, and when the card has a certificate but no key', async () => {
    ({ lab } = await issueCard({ withKey: false }));
    mod = Pkcs11Module.load(lab.module);
    expect(failure(() => proveCardHolder(mod!, TEST_PIN, NOW))).toMatchObject({ code: 'CARD_NO_CERTIFICATE' });
    mod.close();
    lab.deleteToken('clerk-card');
    mod = Pkcs11Module.load(lab.module);
    expect(failure(() => proveCardHolder(mod!, TEST_PIN, NOW))).toEqual({ code: 'CARD_NO_TOKEN', message: '未偵測到憑證卡，請將憑證卡插入讀卡機後再試一次。' });
  });

  it('reports a module that cannot be loaded', () => {
    expect(failure(() => Pkcs11Module.load('/nonexistent/libvendor-pkcs11.so'))).toMatchObject({ code: 'PKCS11_MODULE', message: expect.stringContaining('無法載入憑證卡模組') });
  });
});

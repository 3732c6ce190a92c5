import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { MachinePolicy } from '../../../shared/policy/schema';
import { AppFailure } from '../../../shared/result';
import { withApp } from '../../cli/command';
import { parsePolicy } from '../config/policyFile';
import { pkcs11js, Pkcs11Module } from '../devices/pkcs11/module';
import { SOFTHSM } from '../devices/pkcs11/testing/lab';
import { SoftHsmLab, TEST_PIN } from '../devices/pkcs11/testing/softhsm';
import { enroll } from '../sync/enroll';
import { makeContext, tempDir } from '../testing/fixtures';
import { installConfiguredKeyStore, readKeyStorePin } from './configuredKeyStore';
import { keyStoreFor } from './keyStore';
import { loadSigner } from './workstationKey';

/**
 * Issue 15 §1: the workstation config names a PKCS#11 token for the signing keys (module, token,
 * where the PIN is — never the PIN); the schema refuses bad settings in zh-TW; at start the CLI's
 * withApp (and runCounter in the shells) installs it, and enrolment then makes and registers the key
 * on the token (SoftHSM2, as pkcs11KeyStore.test.ts).
 */
const tmp = tempDir('nin1-keyconfig-');
afterAll(() => tmp.cleanup());

const issuesOf = (setting: unknown) => {
  const read = parsePolicy({ pkcs11KeyStore: setting }, 'policy.json');
  return read.kind === 'invalid' ? read.issues : [];
};

describe('pkcs11KeyStore setting in the workstation config', () => {
  it('accepts a module with a PIN environment variable or a PIN file', () => {
    expect(MachinePolicy.safeParse({ pkcs11KeyStore: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'ws-key', pinEnv: 'NIN1_KEY_PIN' } }).success).toBe(true);
    expect(MachinePolicy.safeParse({ pkcs11KeyStore: { modulePath: 'C:\\Windows\\System32\\HiCOSPKCS11.dll', slotIndex: 0, pinFile: 'C:\\ProgramData\\N-in-1\\key.pin' } }).success).toBe(true);
  });

  it('refusal: the PIN itself, no or two PIN sources, a relative module path, label and slot both — each named in zh-TW', () => {
    expect(issuesOf({ modulePath: '/m.so', pin: '123456' })).toEqual([{ path: 'pkcs11KeyStore.pin', message: expect.stringContaining('不可在設定中寫入 PIN 碼') }]);
    expect(issuesOf({ modulePath: '/m.so' })).toEqual([{ path: 'pkcs11KeyStore.pinEnv', message: expect.stringContaining('PIN 來源須指定一項') }]);
    expect(issuesOf({ modulePath: '/m.so', pinEnv: 'A', pinFile: '/p' })[0]!.path).toBe('pkcs11KeyStore.pinEnv');
    expect(issuesOf({ modulePath: 'softhsm2.so', pinEnv: 'A' })).toEqual([{ path: 'pkcs11KeyStore.modulePath', message: expect.stringContaining('須為完整路徑') }]);
    expect(issuesOf({ modulePath: '/m.so', pinEnv: 'NOT A NAME' })[0]!.message).toContain('須為環境變數名稱');
    expect(issuesOf({ modulePath: '/m.so', pinEnv: 'A', tokenLabel: 'x', slotIndex: 1 })[0]!.path).toBe('pkcs11KeyStore.slotIndex');
  });

  it('the PIN file must be 0600; a missing variable or file is a typed error that does not show the PIN', () => {
    const file = tmp.file('key.pin');
    writeFileSync(file, '654321\n');
    chmodSync(file, 0o644);
    const setting = { modulePath: '/m.so', pinFile: file };
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof AppFailure) return [e.error.code, e.error.message];
        throw e;
      }
      return null;
    };
    expect(code(() => readKeyStorePin(setting, {}, 'linux'))).toEqual(['SIGNING_PIN_SOURCE', expect.stringContaining('權限過寬（644），須為 600')]);
    chmodSync(file, 0o600);
    expect(readKeyStorePin(setting, {}, 'linux')).toBe('654321');
    expect(code(() => readKeyStorePin({ modulePath: '/m.so', pinEnv: 'NIN1_KEY_PIN' }, {}, 'linux'))).toEqual(['SIGNING_PIN_SOURCE', expect.stringContaining('NIN1_KEY_PIN')]);
    expect(readKeyStorePin({ modulePath: '/m.so', pinEnv: 'NIN1_KEY_PIN' }, { NIN1_KEY_PIN: '1111' }, 'linux')).toBe('1111');
    expect(code(() => readKeyStorePin({ modulePath: '/m.so', pinFile: tmp.file('none.pin') }, {}, 'linux'))![0]).toBe('SIGNING_PIN_SOURCE');
  });

  it('without the setting: the shell’s choice, else the 0600 file', () => {
    const close = installConfiguredKeyStore({}, null);
    expect(keyStoreFor(tmp.file('a.sqlite')).kind).toBe('file');
    close();
  });
});

if (!SOFTHSM.ok) console.warn(`configured PKCS#11 key store tests skipped: ${SOFTHSM.reason}`);

describe.skipIf(!SOFTHSM.ok)('configured PKCS#11 key store at start (SoftHSM2, real platform)', () => {
  let lab: SoftHsmLab;
  let p: TestPlatform;
  const savedEnv = { policy: process.env.NIN1_POLICY_FILE, pin: process.env.NIN1_TEST_KEY_PIN };
  beforeAll(async () => {
    if (!SOFTHSM.ok) return;
    lab = new SoftHsmLab(mkdtempSync(join(tmpdir(), 'nin1-keyconfig-hsm-')), SOFTHSM.module).use();
    lab.createToken('ws-key');
    p = await startTestPlatform();
  });
  afterAll(async () => {
    for (const [k, v] of [['NIN1_POLICY_FILE', savedEnv.policy], ['NIN1_TEST_KEY_PIN', savedEnv.pin]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await p?.close();
    lab?.cleanup();
  });

  it('a policy naming the SoftHSM2 module → withApp installs the token store; enrolment makes and registers the key on the token', async () => {
    const policy = tmp.file('policy.json');
    writeFileSync(policy, JSON.stringify({ pkcs11KeyStore: { modulePath: lab.module, tokenLabel: 'ws-key', pinEnv: 'NIN1_TEST_KEY_PIN' } }));
    process.env.NIN1_POLICY_FILE = policy;
    process.env.NIN1_TEST_KEY_PIN = TEST_PIN;
    const dbFile = tmp.file('counter.sqlite');
    makeContext(dbFile).db.close(); // withApp opens existing databases only

    const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W07', senderAgency: 'KH-HR-FS' });
    const signer = await withApp({ db: dbFile }, async (app) => {
      expect(keyStoreFor(dbFile).kind).toBe('pkcs11');
      await enroll(app.ctx.db, { url: p.url, code, target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W07' }, clock: app.ctx.clock });
      return loadSigner(dbFile)!;
    });
    expect(keyStoreFor(dbFile).kind).toBe('file'); // withApp put the default back when it closed
    const registered = await p.store.signingKeys.ofSubject('workstation:FS01/FS01-W07');
    expect(registered.map((k) => [k.keyId, k.publicKey])).toEqual([[signer.keyId, signer.publicKey]]);
    expect(loadSigner(dbFile)).toBeNull(); // no key file beside the database: the key is on the token

    // The private half is on the token, labelled as the workstation's, sensitive.
    const mod = Pkcs11Module.load(lab.module);
    try {
      const P = pkcs11js();
      const token = mod.tokens().find((t) => t.label === 'ws-key')!;
      const s = mod.api.C_OpenSession(token.slot, P.CKF_SERIAL_SESSION);
      mod.api.C_Login(s, P.CKU_USER, TEST_PIN);
      mod.api.C_FindObjectsInit(s, [{ type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY }, { type: P.CKA_LABEL, value: 'nin1-signing:workstation' }]);
      const key = mod.api.C_FindObjects(s);
      mod.api.C_FindObjectsFinal(s);
      expect(key).toBeTruthy();
      expect(mod.api.C_GetAttributeValue(s, key!, [{ type: P.CKA_SENSITIVE }])[0]!.value![0]).toBe(1);
      mod.api.C_CloseSession(s);
    } finally {
      mod.close();
    }
  });
});

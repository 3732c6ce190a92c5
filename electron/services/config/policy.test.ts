import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MachinePolicy } from '../../../shared/policy/schema';
import { tempDir } from '../testing/fixtures';
import { DEMO_CONFIG } from './config';
import { PolicyInvalid } from './errors';
import { loadWorkstationConfig } from './load';
import { policyFilePath, readPolicyFile } from './policyFile';

const EXAMPLE = fileURLToPath(new URL('../../../build/policy.example.json', import.meta.url));
const tmp = tempDir('nin1-policy-');
afterAll(() => tmp.cleanup());

const write = (name: string, value: unknown): string => {
  const file = tmp.file(name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const env = (file: string) => ({ NIN1_POLICY_FILE: file });

describe('machine policy file', () => {
  it('lives in ProgramData on Windows and /etc on Linux, overridable by NIN1_POLICY_FILE', () => {
    expect(policyFilePath({ ProgramData: 'C:\\ProgramData' }, 'win32')).toBe(join('C:\\ProgramData', 'N-in-1', 'policy.json'));
    expect(policyFilePath({}, 'linux')).toBe('/etc/n-in-1/policy.json');
    expect(policyFilePath({ NIN1_POLICY_FILE: '/tmp/p.json' }, 'win32')).toBe('/tmp/p.json');
  });

  it('without a policy the defaults (demo office) apply and nothing is locked', () => {
    const ws = loadWorkstationConfig({ env: env(tmp.file('absent.json')) });
    expect(ws.config).toEqual(DEMO_CONFIG);
    expect(ws.policy).toEqual({ file: tmp.file('absent.json'), present: false, locked: [] });
  });

  it('the shipped example (build/policy.example.json) is valid and overrides and locks every setting it names', () => {
    expect(MachinePolicy.safeParse(JSON.parse(readFileSync(EXAMPLE, 'utf8'))).success).toBe(true);
    const ws = loadWorkstationConfig({ env: env(EXAMPLE) });
    expect(ws.config).toMatchObject({ officeCode: 'FS01', workstationId: 'FS01-W03', idleLockMinutes: 10, platform: { url: 'https://nin1.kcg.gov.tw/' }, hotFolder: 'D:\\Scans\\N-in-1' });
    expect(ws.config.backup).toEqual({ dir: 'D:\\N-in-1\\backup', keep: 14, everyHours: 4 });
    expect(ws.config.formVersion).toBe(DEMO_CONFIG.formVersion); // not a policy key: stays the app's
    expect(ws.policy.locked.sort()).toEqual(
      ['backup', 'deviceProfiles', 'hotFolder', 'idleLockMinutes', 'logLevel', 'office', 'pkcs11ModulePath', 'platform', 'scanProfiles', 'update', 'workstationId'].sort(),
    );
  });

  it('policy wins over the user settings; settings the policy leaves out stay the user’s and unlocked', () => {
    const policy = write('p.json', { idleLockMinutes: 5, workstationId: 'FS01-W09' });
    const user = write('user.json', { idleLockMinutes: 60, hotFolder: '/home/clerk/scans' });
    const ws = loadWorkstationConfig({ env: env(policy), userSettingsFile: user });
    expect(ws.config.idleLockMinutes).toBe(5);
    expect(ws.config.hotFolder).toBe('/home/clerk/scans');
    expect(ws.policy.locked).toEqual(['workstationId', 'idleLockMinutes']);
  });

  it('a half-valid policy is refused as a whole, naming every bad field', () => {
    const file = write('bad.json', {
      platfrom: { url: 'https://x.example/' },
      office: { code: 'fs01', name: '鳳山', agencyCode: 'KH-HR-FS' },
      idleLockMinutes: 0,
      update: { url: 'http://updates.example.gov.tw/' },
      backup: { dir: 'backups' },
      deviceProfiles: [{ id: 'r1', kind: 'toaster' }],
      workstationId: 'FS01-W01',
    });
    const read = readPolicyFile(file);
    expect(read.kind).toBe('invalid');
    const paths = read.kind === 'invalid' ? read.issues.map((i) => i.path) : [];
    expect(paths.sort()).toEqual(['backup.dir', 'deviceProfiles[0].kind', 'idleLockMinutes', 'office.code', 'platfrom', 'update.url'].sort());
    expect(() => loadWorkstationConfig({ env: env(file) })).toThrow(PolicyInvalid);
    try {
      loadWorkstationConfig({ env: env(file) });
    } catch (e) {
      const failure = e as PolicyInvalid;
      expect(failure.error.code).toBe('CONFIG_INVALID');
      expect(failure.error.message).toContain(file);
      expect(failure.error.message).toContain('office.code：機關代碼須為 2–12 個大寫英數字');
      expect(failure.error.message).toContain('update.url：須以 https:// 開頭');
      expect(failure.error.message).toContain('backup.dir：須為完整路徑');
    }
  });

  it('reports broken JSON, and accepts the BOM Notepad writes', () => {
    const broken = readPolicyFile(write('broken.json', '{ "workstationId": "W1", }'));
    expect(broken.kind === 'invalid' && broken.issues[0]!.message).toMatch(/^不是有效的 JSON/);
    expect(readPolicyFile(write('bom.json', '\uFEFF{ "workstationId": "W1" }')).kind).toBe('ok');
  });

  it('accepts http only for a loopback platform (tests, a platform on the same machine)', () => {
    expect(readPolicyFile(write('lo.json', { platform: { url: 'http://127.0.0.1:8080/' } })).kind).toBe('ok');
    expect(readPolicyFile(write('lan.json', { platform: { url: 'http://10.0.0.5/' } })).kind).toBe('invalid');
  });
});

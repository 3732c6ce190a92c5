import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../electron/services/testing/fixtures';
import { writeChecksums } from './checksums';
import { fakeElectronBinary, runDistCheck } from './distCheck';
import { applyFuses } from './fuses';
import { planSigning, REPO_ROOT, SigningError } from './sign';

const tmp = tempDir('nin1-pack-');
afterAll(() => tmp.cleanup());
const yml = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');

describe('dist:check catches a broken packaging config', () => {
  it('reports electron-builder schema errors (a misspelt key)', async () => {
    const file = tmp.file('typo.yml');
    writeFileSync(file, yml.replace('  perMachine: true\n  allowElevation', '  perMachines: true\n  allowElevation'));
    const checks = await runDistCheck({ configFile: file });
    expect(checks.find((c) => c.name === 'electron-builder schema')!.problems.join()).toMatch(/configuration\.nsis/);
  });
  it('reports our rules: per-user install, a native module packed into asar, a certificate in the config', async () => {
    const file = tmp.file('rules.yml');
    writeFileSync(
      file,
      yml
        .replace('  perMachine: true\n  allowElevation', '  perMachine: false\n  allowElevation')
        .replace('  - "**/node_modules/pkcs11js/**"\n', '')
        .replace('    sign: ./build/sign.mjs\n', '    sign: ./build/sign.mjs\n    certificateFile: build/cert.pfx\n'),
    );
    const problems = (await runDistCheck({ configFile: file })).find((c) => c.name === 'packaging rules')!.problems.join('\n');
    expect(problems).toMatch(/nsis must be perMachine/);
    expect(problems).toMatch(/native module pkcs11js is not in asarUnpack/);
    expect(problems).toMatch(/certificateFile is set/);
  });
});

describe('fuses (afterPack)', () => {
  it('flips the wire of an Electron-like binary to exactly our list', async () => {
    const exe = tmp.file('electron');
    writeFileSync(exe, fakeElectronBinary());
    const result = await applyFuses(exe);
    expect(result).toMatchObject({ RunAsNode: false, EnableNodeOptionsEnvironmentVariable: false, EnableNodeCliInspectArguments: false, EnableCookieEncryption: true, OnlyLoadAppFromAsar: true, EnableEmbeddedAsarIntegrityValidation: true });
    const wire = readFileSync(exe);
    const at = wire.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 32;
    expect(wire.subarray(at + 2, at + 10).toString()).toBe('01001100');
  });
  it('fails the build on a binary without a fuse wire', async () => {
    const exe = tmp.file('not-electron');
    writeFileSync(exe, Buffer.alloc(256, 1));
    await expect(applyFuses(exe)).rejects.toThrow(/sentinel/);
  });
});

describe('signing plans', () => {
  const exe = 'C:\\build\\release\\win-unpacked\\nin1-counter.exe';
  it('Windows with a token certificate in the store: signtool /sha1, SHA-256, RFC 3161 timestamp', () => {
    const plan = planSigning(exe, { NIN1_SIGN_CERT_SHA1: 'AB12', NIN1_SIGN_PUBLISHER: '高雄市政府', NIN1_SIGN_TIMESTAMP_URL: 'http://timestamp.example/' }, 'win32', '/repo');
    expect(plan).toMatchObject({ kind: 'sign', tool: 'signtool.exe', args: ['sign', '/sha1', 'AB12', '/fd', 'sha256', '/d', 'N合一臨櫃', '/tr', 'http://timestamp.example/', '/td', 'sha256', exe] });
  });
  it('Linux build host with a PKCS#11 token: osslsigncode, PIN kept off the command line', () => {
    const plan = planSigning('/tmp/a.exe', { NIN1_SIGN_PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so', NIN1_SIGN_PKCS11_KEY: 'pkcs11:token=sign;object=key', NIN1_SIGN_CERT: '/keys/c.pem', NIN1_SIGN_PIN: '1234', NIN1_SIGN_PUBLISHER: 'x' }, 'linux', '/repo');
    expect(plan.kind === 'sign' && plan.args).toEqual(expect.arrayContaining(['-pkcs11module', '/usr/lib/softhsm/libsofthsm2.so', '-key', 'pkcs11:token=sign;object=key']));
    expect(plan.kind === 'sign' && plan.args.join(' ')).not.toContain('1234');
  });
  it.each([
    ['no certificate', {}],
    ['a PFX inside the repository', { NIN1_SIGN_PFX: '/repo/build/code.pfx', NIN1_SIGN_PUBLISHER: 'x' }],
    ['no publisher to check against', { NIN1_SIGN_PFX: '/keys/code.pfx' }],
    ['a store thumbprint on Linux', { NIN1_SIGN_CERT_SHA1: 'AB12', NIN1_SIGN_PUBLISHER: 'x' }],
  ])('refuses %s', (_n, env) => {
    expect(() => planSigning('/tmp/a.exe', env, 'linux', '/repo')).toThrow(SigningError);
  });
  it('builds unsigned only when asked to, explicitly', () => {
    expect(planSigning('/tmp/a.exe', { NIN1_SIGN_SKIP: '1' }, 'linux', '/repo')).toMatchObject({ kind: 'skip' });
  });
});

describe('Linux package checksums', () => {
  it('writes SHA256SUMS that sha256sum -c accepts, leaving out update metadata', async () => {
    const deb = tmp.file('nin1-counter-0.1.0-amd64.deb');
    const appimage = tmp.file('nin1-counter-0.1.0-x86_64.AppImage');
    writeFileSync(deb, 'deb bytes');
    writeFileSync(appimage, 'appimage bytes');
    writeFileSync(tmp.file('latest-linux.yml'), 'version: 0.1.0');
    const sums = await writeChecksums(tmp.dir, [deb, appimage, tmp.file('latest-linux.yml')]);
    const text = readFileSync(sums, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).not.toContain('latest-linux.yml');
    const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: tmp.dir, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});

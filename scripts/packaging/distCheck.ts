import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { decodeIcoSizes } from '../icons/ico';
import { applyFuses, checkFuseList, FUSES } from './fuses';
import { minimalPe } from './pe';
import { planSigning, REPO_ROOT, signFile, SigningError } from './sign';

export type Check = { name: string; problems: string[]; note?: string };

/** Native modules among our dependencies: they ship a .node binary and must sit outside app.asar. */
export const NATIVE_MODULES = ['better-sqlite3', 'node-hid', 'pkcs11js', 'sharp'];

type BuilderConfig = Record<string, unknown> & {
  appId?: string;
  productName?: string;
  asar?: boolean;
  asarUnpack?: string[];
  afterPack?: string;
  afterAllArtifactBuild?: string;
  electronFuses?: unknown;
  fileAssociations?: unknown[];
  publish?: { provider?: string }[];
  win?: { target?: { target: string }[]; icon?: string; signtoolOptions?: Record<string, unknown>; verifyUpdateCodeSignature?: boolean; cscLink?: unknown };
  nsis?: { perMachine?: boolean; oneClick?: boolean };
  msi?: { perMachine?: boolean };
  linux?: { target?: (string | { target: string })[]; icon?: string };
};

/** electron-builder's own loader and JSON-schema validation (no Electron binary needed). */
async function schemaCheck(root: string, configFile: string): Promise<{ check: Check; config: BuilderConfig | null }> {
  // Deep imports of electron-builder's library: the exact code `electron-builder` runs first.
  const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = await import('builder-util');
  try {
    const config = (await getConfig(root, configFile, null)) as unknown as BuilderConfig;
    await validateConfiguration(config as never, new DebugLogger(false));
    return { check: { name: 'electron-builder schema', problems: [] }, config };
  } catch (e) {
    return { check: { name: 'electron-builder schema', problems: [(e as Error).message.split('\n').slice(0, 40).join('\n')] }, config: null };
  }
}

async function hookCheck(root: string, label: string, path: unknown): Promise<string[]> {
  if (typeof path !== 'string') return [`${label} hook is not configured`];
  const file = resolve(root, path);
  if (!existsSync(file)) return [`${label} hook ${path} does not exist`];
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return typeof mod.default === 'function' ? [] : [`${label} hook ${path} does not export a default function`];
}

/** The rules this project adds on top of the schema (DESIGN.md §8, issue 8). */
async function policyCheck(root: string, c: BuilderConfig): Promise<Check> {
  const p: string[] = [];
  if (c.appId !== 'tw.gov.nin1.counter') p.push(`appId must be tw.gov.nin1.counter (got ${String(c.appId)})`);
  if (c.productName !== 'N合一臨櫃') p.push('productName must be N合一臨櫃');
  if (c.asar !== true) p.push('asar must be on');
  if (c.electronFuses != null) p.push('electronFuses must not be set: the afterPack hook is the single place fuses are flipped');
  if ((c.fileAssociations ?? []).length > 0) p.push('no file associations');
  const unpack = c.asarUnpack ?? [];
  for (const m of NATIVE_MODULES) if (!unpack.some((pattern) => pattern.includes(`node_modules/${m}/`))) p.push(`native module ${m} is not in asarUnpack`);
  const winTargets = (c.win?.target ?? []).map((t) => t.target);
  if (!winTargets.includes('nsis')) p.push('Windows target nsis missing');
  if (c.nsis?.perMachine !== true || c.nsis?.oneClick !== false) p.push('nsis must be perMachine: true, oneClick: false');
  if (winTargets.includes('msi') && c.msi?.perMachine !== true) p.push('msi must be perMachine: true');
  const linuxTargets = (c.linux?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target));
  for (const t of ['deb', 'AppImage']) if (!linuxTargets.includes(t)) p.push(`Linux target ${t} missing`);
  if (!(c.publish ?? []).some((x) => x.provider === 'generic')) p.push('publish must include a generic provider (the update feed)');
  const sign = c.win?.signtoolOptions ?? {};
  for (const k of ['certificateFile', 'certificatePassword', 'certificateSha1', 'certificateSubjectName']) if (k in sign) p.push(`win.signtoolOptions.${k} is set: the certificate comes from the build machine's environment, never from the repository`);
  if ('cscLink' in c || c.win?.cscLink !== undefined) p.push('cscLink is set: the certificate comes from the environment, never from the repository');
  if (JSON.stringify(sign.signingHashAlgorithms) !== '["sha256"]') p.push('win.signtoolOptions.signingHashAlgorithms must be [sha256]');
  if (!Array.isArray(sign.publisherName) || sign.publisherName.length === 0) p.push('win.signtoolOptions.publisherName must list the certificate CN (electron-updater checks it)');
  if (c.win?.verifyUpdateCodeSignature === false) p.push('win.verifyUpdateCodeSignature must stay on');
  p.push(...(await hookCheck(root, 'afterPack', c.afterPack)));
  p.push(...(await hookCheck(root, 'afterAllArtifactBuild', c.afterAllArtifactBuild)));
  p.push(...(await hookCheck(root, 'win.signtoolOptions.sign', sign.sign)));
  return { name: 'packaging rules', problems: p };
}

async function iconCheck(root: string): Promise<Check> {
  const p: string[] = [];
  try {
    const sizes = decodeIcoSizes(readFileSync(join(root, 'build/icon.ico')));
    for (const s of [16, 32, 48, 256]) if (!sizes.includes(s)) p.push(`build/icon.ico lacks ${s}px`);
  } catch (e) {
    p.push(`build/icon.ico: ${(e as Error).message}`);
  }
  for (const s of [16, 32, 48, 64, 128, 256, 512]) {
    const file = join(root, `build/icons/${s}x${s}.png`);
    if (!existsSync(file)) p.push(`build/icons/${s}x${s}.png missing (run npx tsx scripts/make-icons.ts)`);
    else {
      const m = await sharp(file).metadata();
      if (m.width !== s || m.height !== s) p.push(`build/icons/${s}x${s}.png is ${m.width}x${m.height}`);
    }
  }
  return { name: 'icons', problems: p };
}

/** A stand-in for the Electron binary: just the fuse wire Electron embeds (sentinel, version 1, 8 fuses). */
export function fakeElectronBinary(): Buffer {
  const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
  return Buffer.concat([Buffer.alloc(64, 0xcc), sentinel, Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.alloc(64, 0xcc)]);
}

async function fuseCheck(): Promise<Check> {
  const problems = checkFuseList();
  const dir = mkdtempSync(join(tmpdir(), 'nin1-fuses-'));
  try {
    const exe = join(dir, 'electron');
    writeFileSync(exe, fakeElectronBinary());
    const result = await applyFuses(exe);
    for (const [k, v] of Object.entries(FUSES)) if (result[k] !== v) problems.push(`fuse ${k} did not flip to ${v}`);
  } catch (e) {
    problems.push(`afterPack fuse flip failed: ${(e as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'Electron fuses', problems, note: Object.entries(FUSES).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(' ') };
}

const has = (tool: string, arg = '--version'): boolean => spawnSync(tool, [arg], { stdio: 'ignore' }).error === undefined;

/**
 * The signing hook, for real: a throw-away self-signed code-signing certificate signs a minimal
 * PE, the signature verifies with the expected publisher, and a tampered copy fails. Plus the
 * refusals (no certificate, a key inside the repository).
 */
export function signingCheck(root = REPO_ROOT): Check {
  const p: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'nin1-sign-'));
  try {
    const exe = join(dir, 'probe.exe');
    writeFileSync(exe, minimalPe());
    const expectRefusal = (env: Record<string, string>, why: string) => {
      try {
        planSigning(exe, env, 'linux', root);
        p.push(`signing hook accepted ${why}`);
      } catch (e) {
        if (!(e instanceof SigningError)) throw e;
      }
    };
    expectRefusal({}, 'no certificate at all');
    expectRefusal({ NIN1_SIGN_CERT: join(root, 'build/cert.pem'), NIN1_SIGN_KEY: join(root, 'build/key.pem'), NIN1_SIGN_PUBLISHER: 'x' }, 'a key inside the repository');
    expectRefusal({ NIN1_SIGN_CERT: '/k/c.pem', NIN1_SIGN_KEY: '/k/k.pem' }, 'a signature without NIN1_SIGN_PUBLISHER');
    if (process.platform === 'win32') return { name: 'signing hook', problems: p, note: 'real signing skipped on Windows (signtool needs a certificate in the store)' };
    if (!has('osslsigncode') || !has('openssl', 'version')) return { name: 'signing hook', problems: [...p, 'osslsigncode and openssl are needed (scripts/apt-packages.txt; run npm run setup)'] };
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const publisher = 'N合一臨櫃 測試簽章';
    const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${publisher}`, '-addext', 'extendedKeyUsage=codeSigning'], { encoding: 'utf8' });
    if (gen.status !== 0) return { name: 'signing hook', problems: [...p, `openssl could not make a test certificate: ${gen.stderr}`] };
    const env = { NIN1_SIGN_CERT: cert, NIN1_SIGN_KEY: key, NIN1_SIGN_PUBLISHER: publisher, NIN1_SIGN_CA: cert };
    signFile(exe, env, 'linux');
    const verify = spawnSync('osslsigncode', ['verify', '-CAfile', cert, '-in', exe], { encoding: 'utf8' });
    if (verify.status !== 0) p.push(`signed PE does not verify:\n${verify.stdout}`);
    const tampered = readFileSync(exe);
    tampered[0x201] = 0x90;
    writeFileSync(join(dir, 'tampered.exe'), tampered);
    if (spawnSync('osslsigncode', ['verify', '-CAfile', cert, '-in', join(dir, 'tampered.exe')], { encoding: 'utf8' }).status === 0) p.push('a tampered PE still verified');
    try {
      signFile(join(dir, 'again.exe'), { ...env, NIN1_SIGN_PUBLISHER: 'Someone Else' }, 'linux');
      p.push('a signature by another publisher was accepted');
    } catch {
      // expected: the publisher check refuses it (and the file does not exist either)
    }
  } catch (e) {
    p.push(`signing failed: ${(e as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'signing hook', problems: p, note: 'throw-away certificate, minimal PE, osslsigncode verify' };
}

function postinstallCheck(root: string): Check {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const p: string[] = [];
  if (!/scripts\/postinstall\.ts/.test(pkg.scripts?.postinstall ?? '')) p.push('package.json postinstall must run scripts/postinstall.ts (install-app-deps where Electron is present)');
  if (!existsSync(join(root, 'scripts/postinstall.ts'))) p.push('scripts/postinstall.ts missing');
  return { name: 'native module rebuild', problems: p };
}

export async function runDistCheck(o: { root?: string; configFile?: string } = {}): Promise<Check[]> {
  const root = o.root ?? REPO_ROOT;
  const { check, config } = await schemaCheck(root, o.configFile ?? join(root, 'electron-builder.yml'));
  const checks = [check];
  if (config) checks.push(await policyCheck(root, config));
  checks.push(await iconCheck(root), await fuseCheck(), signingCheck(root), postinstallCheck(root));
  return checks;
}

export const listIcons = (root = REPO_ROOT): string[] => readdirSync(join(root, 'build/icons'));

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Windows Authenticode signing for electron-builder's `win.signtoolOptions.sign` hook
 * (build/sign.mjs). The certificate never comes from the repository: it is named by environment
 * variables on the build machine, and is either a file there or a key on a hardware token.
 *
 *   NIN1_SIGN_PFX=D:\keys\code-signing.pfx  NIN1_SIGN_PFX_PASSWORD=…     a PFX file (signtool / osslsigncode)
 *   NIN1_SIGN_CERT_SHA1=<thumbprint>                                    a certificate in the Windows store,
 *                                                                       e.g. on an EV token via its CSP (signtool)
 *   NIN1_SIGN_PKCS11_MODULE=/usr/lib/…/opensc-pkcs11.so                 a PKCS#11 token on a Linux build host
 *     NIN1_SIGN_PKCS11_KEY=pkcs11:token=…;object=…  NIN1_SIGN_CERT=cert.pem  NIN1_SIGN_PIN=…  (osslsigncode)
 *   NIN1_SIGN_CERT=cert.pem NIN1_SIGN_KEY=key.pem                        PEM files (tests, a throw-away key)
 * Always: NIN1_SIGN_PUBLISHER = the certificate's CN, which the signature is checked against after
 * signing (and which electron-updater checks on every update). Optional: NIN1_SIGN_TIMESTAMP_URL
 * (RFC 3161), NIN1_SIGN_CA (CA bundle for verifying on Linux), NIN1_SIGNTOOL (path to signtool.exe).
 * NIN1_SIGN_SKIP=1 builds unsigned on purpose (local trials only; never for counters).
 */

export type SignEnv = Record<string, string | undefined>;
export type SignPlan =
  | { kind: 'skip'; reason: string }
  | { kind: 'sign'; tool: string; args: string[]; /** secret written to a 0600 temp file for -readpass */ passwordFile?: string; output: string | null; publisher: string; via: string };

export class SigningError extends Error {}

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

const insideRepo = (file: string, root = REPO_ROOT): boolean => {
  const rel = relative(root, resolve(file));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** Decides how to sign `file` from the environment; throws SigningError on any unsafe or incomplete setting. */
export function planSigning(file: string, env: SignEnv, platform: NodeJS.Platform = process.platform, root = REPO_ROOT): SignPlan {
  const secrets = ['NIN1_SIGN_PFX', 'NIN1_SIGN_CERT', 'NIN1_SIGN_KEY'].filter((k) => env[k]);
  for (const k of secrets) {
    if (insideRepo(env[k]!, root)) throw new SigningError(`${k} points inside the repository (${env[k]}); certificates and keys must live outside it`);
  }
  const configured = env.NIN1_SIGN_PFX || env.NIN1_SIGN_CERT_SHA1 || env.NIN1_SIGN_PKCS11_MODULE || env.NIN1_SIGN_CERT;
  if (!configured) {
    if (env.NIN1_SIGN_SKIP === '1') return { kind: 'skip', reason: 'NIN1_SIGN_SKIP=1: unsigned build requested' };
    throw new SigningError('no signing certificate configured (set NIN1_SIGN_PFX, NIN1_SIGN_CERT_SHA1, NIN1_SIGN_PKCS11_MODULE or NIN1_SIGN_CERT; see scripts/packaging/sign.ts)');
  }
  const publisher = env.NIN1_SIGN_PUBLISHER;
  if (!publisher) throw new SigningError('NIN1_SIGN_PUBLISHER is required: the certificate subject CN that updates are checked against');
  const ts = env.NIN1_SIGN_TIMESTAMP_URL;
  const description = ['-n', 'N合一臨櫃'];

  if (platform === 'win32' && (env.NIN1_SIGN_PFX || env.NIN1_SIGN_CERT_SHA1)) {
    const who = env.NIN1_SIGN_CERT_SHA1 ? ['/sha1', env.NIN1_SIGN_CERT_SHA1] : ['/f', env.NIN1_SIGN_PFX!, ...(env.NIN1_SIGN_PFX_PASSWORD ? ['/p', env.NIN1_SIGN_PFX_PASSWORD] : [])];
    return {
      kind: 'sign',
      tool: env.NIN1_SIGNTOOL ?? 'signtool.exe',
      args: ['sign', ...who, '/fd', 'sha256', '/d', 'N合一臨櫃', ...(ts ? ['/tr', ts, '/td', 'sha256'] : []), file],
      output: null,
      publisher,
      via: env.NIN1_SIGN_CERT_SHA1 ? 'signtool (certificate store / hardware token)' : 'signtool (PFX)',
    };
  }
  if (env.NIN1_SIGN_CERT_SHA1) throw new SigningError('NIN1_SIGN_CERT_SHA1 (Windows certificate store) can only be used on Windows');

  const out = `${file}.signed`;
  const common = ['-h', 'sha256', ...description, ...(ts ? ['-ts', ts] : []), '-in', file, '-out', out];
  if (env.NIN1_SIGN_PFX) {
    return { kind: 'sign', tool: 'osslsigncode', args: ['sign', '-pkcs12', env.NIN1_SIGN_PFX, ...common], ...(env.NIN1_SIGN_PFX_PASSWORD ? { passwordFile: env.NIN1_SIGN_PFX_PASSWORD } : {}), output: out, publisher, via: 'osslsigncode (PFX)' };
  }
  if (env.NIN1_SIGN_PKCS11_MODULE) {
    if (!env.NIN1_SIGN_PKCS11_KEY || !env.NIN1_SIGN_CERT) throw new SigningError('a PKCS#11 token needs NIN1_SIGN_PKCS11_KEY (pkcs11: URI) and NIN1_SIGN_CERT (its certificate)');
    return {
      kind: 'sign',
      tool: 'osslsigncode',
      args: ['sign', '-pkcs11module', env.NIN1_SIGN_PKCS11_MODULE, '-certs', env.NIN1_SIGN_CERT, '-key', env.NIN1_SIGN_PKCS11_KEY, ...common],
      ...(env.NIN1_SIGN_PIN ? { passwordFile: env.NIN1_SIGN_PIN } : {}),
      output: out,
      publisher,
      via: 'osslsigncode (PKCS#11 token)',
    };
  }
  if (!env.NIN1_SIGN_CERT || !env.NIN1_SIGN_KEY) throw new SigningError('NIN1_SIGN_CERT needs NIN1_SIGN_KEY (or NIN1_SIGN_PKCS11_MODULE for a token)');
  return { kind: 'sign', tool: 'osslsigncode', args: ['sign', '-certs', env.NIN1_SIGN_CERT, '-key', env.NIN1_SIGN_KEY, ...common], output: out, publisher, via: 'osslsigncode (PEM)' };
}

const run = (tool: string, args: string[]) => {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new SigningError(`${tool} could not run: ${r.error.message}`);
  return r;
};

/** osslsigncode prints non-ASCII subject bytes as \xNN escapes; turn them back into text. */
const unescapeBytes = (s: string): string =>
  Buffer.from(s.replace(/\\x([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

/**
 * Checks an Authenticode signature and that its signer is `publisher` — the same test
 * electron-updater applies to an update before installing it.
 */
export function verifySignature(file: string, publisher: string, env: SignEnv = {}, platform: NodeJS.Platform = process.platform): { signer: string } {
  if (platform === 'win32') {
    const r = run(env.NIN1_SIGNTOOL ?? 'signtool.exe', ['verify', '/pa', '/v', file]);
    if (r.status !== 0) throw new SigningError(`signature of ${file} does not verify:\n${r.stdout}${r.stderr}`);
    const signer = /Issued to:\s*(.+)/.exec(r.stdout)?.[1]?.trim() ?? '';
    if (signer !== publisher) throw new SigningError(`${file} is signed by "${signer}", expected publisher "${publisher}"`);
    return { signer };
  }
  const r = run('osslsigncode', ['verify', ...(env.NIN1_SIGN_CA ? ['-CAfile', env.NIN1_SIGN_CA] : []), '-in', file]);
  if (r.status !== 0 || !/Signature verification: ok/.test(r.stdout)) throw new SigningError(`signature of ${file} does not verify:\n${r.stdout}${r.stderr}`);
  const subject = unescapeBytes(/Signer #0:\s*\n\s*Subject: (.+)/.exec(r.stdout)?.[1] ?? '');
  const signer = /(?:^|\/)CN=([^/]+)/.exec(subject)?.[1] ?? '';
  if (signer !== publisher) throw new SigningError(`${file} is signed by "${signer}", expected publisher "${publisher}"`);
  return { signer };
}

/** Signs `file` in place and verifies the result; the unsigned original is kept only until the signed copy verified. */
export function signFile(file: string, env: SignEnv = process.env, platform: NodeJS.Platform = process.platform): SignPlan {
  const plan = planSigning(file, env, platform);
  if (plan.kind === 'skip') return plan;
  let secretDir: string | null = null;
  const args = [...plan.args];
  if (plan.passwordFile !== undefined) {
    // Never on the command line (visible to every process): a private temp file for -readpass.
    secretDir = mkdtempSync(join(tmpdir(), 'nin1-sign-'));
    const pass = join(secretDir, 'pass');
    writeFileSync(pass, plan.passwordFile, { mode: 0o600 });
    chmodSync(pass, 0o600);
    args.splice(1, 0, '-readpass', pass);
  }
  try {
    const r = run(plan.tool, args);
    if (r.status !== 0) throw new SigningError(`${plan.via} failed for ${file}:\n${r.stdout}${r.stderr}`);
    if (plan.output) {
      verifySignature(plan.output, plan.publisher, env, platform);
      renameSync(plan.output, file);
    } else {
      verifySignature(file, plan.publisher, env, platform);
    }
    return { ...plan, args: plan.args.map((a) => (a === env.NIN1_SIGN_PFX_PASSWORD ? '***' : a)) };
  } finally {
    if (plan.output) rmSync(plan.output, { force: true });
    if (secretDir) rmSync(secretDir, { recursive: true, force: true });
  }
}

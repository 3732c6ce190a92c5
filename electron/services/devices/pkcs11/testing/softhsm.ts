import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pkcs11js } from '../module';
import type { TestIdentity } from './certificates';

/**
 * SoftHSM2 lab for tests and benchmarks: a private SOFTHSM2_CONF whose token directory is a temp
 * folder (never the system's), tokens made with softhsm2-util, keys and certificates imported with
 * pkcs11-tool (OpenSC), exactly as IT would prepare a test card.
 */
const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
];

const onPath = (tool: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export type SoftHsmCheck = { ok: true; module: string } | { ok: false; reason: string };

/** Is SoftHSM2 (and pkcs11-tool) here? Tests skip with this reason when not (scripts/apt-packages.txt installs both). */
export function findSoftHsm(): SoftHsmCheck {
  const module = MODULE_CANDIDATES.find((p) => existsSync(p));
  if (!module) return { ok: false, reason: 'SoftHSM2 is not installed (apt package softhsm2): libsofthsm2.so not found' };
  if (!onPath('softhsm2-util')) return { ok: false, reason: 'softhsm2-util not on PATH (apt package softhsm2)' };
  if (!onPath('pkcs11-tool')) return { ok: false, reason: 'pkcs11-tool not on PATH (apt package opensc)' };
  return { ok: true, module };
}

export const TEST_PIN = '123456';
export const TEST_SO_PIN = '12345678';

export class SoftHsmLab {
  readonly conf: string;
  readonly tokenDir: string;

  constructor(
    readonly dir: string,
    readonly module: string,
  ) {
    this.tokenDir = join(dir, 'tokens');
    mkdirSync(this.tokenDir, { recursive: true });
    this.conf = join(dir, 'softhsm2.conf');
    writeFileSync(this.conf, `directories.tokendir = ${this.tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`);
  }

  /** SoftHSM reads SOFTHSM2_CONF at C_Initialize: call before loading the module in this process. */
  use(): this {
    process.env.SOFTHSM2_CONF = this.conf;
    return this;
  }

  private run(tool: string, args: string[]): string {
    return execFileSync(tool, args, { env: { ...process.env, SOFTHSM2_CONF: this.conf }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** A fresh token (a "card") with a user PIN. */
  createToken(label: string, pin = TEST_PIN): void {
    this.run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', TEST_SO_PIN, '--pin', pin]);
  }

  /** Put a private key and its certificate on the token under one CKA_ID, as a card issuer does. */
  importIdentity(label: string, identity: TestIdentity, options: { pin?: string; id?: string; withKey?: boolean } = {}): void {
    const pin = options.pin ?? TEST_PIN;
    const id = options.id ?? '01';
    const cert = join(this.dir, `${label}-${id}.cert.der`);
    const key = join(this.dir, `${label}-${id}.key.der`);
    writeFileSync(cert, identity.certDer);
    writeFileSync(key, identity.keyPkcs8Der);
    const common = ['--module', this.module, '--token-label', label, '--login', '--pin', pin, '--id', id, '--label', `${label}-${id}`];
    if (options.withKey !== false) this.run('pkcs11-tool', [...common, '--write-object', key, '--type', 'privkey', '--usage-sign']);
    this.run('pkcs11-tool', [...common, '--write-object', cert, '--type', 'cert']);
  }

  deleteToken(label: string): void {
    this.run('softhsm2-util', ['--delete-token', '--token', label]);
  }

  /**
   * SoftHSM2 never locks a PIN by itself (it only sets CKF_USER_PIN_COUNT_LOW after a wrong one), so
   * to stand in for a card whose PIN is locked, or on its final try, we set those flags in the
   * token's stored state (token.object: 8-byte generation, then attributes as 8-byte type, 8-byte
   * kind, value; the token flags are the ULONG attribute 0x8000534B) and bump the generation so a
   * loaded module re-reads it. Call while no module in this process has the token open.
   */
  setTokenFlags(label: string, update: (flags: number) => number): void {
    const file = this.tokenObjectFile(label);
    const data = readFileSync(file);
    const marker = Buffer.from('00000000800053' + '4b' + '0000000000000002', 'hex');
    const at = data.indexOf(marker);
    if (at < 0) throw new Error('SoftHSM token flags not found (object store format changed?)');
    const valueAt = at + marker.length;
    data.writeBigUInt64BE(BigInt(update(Number(data.readBigUInt64BE(valueAt)))), valueAt);
    data.writeBigUInt64BE(data.readBigUInt64BE(0) + 1n, 0);
    writeFileSync(file, data);
  }

  lockPin(label: string): void {
    this.setTokenFlags(label, (f) => f | pkcs11js().CKF_USER_PIN_LOCKED);
  }

  finalTry(label: string): void {
    this.setTokenFlags(label, (f) => f | pkcs11js().CKF_USER_PIN_FINAL_TRY);
  }

  private tokenObjectFile(label: string): string {
    for (const uuid of readdirSync(this.tokenDir)) {
      const file = join(this.tokenDir, uuid, 'token.object');
      if (existsSync(file) && readFileSync(file).includes(Buffer.from(label.padEnd(32, ' ')))) return file;
    }
    throw new Error(`no SoftHSM token labelled ${label}`);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

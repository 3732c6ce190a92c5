import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AppFailure } from '../../../shared/result';
import type { SafeStorageLike } from '../sync/secretBox';
import { signerFromPem, type Signer } from './signer';

/**
 * Which key: the workstation's own (envelopes, 補件 answers) or an agency credential's on this
 * install (agency answers, transfers, 補件 requests), e.g. `agency-KH-TAX`.
 */
export type KeyName = 'workstation' | `agency-${string}`;

/** A fresh key pair, kept only once the platform has registered its public half. */
export type PendingKey = { signer: Signer; persist(): void };

/**
 * Where this install's private signing keys live (issue 15 §1). The choice is made once per process
 * (Electron main: the OS key store; Node CLI and tests: a 0600 file; a PKCS#11 token when IT
 * configured one) and handed to whoever signs or enrols.
 */
export type KeyStore = {
  readonly kind: 'file' | 'safe-storage' | 'pkcs11';
  load(name: KeyName): Signer | null;
  create(name: KeyName): PendingKey;
};

/**
 * The file beside the database (`<db>.signing-key.pem` for the workstation, `<db>.signing-key.<name>.pem`
 * for an agency credential): a backup of the database alone does not carry the power to sign.
 * `:memory:` databases (tests of other concerns) have no place for a file and no signer.
 */
export function keyFileOf(dbFile: string, name: KeyName): string | null {
  if (!dbFile || dbFile === ':memory:') return null;
  return name === 'workstation' ? `${dbFile}.signing-key.pem` : `${dbFile}.signing-key.${name}.pem`;
}

/** Written 0600 from the first byte (`mode` on create, chmod when replaced). */
export function writePrivateFile(file: string, data: string | Buffer): void {
  writeFileSync(file, data, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** A new Ed25519 private key as PKCS#8 PEM (also the platform's own key at its first start). */
export const newPrivateKeyPem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

/** Node, CLI and tests: the PKCS#8 PEM in a 0600 file. */
export function fileKeyStore(dbFile: string): KeyStore {
  return {
    kind: 'file',
    load(name) {
      const file = keyFileOf(dbFile, name);
      if (!file) return null;
      if (existsSync(file)) return signerFromPem(readFileSync(file, 'utf8'));
      // Sealed by the desktop app's OS key store: say so rather than send unsigned (which the platform refuses).
      if (existsSync(`${file}.safe`)) throw sealedKey();
      return null;
    },
    create(name) {
      const pem = newPrivateKeyPem();
      return {
        signer: signerFromPem(pem),
        persist() {
          const file = keyFileOf(dbFile, name);
          if (file) writePrivateFile(file, pem);
        },
      };
    },
  };
}

const sealedKey = () =>
  new AppFailure({ code: 'SIGNING_KEY_SEALED', message: '簽章金鑰已由桌面程式以作業系統金鑰加密，此程式無法使用。請在桌面程式中操作，或以新的註冊碼重新註冊。' });

/** The part of Electron's `safeStorage` used here (main process only; DPAPI, Keychain or libsecret). */
export type SafeStorageApi = SafeStorageLike;

/**
 * Electron main: the PEM encrypted by the OS key store (`<key file>.safe`, still 0600), so the file
 * alone, copied off the machine or out of a backup, is useless. A key written as a plain file before
 * (an install enrolled by the CLI) is still read; the next enrolment replaces it with a sealed one.
 */
export function safeStorageKeyStore(dbFile: string, safe: SafeStorageApi): KeyStore {
  const plain = fileKeyStore(dbFile);
  const sealedFile = (name: KeyName) => {
    const f = keyFileOf(dbFile, name);
    return f && `${f}.safe`;
  };
  return {
    kind: 'safe-storage',
    load(name) {
      const file = sealedFile(name);
      if (file && existsSync(file)) return signerFromPem(safe.decryptString(readFileSync(file)));
      return plain.load(name);
    },
    create(name) {
      const pem = newPrivateKeyPem();
      return {
        signer: signerFromPem(pem),
        persist() {
          const file = sealedFile(name);
          if (file) writePrivateFile(file, safe.encryptString(pem));
        },
      };
    },
  };
}

let provider: ((dbFile: string) => KeyStore) | null = null;

/**
 * Electron main installs its choice at start (the OS key store when `safeStorage` can encrypt, or
 * a PKCS#11 token from policy); without one (Node, CLI, tests) keys are 0600 files.
 */
export function installKeyStore(make: ((dbFile: string) => KeyStore) | null): void {
  provider = make;
}

export const keyStoreFor = (dbFile: string): KeyStore => (provider ? provider(dbFile) : fileKeyStore(dbFile));

/** The choice Electron main makes: safeStorage when it can encrypt here (on Linux it may not: no keyring). */
export const chooseKeyStore = (safe: SafeStorageApi | null) => (dbFile: string): KeyStore =>
  safe?.isEncryptionAvailable() ? safeStorageKeyStore(dbFile, safe) : fileKeyStore(dbFile);

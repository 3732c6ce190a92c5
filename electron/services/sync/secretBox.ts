import { AppFailure } from '../../../shared/result';

/**
 * How the counter keeps its platform credential at rest (issue 13, finding 4). Injected, so the
 * services never import Electron:
 * - Electron installs `safeStorageBox(safeStorage)` at start: the token is sealed with the OS key
 *   store (DPAPI on Windows, the keyring on Linux), so a copy of the database or of a backup alone
 *   does not carry a usable token;
 * - everywhere else (browser host, CLI, tests, or Electron without a key store) the token stays
 *   plaintext inside the database, which is 0600 in a 0700 folder (db/privateFiles.ts).
 */
export type SecretBox = {
  readonly kind: 'os-keystore' | 'plaintext';
  /** The value to store for `secret`. */
  seal(secret: string): string;
  /** The secret back from a stored value (a plaintext value from before sealing is returned as it is). */
  open(stored: string): string;
};

/** Marks a value sealed by the OS key store, so a plaintext reader can say why it cannot use it. */
const SEALED = 'os-keystore:v1:';

export const plaintextBox: SecretBox = {
  kind: 'plaintext',
  seal: (secret) => secret,
  open: (stored) => {
    if (!stored.startsWith(SEALED)) return stored;
    throw new AppFailure({
      code: 'CREDENTIAL_SEALED',
      message: '平台憑證已由桌面程式以作業系統金鑰加密，此程式無法使用。請在桌面程式中同步，或以新的註冊碼重新註冊。',
    });
  },
};

/** The part of Electron's `safeStorage` we use (typed here: Electron is not a dependency of the services). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
};

/**
 * ELECTRON PATH — the shell passes `safeStorage` from 'electron'. Not exercised against a real key
 * store on our machines (no Electron binary); tested with a stand-in of the same surface. Without a
 * usable key store (e.g. Linux with no keyring), the plaintext box is returned rather than storing
 * under Electron's hard-coded fallback password, which would only look safe.
 */
export function safeStorageBox(safeStorage: SafeStorageLike): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return plaintextBox;
  return {
    kind: 'os-keystore',
    seal: (secret) => SEALED + safeStorage.encryptString(secret).toString('base64'),
    open: (stored) => (stored.startsWith(SEALED) ? safeStorage.decryptString(Buffer.from(stored.slice(SEALED.length), 'base64')) : stored),
  };
}

let installed: SecretBox = plaintextBox;

/** Called once by the Electron shell at start; every other process keeps the plaintext box. */
export function installSecretBox(box: SecretBox): void {
  installed = box;
}

export const secretBox = (): SecretBox => installed;

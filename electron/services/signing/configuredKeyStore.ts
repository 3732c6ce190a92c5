import { readFileSync, statSync } from 'node:fs';
import type { Pkcs11KeyStoreSetting } from '../../../shared/policy/schema';
import { AppFailure } from '../../../shared/result';
import type { CounterConfig } from '../config/config';
import { CardError } from '../devices/pkcs11/errors';
import { Pkcs11Module } from '../devices/pkcs11/module';
import { installKeyStore, type KeyStore } from './keyStore';
import { pkcs11KeyStore } from './pkcs11KeyStore';

type Provider = (dbFile: string) => KeyStore;

const pinFailure = (message: string) => new AppFailure({ code: 'SIGNING_PIN_SOURCE', message, path: 'pkcs11KeyStore' });

/**
 * The token PIN from where the setting points, read when the key is first needed. A PIN file must be
 * the owner's alone (0600 or stricter) — on Windows, where modes mean nothing, the folder's ACL is IT's
 * to set — and the PIN itself never appears in a message.
 */
export function readKeyStorePin(s: Pkcs11KeyStoreSetting, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (s.pinEnv !== undefined) {
    const pin = env[s.pinEnv];
    if (!pin) throw pinFailure(`簽章金鑰權杖的 PIN 碼環境變數「${s.pinEnv}」未設定，請洽資訊人員。`);
    return pin;
  }
  const file = s.pinFile!;
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw pinFailure(`找不到簽章金鑰權杖的 PIN 碼檔案「${file}」，請洽資訊人員。`);
  }
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw pinFailure(`簽章金鑰權杖的 PIN 碼檔案「${file}」權限過寬（${(mode & 0o777).toString(8)}），須為 600（僅擁有者可讀寫）。`);
  }
  const pin = readFileSync(file, 'utf8').trim();
  if (!pin) throw pinFailure(`簽章金鑰權杖的 PIN 碼檔案「${file}」是空的。`);
  return pin;
}

/**
 * The key store IT configured, opened on first use (a CLI command that signs nothing never loads
 * the module or reads the PIN): one module, one logged-in token session for the process. The token
 * is the labelled one, or the slot at `slotIndex` among those holding a token, or the only one.
 */
function pkcs11Provider(s: Pkcs11KeyStoreSetting): { provider: Provider; close(): void } {
  let opened: { mod: Pkcs11Module; store: ReturnType<typeof pkcs11KeyStore> } | null = null;
  const open = () => {
    if (opened) return opened.store;
    const pin = readKeyStorePin(s);
    const mod = Pkcs11Module.load(s.modulePath);
    let tokenLabel = s.tokenLabel;
    if (tokenLabel === undefined && s.slotIndex !== undefined) {
      tokenLabel = mod.tokens()[s.slotIndex]?.label;
      if (tokenLabel === undefined) {
        mod.close();
        throw CardError.noToken();
      }
    }
    opened = { mod, store: pkcs11KeyStore(mod, pin, tokenLabel === undefined ? {} : { tokenLabel }) };
    return opened.store;
  };
  return {
    provider: () => open(),
    close() {
      opened?.store.close();
      opened?.mod.close();
      opened = null;
    },
  };
}

/**
 * Issue 15 §1, at start (Electron main through runCounter, the CLI's withApp): the PKCS#11 token
 * when the workstation config names one, else `fallback` (Electron: chooseKeyStore(safeStorage)),
 * else the 0600 file (null). Returns what to call at shutdown: it logs out of the token and puts the
 * default back.
 */
export function installConfiguredKeyStore(config: Pick<CounterConfig, 'pkcs11KeyStore'>, fallback: Provider | null): () => void {
  if (!config.pkcs11KeyStore) {
    installKeyStore(fallback);
    return () => installKeyStore(null);
  }
  const token = pkcs11Provider(config.pkcs11KeyStore);
  installKeyStore(token.provider);
  return () => {
    installKeyStore(null);
    token.close();
  };
}

import { createRequire } from 'node:module';
import type * as Pkcs11Js from 'pkcs11js';
import { CardError, ckrName } from './errors';

export type Pkcs11Lib = typeof Pkcs11Js;
export type TokenSlot = { slot: Buffer; label: string; serial: string; flags: number };

let lib: Pkcs11Lib | undefined;
/** pkcs11js is CommonJS with a native binding: loaded on first use, so a workstation without card login never loads it. */
export const pkcs11js = (): Pkcs11Lib => (lib ??= createRequire(import.meta.url)('pkcs11js') as Pkcs11Lib);

/**
 * One loaded and initialised PKCS#11 module (HiCOS or another vendor's middleware in production,
 * SoftHSM2 in tests). pkcs11js calls are synchronous; each is short except C_Login/C_Sign on a real
 * card (100–500 ms), which only happen when the clerk asks to log in.
 */
export class Pkcs11Module {
  private constructor(
    readonly path: string,
    readonly api: InstanceType<Pkcs11Lib['PKCS11']>,
  ) {}

  static load(path: string): Pkcs11Module {
    const P = pkcs11js();
    const api = new P.PKCS11();
    try {
      api.load(path);
      api.C_Initialize();
    } catch (e) {
      throw CardError.moduleFailed(ckrName(e) ?? (e instanceof Error ? e.message.split('\n')[0]! : String(e)));
    }
    return new Pkcs11Module(path, api);
  }

  /**
   * Slots holding an initialised token (a card). A slot whose token cannot be read (pulled out while
   * we ask, middleware hiccup) counts as empty: when unsure, the card is not there.
   */
  tokens(): TokenSlot[] {
    const P = pkcs11js();
    let slots: Buffer[];
    try {
      slots = this.api.C_GetSlotList(true);
    } catch {
      return [];
    }
    const out: TokenSlot[] = [];
    for (const slot of slots) {
      try {
        const info = this.api.C_GetTokenInfo(slot);
        if ((info.flags & P.CKF_TOKEN_INITIALIZED) === 0) continue;
        out.push({ slot, label: info.label.trim(), serial: info.serialNumber.trim(), flags: info.flags });
      } catch {
        // token vanished between the list and the info: not present
      }
    }
    return out;
  }

  /** Flags of the token in `slot` now, or undefined if it is gone. */
  flagsOf(slot: Buffer): number | undefined {
    try {
      return this.api.C_GetTokenInfo(slot).flags;
    } catch {
      return undefined;
    }
  }

  close(): void {
    try {
      this.api.C_Finalize();
    } catch {
      // already finalised
    }
    try {
      this.api.close();
    } catch {
      // library already unloaded
    }
  }
}

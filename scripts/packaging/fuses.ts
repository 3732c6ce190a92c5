import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** Bytes of the fuse wire (@electron/fuses keeps these internal): '0', '1', 'r' (removed). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31, REMOVED: 0x72 } as const;

/**
 * Electron fuses flipped in the packaged binary (DESIGN.md §8), checked by `npm run dist:check` and
 * applied by build/afterPack.mjs — after packing and before signing, so the signature covers them.
 * Every fuse @electron/fuses knows is decided here, so an upgrade that adds one shows up as a
 * dist:check failure rather than a silent default.
 */
export const FUSES: Record<keyof typeof FuseV1Options, boolean> = {
  /** ELECTRON_RUN_AS_NODE would turn the signed exe into a general Node interpreter. */
  RunAsNode: false,
  /** Cookies encrypted with the OS key store (DPAPI / libsecret). */
  EnableCookieEncryption: true,
  /** NODE_OPTIONS could inject code (--require) into the signed app. */
  EnableNodeOptionsEnvironmentVariable: false,
  /** --inspect would open a debugger port into the main process. */
  EnableNodeCliInspectArguments: false,
  /** The app.asar must match the hash embedded at build time (Windows; electron-builder writes it). */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** Never load app code from a loose folder next to the exe. */
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  /** We serve the renderer from app://, so file:// needs no extra powers. */
  GrantFileProtocolExtraPrivileges: false,
};

/** The fuses the issue requires, with their required state: dist:check refuses any drift. */
export const REQUIRED_FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
} as const;

export function fuseConfig() {
  const config: Record<number, boolean> & { version: FuseVersion.V1 } = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name as keyof typeof FuseV1Options]] = value;
  return config;
}

/** Problems with the fuse list itself (empty when it is right). */
export function checkFuseList(): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(REQUIRED_FUSES)) {
    if (FUSES[name as keyof typeof FUSES] !== want) problems.push(`fuse ${name} must be ${want ? 'on' : 'off'}`);
  }
  const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
  for (const name of known) if (!(name in FUSES)) problems.push(`fuse ${name} (new in @electron/fuses) has no decision in FUSES`);
  return problems;
}

/**
 * Flips the fuses in the Electron executable and reads them back: a fuse that did not take (an
 * unexpected wire) fails the build instead of shipping an unhardened binary.
 */
export async function applyFuses(exe: string): Promise<Record<string, boolean>> {
  await flipFuses(exe, fuseConfig());
  const wire = (await getCurrentFuseWire(exe)) as unknown as Record<number, number>;
  const result: Record<string, boolean> = {};
  for (const [name, want] of Object.entries(FUSES)) {
    const state = wire[FuseV1Options[name as keyof typeof FuseV1Options]];
    if (state === undefined || state === FuseState.REMOVED) continue; // not in this Electron's wire
    const on = state === FuseState.ENABLE;
    if (on !== want) throw new Error(`fuse ${name} is ${on ? 'on' : 'off'} in ${exe} after flipping; expected ${want ? 'on' : 'off'}`);
    result[name] = on;
  }
  for (const name of Object.keys(REQUIRED_FUSES)) if (!(name in result)) throw new Error(`fuse ${name} is missing from the fuse wire of ${exe}`);
  return result;
}

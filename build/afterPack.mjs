// electron-builder `afterPack` hook: flips the Electron fuses (scripts/packaging/fuses.ts) in the
// packed executable, before electron-builder signs it. Logic lives in TypeScript, loaded with tsx.
import console from 'node:console';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export default async function afterPack(context) {
  const { applyFuses } = await tsImport('../scripts/packaging/fuses.ts', import.meta.url);
  const { electronPlatformName, appOutDir, packager } = context;
  const exe =
    electronPlatformName === 'win32' ? join(appOutDir, `${packager.appInfo.productFilename}.exe`) : join(appOutDir, packager.executableName);
  const fuses = await applyFuses(exe);
  console.log(`  • fuses set on ${exe}: ${JSON.stringify(fuses)}`);
}

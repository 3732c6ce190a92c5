import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

/**
 * The esbuild settings of the Electron shell, in one place for `npm run build:electron` and for the
 * test that loads a bundle the way the packaged app does (electronBundle.test.ts). Main is ESM with
 * node_modules external (native modules load from the unpacked asar); files the code reads at run
 * time come from resources/ (extraResources), never from paths relative to the bundle.
 */
export const MAIN_BUNDLE: BuildOptions = { bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', sourcemap: true, logLevel: 'warning' };

/** Bundles main (ESM) and preload (CommonJS: sandboxed preloads cannot be ES modules) into `outDir`. */
export async function buildElectron(outDir = 'dist-electron'): Promise<void> {
  await build({ ...MAIN_BUNDLE, entryPoints: ['electron/main/main.ts'], outfile: join(outDir, 'main.mjs'), logLevel: 'info' });
  await build({ entryPoints: ['electron/preload/preload.ts'], outfile: join(outDir, 'preload.cjs'), bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron'], logLevel: 'info' });
}

import { build } from 'esbuild';

// Bundles the thin Electron shell: main as ESM (node_modules stay external so native modules load
// from the unpacked asar), preload as CommonJS because sandboxed preloads cannot be ES modules.
await build({
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist-electron/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'info',
});
await build({
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'info',
});

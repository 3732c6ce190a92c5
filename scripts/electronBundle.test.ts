import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../electron/services/resources';
import { buildElectron, MAIN_BUNDLE } from './electronBundle';

const ROOT = resolve(__dirname, '..');
// A packaged layout: <app>/dist-electron/main.mjs, resources beside it (extraResources), no sources.
const app = mkdtempSync(join(tmpdir(), 'nin1-packaged-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('the Electron bundle in the packaged layout', () => {
  it('finding 17-12: the demo platform starts from a dist-electron bundle and serves the progress page from the shipped resources', async () => {
    const out = join(app, 'dist-electron');
    await buildElectron(out); // the real build script's settings
    expect(readFileSync(join(out, 'main.mjs'), 'utf8')).not.toMatch(/new URL\(["'`]\.\/static\//);

    // The demo platform as the shell bundles it (same esbuild settings), run by plain node with
    // only the bundle, node_modules and the copied resources folder: what the installer lays out.
    const entry = join(app, 'entry.ts');
    writeFileSync(
      entry,
      `import { startPlatform } from ${JSON.stringify(join(ROOT, 'platform/start.ts'))};
       import { silentLogger } from ${JSON.stringify(join(ROOT, 'electron/services/logging/logger.ts'))};
       const p = await startPlatform({ storage: { kind: 'sqlite', file: process.argv[2] }, logger: silentLogger(), port: 0, demo: true });
       const r = await fetch(p.url.replace(/\\/$/, '') + '/progress');
       const js = await fetch(p.url.replace(/\\/$/, '') + '/progress/progress.js');
       console.log(JSON.stringify({ page: r.status, html: (await r.text()).includes('<html'), js: js.status }));
       await p.close();`,
    );
    await build({ ...MAIN_BUNDLE, entryPoints: [entry], outfile: join(out, 'platform.mjs') });
    cpSync(resourcesDir(), join(app, 'resources'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
    const run = spawnSync(process.execPath, [join(out, 'platform.mjs'), join(app, 'demo.platform.sqlite')], {
      cwd: app,
      env: { ...process.env, NIN1_RESOURCES_DIR: join(app, 'resources') },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual({ page: 200, html: true, js: 200 });
  });
});

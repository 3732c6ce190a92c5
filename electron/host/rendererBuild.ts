import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RENDERER_DIST = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** Builds the renderer with Vite when no build exists yet (a fresh clone after `npm ci`). */
export async function ensureRendererBuilt(force = false): Promise<string> {
  if (force || !existsSync(`${RENDERER_DIST}index.html`)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  return RENDERER_DIST;
}

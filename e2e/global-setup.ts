import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHost } from '../electron/host/runHost';

/**
 * Starts the browser host once for the run: a new temp database (seeded with the demo office,
 * clerks and past cases), the built renderer, a fresh launch token. Tests read the URL from the
 * environment (workers inherit it); the returned function stops the host and removes the DB.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  process.env.NIN1_LOG_LEVEL ??= 'warn';
  const dir = mkdtempSync(join(tmpdir(), 'nin1-e2e-'));
  const host = await runHost(['--port', '0', '--db', join(dir, 'counter.sqlite'), '--no-platform']); // sync.spec runs its own platform
  process.env.NIN1_HOST_URL = host.url;
  return async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

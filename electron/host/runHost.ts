import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { hostLogger } from './hostLogger';
import { loadFormFont } from '../services/pdf/font';
import { ensureRendererBuilt } from './rendererBuild';
import { startHost } from './server';
import { assertTestHooksAllowed, deviceTestHooks, HidSimulator } from './deviceTestHooks';
import { runCounter } from './runCounter';
import type { SyncHostOptions } from './syncHost';
import type { DemoPlatform } from './demoPlatform';

/**
 * `npm run host -- --port N --db FILE [--platform URL | --no-platform]`: starts the browser host (no
 * browser is opened) and prints exactly one stdout line `URL <url-with-token>` when ready. A new
 * database without IT's policy becomes the demo (services/config/databaseMode.ts): demo data, and a local platform beside it
 * (electron/host/syncHost.ts) unless `--platform` names one or `--no-platform` says none.
 */
export async function runHost(argv: string[]): Promise<{ url: string; openUrl(): string; close(): Promise<void>; demoPlatform: DemoPlatform | null }> {
  const { values } = parseArgs({
    args: argv,
    options: { 'test-hooks': { type: 'boolean' }, port: { type: 'string' }, db: { type: 'string' }, rebuild: { type: 'boolean' }, platform: { type: 'string' }, 'no-platform': { type: 'boolean' } },
  });
  const dbFile = values.db ?? '.data/counter.sqlite';
  mkdirSync(dirname(dbFile), { recursive: true });
  const { logger } = hostLogger(dbFile);
  const syncOptions: SyncHostOptions = { counterDb: dbFile, logger, ...(values.platform ? { platformUrl: values.platform } : {}), none: values['no-platform'] ?? false, started: { demo: null } };
  // A bad policy file or a corrupt database does not stop the host: it serves the admin error
  // screen and answers every call with the reason (boot/boot.ts), exactly like the Electron shell.
  // --test-hooks (UI tests): devices come from the HID simulator, driven through POST /__test__/… (deviceTestHooks.ts).
  if (values['test-hooks']) assertTestHooksAllowed();
  const simulator = values['test-hooks'] ? new HidSimulator() : null;
  const counter = runCounter({
    dbFile,
    shell: 'browser-host',
    logger,
    sync: syncOptions,
    devices: simulator ? { hid: simulator.api, hidPollMs: 200, tokenPollMs: 250 } : { hid: 'node-hid' },
  });
  const app = counter.booted;
  // Parse the 7 MB form font now, not when the first citizen's form is printed.
  void loadFormFont().catch((e: unknown) => logger.error({ err: e }, 'form font failed to load'));
  const rendererDir = await ensureRendererBuilt(values.rebuild ?? false);
  const demoPlatform = await counter.connected();
  const host = await startHost({ app, rendererDir, port: values.port ? Number(values.port) : 0, ...(simulator ? { testHook: deviceTestHooks(simulator) } : {}) });
  logger.info({ port: host.port }, 'browser host ready');
  return {
    url: host.url,
    openUrl: host.openUrl,
    demoPlatform,
    close: async () => {
      await host.close();
      await counter.shutdown();
    },
  };
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { createCounterApp } from '../services/app';
import { ensureDemoData } from '../services/demo/ensureDemo';
import { createLogger } from '../services/logging/logger';
import { loadFormFont } from '../services/pdf/font';
import { ensureRendererBuilt } from './rendererBuild';
import { startHost } from './server';

/**
 * `npm run host -- --port N --db FILE`: starts the browser host (no browser is opened) and prints
 * exactly one stdout line `URL <url-with-token>` when ready. A new database gets the demo data.
 */
export async function runHost(argv: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, db: { type: 'string' }, rebuild: { type: 'boolean' } } });
  const dbFile = values.db ?? '.data/counter.sqlite';
  mkdirSync(dirname(dbFile), { recursive: true });
  const logger = createLogger();
  const app = createCounterApp({ dbFile, shell: 'browser-host', demo: true, logger });
  ensureDemoData(app.ctx);
  // Parse the 7 MB form font now, not when the first citizen's form is printed.
  void loadFormFont().catch((e: unknown) => logger.error({ err: e }, 'form font failed to load'));
  const rendererDir = await ensureRendererBuilt(values.rebuild ?? false);
  const host = await startHost({ app, rendererDir, port: values.port ? Number(values.port) : 0 });
  logger.info({ port: host.port }, 'browser host ready');
  return {
    url: host.url,
    close: async () => {
      await host.close();
      app.close();
    },
  };
}

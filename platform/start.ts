import type { Logger } from 'pino';
import { loadCatalogue } from '../electron/services/catalogue/loadCatalogue';
import { systemClock, type Clock } from '../electron/services/clock';
import { resourcePath } from '../electron/services/resources';
import type { Catalogue } from '../shared/catalogue/schema';
import { secretFor } from './auth/secret';
import { platformConfig, type PlatformConfig, type SmtpConfig } from './config';
import { seedDemo } from './demo';
import { createSmtpMailer } from './mail/mailer';
import { createPlatform, type Platform } from './server/createPlatform';
import { startPgHintRelay } from './server/hintRelay';
import { openStore, type StorageConfig } from './store/open';

export type StartOptions = {
  storage: StorageConfig;
  logger: Logger;
  port?: number;
  host?: string;
  /** Seed the well-known demo enrolment codes (platform/demo.ts). */
  demo?: boolean;
  smtp?: SmtpConfig | null;
  catalogue?: Catalogue;
  clock?: Clock;
  config?: Partial<Omit<PlatformConfig, 'catalogue' | 'secret'>>;
};

export type RunningPlatform = { url: string; platform: Platform; demoCodes: { kind: string; who: string; code: string }[]; close(): Promise<void> };

/**
 * Opens the store, resolves the token secret, optionally seeds the demo, and listens. Used by
 * `npm run platform` and by anything that embeds a local platform (the demo start, fault tests).
 */
export async function startPlatform(o: StartOptions): Promise<RunningPlatform> {
  const clock = o.clock ?? systemClock;
  const catalogue = o.catalogue ?? loadCatalogue(resourcePath('catalogue'));
  const store = await openStore(o.storage);
  try {
    const secret = await secretFor(store);
    const demoCodes = o.demo ? await seedDemo(store, clock, catalogue) : [];
    const platform = await createPlatform({
      store,
      config: platformConfig(catalogue, secret, o.config),
      clock,
      mailer: o.smtp ? createSmtpMailer(o.smtp) : null,
      logger: o.logger,
    });
    // Nodes sharing one PostgreSQL hand each other their SSE hints; a SQLite node is alone.
    const relay = o.storage.kind === 'postgres' ? startPgHintRelay({ url: o.storage.url, hub: platform.deps.hub, logger: o.logger.child({ module: 'hint-relay' }) }) : null;
    const url = await platform.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' });
    return {
      url,
      platform,
      demoCodes,
      async close() {
        await relay?.close();
        await platform.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

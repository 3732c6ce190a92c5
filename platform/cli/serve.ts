import { createLogger } from '../../electron/services/logging/logger';
import { systemClock } from '../../electron/services/clock';
import { platformConfig, SmtpConfig } from '../config';
import { seedDemo } from '../demo';
import { createSmtpMailer } from '../mail/mailer';
import { createPlatform } from '../server/createPlatform';
import { catalogueFrom, secretFor, storeFrom, STORAGE_OPTIONS, UsageError, type Command } from './options';

/**
 * `npm run platform -- --port N --db FILE [--demo] [--smtp-host H --smtp-port P] [--host 127.0.0.1]`
 * Prints exactly one line on stdout when ready, `LISTENING <url>`; logs go to stderr.
 */
export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve --port N (--db FILE | --pg URL) [--demo] [--smtp-host H --smtp-port P] [--public-url URL] [--host 127.0.0.1]',
  options: {
    ...STORAGE_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
    'smtp-host': { type: 'string' },
    'smtp-port': { type: 'string' },
    'smtp-from': { type: 'string' },
    'public-url': { type: 'string' },
  },
  async run(v) {
    const port = Number(v.port ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port 須為 0–65535 的整數');
    const logger = createLogger().child({ module: 'platform' });
    const catalogue = catalogueFrom(v);
    const store = await storeFrom(v);
    const secret = await secretFor(store);
    const smtpHost = (v['smtp-host'] as string | undefined) ?? process.env.NIN1_SMTP_HOST;
    const smtp = smtpHost
      ? SmtpConfig.parse({ host: smtpHost, port: Number(v['smtp-port'] ?? process.env.NIN1_SMTP_PORT ?? 25), ...(v['smtp-from'] ? { from: v['smtp-from'] } : {}) })
      : null;
    if (v.demo) {
      const codes = await seedDemo(store, systemClock, catalogue);
      process.stderr.write(`示範註冊碼（可重複使用）：\n${codes.map((c) => `  ${c.kind.padEnd(11)} ${c.who.padEnd(16)} ${c.code}`).join('\n')}\n`);
    }
    const platform = await createPlatform({
      store,
      config: platformConfig(catalogue, secret, { publicUrl: (v['public-url'] as string | undefined) ?? null }),
      clock: systemClock,
      mailer: smtp ? createSmtpMailer(smtp) : null,
      logger,
    });
    const url = await platform.listen({ port, host: (v.host as string | undefined) ?? '127.0.0.1' });
    process.stdout.write(`LISTENING ${url}\n`);
    logger.info({ url, storage: store.dialect, smtp: smtp ? `${smtp.host}:${smtp.port}` : null }, 'platform listening');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await platform.close();
    await store.close();
    return 0;
  },
};

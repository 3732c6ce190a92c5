import { createLogger } from '../../electron/services/logging/logger';
import { SmtpConfig } from '../config';
import { startPlatform } from '../start';
import { catalogueFrom, need, STORAGE_OPTIONS, UsageError, type Command } from './options';
import { smtpTlsFromEnv } from '../mail/smtpTls';

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
    const pg = (v.pg as string | undefined) ?? process.env.NIN1_PLATFORM_PG;
    const logger = createLogger().child({ module: 'platform' });
    const smtpHost = (v['smtp-host'] as string | undefined) ?? process.env.NIN1_SMTP_HOST;
    const smtp = smtpHost
      ? SmtpConfig.parse({ host: smtpHost, port: Number(v['smtp-port'] ?? process.env.NIN1_SMTP_PORT ?? 25), ...(v['smtp-from'] ? { from: v['smtp-from'] } : {}), ...smtpTlsFromEnv() })
      : null;
    const running = await startPlatform({
      storage: pg ? { kind: 'postgres', url: pg } : { kind: 'sqlite', file: need(v, 'db') },
      logger,
      port,
      host: (v.host as string | undefined) ?? '127.0.0.1',
      demo: Boolean(v.demo),
      smtp,
      catalogue: catalogueFrom(v),
      config: { publicUrl: (v['public-url'] as string | undefined) ?? null },
    });
    if (running.demoCodes.length > 0) {
      process.stderr.write(`示範註冊碼（可重複使用）：\n${running.demoCodes.map((c) => `  ${c.kind.padEnd(11)} ${c.who.padEnd(16)} ${c.code}`).join('\n')}\n`);
    }
    process.stdout.write(`LISTENING ${running.url}\n`);
    logger.info({ url: running.url, storage: running.platform.deps.store.dialect, smtp: smtp ? `${smtp.host}:${smtp.port}` : null }, 'platform listening');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.close();
    return 0;
  },
};

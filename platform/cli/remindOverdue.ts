import pino from 'pino';
import { systemClock } from '../../electron/services/clock';
import { SmtpConfig } from '../config';
import { createSmtpMailer } from '../mail/mailer';
import { createMailWorker } from '../mail/worker';
import { deadlinesFor } from '../overdue/deadline';
import { runOverdueReminders } from '../overdue/reminders';
import { catalogueFrom, STORAGE_OPTIONS, withStore, type Command } from './options';
import { smtpTlsFromEnv } from '../mail/smtpTls';

/**
 * `npm run platform -- remind-overdue (--db FILE | --pg URL) [--smtp-host H --smtp-port P] [--public-url URL]`
 * One reminder run now (what the server does daily): queues the mails, sends them when an SMTP server
 * is given (else the running server's worker sends them), prints `{"agencies":…,"notifications":…,"mails":…}`.
 */
export const remindOverdueCommand: Command = {
  name: 'remind-overdue',
  usage: 'remind-overdue (--db FILE | --pg URL) [--smtp-host H --smtp-port P --smtp-from ADDR] [--public-url URL]',
  options: { ...STORAGE_OPTIONS, 'smtp-host': { type: 'string' }, 'smtp-port': { type: 'string' }, 'smtp-from': { type: 'string' }, 'public-url': { type: 'string' } },
  async run(v) {
    const logger = pino({ level: process.env.NIN1_LOG_LEVEL ?? 'warn' }, pino.destination(2));
    const catalogue = catalogueFrom(v);
    const smtpHost = (v['smtp-host'] as string | undefined) ?? process.env.NIN1_SMTP_HOST;
    const smtp = smtpHost
      ? SmtpConfig.parse({ host: smtpHost, port: Number(v['smtp-port'] ?? process.env.NIN1_SMTP_PORT ?? 25), ...(v['smtp-from'] ? { from: v['smtp-from'] } : {}), ...smtpTlsFromEnv() })
      : null;
    const report = await withStore(v, async (store) => {
      const r = await runOverdueReminders({
        store, catalogue, deadlines: deadlinesFor(catalogue, logger), clock: systemClock, logger, publicUrl: (v['public-url'] as string | undefined) ?? null,
      });
      if (smtp && r.mails > 0) {
        const mailer = createSmtpMailer(smtp);
        try {
          const sent = await createMailWorker({ store, mailer, clock: systemClock, logger, retryBaseMs: 30_000 }).drain();
          logger.info({ sent }, 'overdue reminder mails sent');
        } finally {
          mailer.close();
        }
      }
      return r;
    });
    console.log(JSON.stringify({ agencies: report.agencies, notifications: report.notifications, mails: report.mails }));
    return 0;
  },
};

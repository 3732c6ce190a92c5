import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import type { PlatformStore } from '../store/repository';
import type { Mailer } from './mailer';

/**
 * Drains the mail outbox: alert mails were written in the same transaction as the request they
 * announce, and go out here, off the request path. A failure is logged (mail id and notification
 * id only) and retried with doubling delay up to an hour; it never blocks or fails a request.
 */
export type MailWorker = {
  /** Ask for a drain soon (after a submit); coalesces. */
  kick(): void;
  /** Sends everything due now; resolves with how many were sent. */
  drain(): Promise<number>;
  start(pollMs?: number): void;
  stop(): Promise<void>;
};

const LEASE_MS = 60_000;
const MAX_DELAY_MS = 3600_000;

export function createMailWorker(opts: { store: PlatformStore; mailer: Mailer | null; clock: Clock; logger: Logger; retryBaseMs: number }): MailWorker {
  const { store, mailer, clock, logger, retryBaseMs } = opts;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let warnedNoMailer = false;

  async function once(): Promise<number> {
    if (!mailer) {
      if (!warnedNoMailer) logger.warn('no SMTP server configured: alert mails stay queued');
      warnedNoMailer = true;
      return 0;
    }
    let sent = 0;
    const nowMs = clock.now().getTime();
    for (const m of await store.dueMails(nowMs, 50)) {
      if (stopped) break;
      if (!(await store.claimMail(m.id, m.nextAttemptMs, nowMs + LEASE_MS))) continue;
      try {
        await mailer.send({ to: m.to, subject: m.subject, text: m.body });
        await store.mailSent(m.id, clock.now().toISOString());
        sent++;
        logger.info({ mail: m.id, notification: m.notificationId }, 'alert mail sent');
      } catch (e) {
        const delay = Math.min(MAX_DELAY_MS, retryBaseMs * 2 ** m.attempts) * (0.8 + Math.random() * 0.4);
        await store.mailFailed(m.id, (e as Error).message, clock.now().getTime() + Math.round(delay));
        logger.warn({ mail: m.id, notification: m.notificationId, attempt: m.attempts + 1, retryInMs: Math.round(delay), err: (e as Error).message }, 'alert mail failed; will retry');
      }
    }
    return sent;
  }

  const drain = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await once();
      } while (again && !stopped);
      return total;
    })()
      .catch((e: unknown) => {
        logger.error({ err: (e as Error).message }, 'mail drain failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    kick: () => void drain(),
    drain,
    start(pollMs = 10_000) {
      if (timer) return;
      timer = setInterval(() => void drain(), pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
  };
}

import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import { taipeiDayOf } from '../../shared/overdue/deadline';
import type { ReminderReport } from './reminders';

/** `HH:MM` Taipei time, or `off`. */
const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * When the daily reminder runs: NIN1_OVERDUE_REMIND_AT (Taipei `HH:MM`, default 08:30, the start of
 * office hours; `off` disables it, e.g. on all but one node of a cluster — though a second node
 * would only find the day's reminders already claimed).
 */
export function reminderTimeFrom(value: string | undefined): { hour: number; minute: number } | null {
  const v = (value ?? '08:30').trim();
  if (v === 'off') return null;
  const m = AT.exec(v);
  if (!m) throw new Error(`NIN1_OVERDUE_REMIND_AT 須為 HH:MM（臺灣時間）或 off，收到「${v}」`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export type ReminderSchedule = { stop(): void; /** One check now (tests): runs if the time has come and today has not run. */ tick(): Promise<ReminderReport | null> };

/**
 * Checks every `checkMs` whether today's (Taipei) reminder time has passed and today's run has not
 * happened in this process. After a restart it runs again that day, which is harmless: the
 * (notification, day) claims in overdue_reminders make the second run queue nothing already sent.
 */
export function scheduleOverdueReminders(opts: {
  at: { hour: number; minute: number }; clock: Clock; logger: Logger; checkMs?: number; run(): Promise<ReminderReport>;
}): ReminderSchedule {
  let lastDay: string | null = null;
  let running: Promise<ReminderReport | null> | null = null;
  const tick = (): Promise<ReminderReport | null> => {
    if (running) return running;
    const now = opts.clock.now();
    const day = taipeiDayOf(now);
    const taipei = new Date(now.getTime() + 8 * 3600_000);
    const minutes = taipei.getUTCHours() * 60 + taipei.getUTCMinutes();
    if (day === lastDay || minutes < opts.at.hour * 60 + opts.at.minute) return Promise.resolve(null);
    running = opts
      .run()
      .then((r) => {
        lastDay = day;
        return r;
      })
      .catch((e: unknown) => {
        opts.logger.error({ err: (e as Error).message }, 'overdue reminder run failed; will retry at the next check');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.checkMs ?? 10 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}

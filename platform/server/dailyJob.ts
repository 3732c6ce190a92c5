import type { Logger } from 'pino';
import type { Clock } from '../../electron/services/clock';
import { taipeiDayOf } from '../../shared/overdue/deadline';
import type { DailyClaim } from './dailyClaim';

/** A time of day in Taipei. */
export type DailyTime = { hour: number; minute: number };

/** `HH:MM` Taipei time, or `off`. */
const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The time a daily platform job runs, from its environment variable (`HH:MM` Taipei, or `off` to
 * disable it, e.g. on all but one node of a cluster); `fallback` when unset. A malformed value
 * stops the start with a zh-TW message naming the variable.
 */
export function dailyTimeFrom(variable: string, value: string | undefined, fallback: string): DailyTime | null {
  const v = (value ?? fallback).trim();
  if (v === 'off') return null;
  const m = AT.exec(v);
  if (!m) throw new Error(`${variable} 須為 HH:MM（臺灣時間）或 off，收到「${v}」`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export type DailySchedule<T> = { stop(): void; /** One check now (tests): runs if the time has come and today has not run. */ tick(): Promise<T | null> };

/**
 * Checks every `checkMs` whether today's (Taipei) time has passed and today's run has not happened
 * in this process; a failed run is logged and retried at the next check, never twice at once.
 * With `claim` (dailyClaim.ts, what the platform passes) only the node that claims the day runs it,
 * so several nodes on one database, or a node restarted that day, run it once in total; without it
 * a restart runs it again that day. Every job scheduled here must be harmless to repeat anyway.
 */
export function scheduleDaily<T>(opts: { at: DailyTime; clock: Clock; logger: Logger; checkMs?: number; what: string; claim?: DailyClaim; run(): Promise<T> }): DailySchedule<T> {
  let lastDay: string | null = null;
  let running: Promise<T | null> | null = null;
  const tick = (): Promise<T | null> => {
    if (running) return running;
    const now = opts.clock.now();
    const day = taipeiDayOf(now);
    const taipei = new Date(now.getTime() + 8 * 3600_000);
    const minutes = taipei.getUTCHours() * 60 + taipei.getUTCMinutes();
    if (day === lastDay || minutes < opts.at.hour * 60 + opts.at.minute) return Promise.resolve(null);
    const claimed = opts.claim ? opts.claim(day) : Promise.resolve(true);
    running = claimed
      .then(async (mine) => {
        if (!mine) {
          lastDay = day;
          opts.logger.info({ day }, `${opts.what}: another node has today's run`);
          return null;
        }
        const r = await opts.run();
        lastDay = day;
        return r;
      })
      .catch((e: unknown) => {
        opts.logger.error({ err: (e as Error).message }, `${opts.what} failed; will retry at the next check`);
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

import type { Clock } from '../../electron/services/clock';

/** A clock tests move by hand (token expiry, turnaround statistics, mail retries). */
export type ManualClock = Clock & { set(iso: string): void; advance(ms: number): void };

export function manualClock(iso = '2026-11-26T02:30:00.000Z'): ManualClock {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    set(s) {
      t = Date.parse(s);
    },
    advance(ms) {
      t += ms;
    },
  };
}

import { leasesOn, type LeaseStore } from './leasesRepo';
import type { SqlExec } from './sql';

/** One fixed window of a rate limit or quota: tries (`count`), units such as bytes (`amount`), and when it ends. */
export type RateWindow = { count: number; amount: number; resetAt: number };

/**
 * Rate-limit windows in the shared database (table rate_windows, platform migration 10), so every
 * node of one PostgreSQL counts against the same limit (issue 14 §4). A SQLite platform is one
 * process and keeps its windows in memory (progress/rateLimiter.ts).
 */
export type RateWindowStore = {
  /** Adds `by` to `key`'s window (a fresh one of `windowMs` when it has ended) in one statement, and returns the window after it. */
  add(key: string, windowMs: number, nowMs: number, by: { count: number; amount: number }): Promise<RateWindow>;
  /** `key`'s current window, or null when it has none or it has ended. */
  peek(key: string, nowMs: number): Promise<RateWindow | null>;
  /** Rows of the same table held by one node at a time (leasesRepo.ts). */
  leases: LeaseStore;
};

/** Ended windows are deleted after every this many additions (one indexed DELETE), so the table holds roughly the live windows. */
const PRUNE_EVERY = 1000;

type WindowRow = { count: number; amount: number; reset_ms: number };
const asWindow = (r: WindowRow): RateWindow => ({ count: Number(r.count), amount: Number(r.amount), resetAt: Number(r.reset_ms) });

// One upsert, atomic on both engines (a row lock on PostgreSQL): two nodes counting the same key at
// once both land, neither reads a stale count. No writers' lock: a lookup must not queue behind writes.
const ADD = `
  INSERT INTO rate_windows (key, count, amount, reset_ms) VALUES (?, ?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_windows.reset_ms <= ? THEN excluded.count ELSE rate_windows.count + excluded.count END,
    amount = CASE WHEN rate_windows.reset_ms <= ? THEN excluded.amount ELSE rate_windows.amount + excluded.amount END,
    reset_ms = CASE WHEN rate_windows.reset_ms <= ? THEN excluded.reset_ms ELSE rate_windows.reset_ms END
  RETURNING count, amount, reset_ms`;

export function rateWindowsOn(db: SqlExec): RateWindowStore {
  let added = 0;
  return {
    async add(key, windowMs, nowMs, by) {
      if (++added % PRUNE_EVERY === 0) await db.run('DELETE FROM rate_windows WHERE reset_ms <= ?', [nowMs]);
      const row = await db.get<WindowRow>(ADD, [key, by.count, by.amount, nowMs + windowMs, nowMs, nowMs, nowMs]);
      return asWindow(row!);
    },
    async peek(key, nowMs) {
      const row = await db.get<WindowRow>('SELECT count, amount, reset_ms FROM rate_windows WHERE key = ? AND reset_ms > ?', [key, nowMs]);
      return row ? asWindow(row) : null;
    },
    leases: leasesOn(db),
  };
}

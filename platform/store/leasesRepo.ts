import type { SqlExec } from './sql';

/**
 * Leases in the shared rate_windows table (platform migration 10): a row `key` held by one `owner`
 * (a node's random number, kept in `amount`; `count` is 1) until `reset_ms`. Several nodes on one
 * PostgreSQL use them for things each may hold only so many of in total (SSE stream slots, issue
 * 14 §4). A node that dies stops renewing, and its leases lapse: nothing waits for it to clean up.
 */
export type LeaseStore = {
  /** Takes `key` for `owner` until `untilMs` when nobody holds it at `nowMs` (free or lapsed); one statement, atomic across nodes. */
  claim(key: string, owner: number, untilMs: number, nowMs: number): Promise<boolean>;
  /** Extends `owner`'s leases among `keys` to `untilMs`; a lease another owner took after it lapsed is left alone. Returns how many. */
  renew(keys: readonly string[], owner: number, untilMs: number): Promise<number>;
  /** Gives `key` back, when `owner` still holds it. */
  release(key: string, owner: number): Promise<void>;
};

/** Keys per renewing statement (a bound on the parameter list). */
const RENEW_CHUNK = 500;

// The row lock of INSERT … ON CONFLICT makes two nodes claiming one key at once meet: the second
// re-reads the first's row, finds it held, and updates nothing (no RETURNING row).
const CLAIM = `
  INSERT INTO rate_windows (key, count, amount, reset_ms) VALUES (?, 1, ?, ?)
  ON CONFLICT (key) DO UPDATE SET count = 1, amount = excluded.amount, reset_ms = excluded.reset_ms
  WHERE rate_windows.reset_ms <= ?
  RETURNING key`;

export function leasesOn(db: SqlExec): LeaseStore {
  return {
    async claim(key, owner, untilMs, nowMs) {
      return (await db.get(CLAIM, [key, owner, untilMs, nowMs])) !== undefined;
    },
    async renew(keys, owner, untilMs) {
      let n = 0;
      for (let i = 0; i < keys.length; i += RENEW_CHUNK) {
        const chunk = keys.slice(i, i + RENEW_CHUNK);
        n += await db.run(`UPDATE rate_windows SET reset_ms = ? WHERE amount = ? AND key IN (${chunk.map(() => '?').join(', ')})`, [untilMs, owner, ...chunk]);
      }
      return n;
    },
    async release(key, owner) {
      await db.run('DELETE FROM rate_windows WHERE key = ? AND amount = ?', [key, owner]);
    },
  };
}

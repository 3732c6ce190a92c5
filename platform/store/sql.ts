/**
 * The one SQL surface both storage engines offer, so every repository query is written once
 * (DESIGN §5: "same queries, migrations for both"). Queries use `?` placeholders; the Postgres
 * driver numbers them. Values are strings, numbers, null or Buffers (booleans as 0/1).
 */
export type SqlValue = string | number | null | Buffer;
export type Row = Record<string, unknown>;

export interface SqlExec {
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExec {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * A write transaction, serialised platform-wide: SQLite has one writer anyway; Postgres takes a
   * transaction-level advisory lock. Serial writers are what make the change cursor safe to page by
   * (a row with a lower cursor can never commit after a reader has passed it) and give the audit
   * chain a single head.
   */
  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T>;
  /**
   * A transaction that only appends to the audit chain (an inbox read, a download): serialised with
   * every other chain append, but not queued behind the writers' lock, so a read never waits for
   * (or hangs on) a long or stuck write.
   */
  auditTx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T>;
  /** Throws when the database does not answer, or cannot take a write, within a short bound (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `?` → `$1, $2, …` for Postgres. Our SQL never has `?` inside string literals. Split and joined
 * rather than a replace callback: a batch's INSERT has 11,500 of them (~5 ms a statement that way).
 */
export function numberPlaceholders(sql: string): string {
  const parts = sql.split('?');
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += `$${i}${parts[i]}`;
  return out;
}

/**
 * Splits a batch for multi-row statements: one statement per part instead of one per row (a
 * round trip each on PostgreSQL), with parts small enough for SQLite's 32,766 parameters.
 */
export const chunked = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

/** `?, ?, ?` for an `IN (…)` list of `n` values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** `(?, ?, ?), (?, ?, ?)` for a multi-row insert of `rows` rows of `cols` values. */
export const valuesList = (rows: number, cols: number): string => {
  const one = `(${Array.from({ length: cols }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
};

/** Builds a `WHERE a = ? AND b >= ?` clause and its parameters from optional filters. */
export class Where {
  private readonly clauses: string[] = [];
  readonly params: SqlValue[] = [];
  add(clause: string, ...values: SqlValue[]): this {
    this.clauses.push(clause);
    this.params.push(...values);
    return this;
  }
  /** Adds the clause only when `value` is given. */
  opt(clause: string, value: SqlValue | undefined): this {
    return value === undefined || value === '' ? this : this.add(clause, value);
  }
  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
  /** `WHERE …` plus one more condition, for a second query over the same filter. */
  and(clause: string): string {
    return this.clauses.length ? `${this.sql} AND ${clause}` : `WHERE ${clause}`;
  }
}

/**
 * The nearest-rank percentile aggregate of `expr` (shared/stats/percentile's definition), p in 1..100.
 * PostgreSQL's percentile_disc is exactly that; SQLite's percentile_disc picks another rank, so the
 * SQLite driver registers `nearest_rank` (sqliteDriver.ts) over the same shared function.
 */
export const nearestRank = (dialect: SqlDriver['dialect'], p: number, expr: string): string =>
  dialect === 'postgres' ? `percentile_disc(${p / 100}) WITHIN GROUP (ORDER BY ${expr})` : `nearest_rank(${expr}, ${p})`;

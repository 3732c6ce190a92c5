import pg from 'pg';
import type { Migration } from '../../electron/services/db/migrate';
import { AppFailure } from '../../shared/result';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { pgTransaction } from './pgTransaction';
import { numberPlaceholders, type SqlDriver, type SqlExec, type SqlValue } from './sql';
import { asUnavailable } from './unavailable';

/**
 * Advisory lock keys ('NIN1', 'NIN2', 'NIN3'): serial writers, migrations, and the audit chain's
 * head. A write transaction takes WRITE then AUDIT; an audit-only append (an inbox read) takes AUDIT
 * alone. One order everywhere, so no deadlock.
 */
const WRITE_LOCK = 0x4e494e31;
const MIGRATE_LOCK = 0x4e494e32;
const AUDIT_LOCK = 0x4e494e33;
/** For fault tests that hold a lock from another session, as a stuck node would. */
export const PG_LOCKS = { write: WRITE_LOCK, migrate: MIGRATE_LOCK, audit: AUDIT_LOCK } as const;

/**
 * Explicit READ COMMITTED: every statement after the lock sees what the previous lock holder
 * committed (the audit head, the last cursor). A database or role whose default is REPEATABLE READ
 * would otherwise give the whole transaction the snapshot taken before the lock was granted, and
 * two writers would chain onto the same audit row.
 */
const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

/**
 * Bounds on every wait, so a stuck session or a dead server turns into a 503 instead of requests
 * that hang until the load balancer gives up (and pool clients that never come back).
 */
export type PostgresTimeouts = {
  /** Longest single statement (server side). */
  statementMs: number;
  /** Longest wait for a lock, including the writers' advisory lock. */
  lockMs: number;
  /** A node frozen mid-transaction loses it (and its locks) after this. */
  idleInTransactionMs: number;
  /** Longest wait for a pool client or a new connection. */
  connectMs: number;
  /** The health check's wait for the writers' lock: longer means the database is stuck for writes. */
  pingLockMs: number;
};

export const DEFAULT_PG_TIMEOUTS: PostgresTimeouts = { statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000, connectMs: 10_000, pingLockMs: 2_000 };

/** BIGINT arrives as a string by default; our values (cursors, ms, counts) fit a double exactly. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const execOn = (c: pg.Pool | pg.PoolClient): SqlExec => {
  const query = async (sql: string, params: readonly SqlValue[]) => {
    try {
      return await c.query(numberPlaceholders(sql), params as unknown[]);
    } catch (e) {
      throw asUnavailable(e);
    }
  };
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rowCount ?? 0,
  };
};

/**
 * PostgreSQL behind the same SqlDriver surface: a pool for reads, and write transactions that take
 * one advisory lock so several stateless platform nodes can share the database and still hand out
 * change cursors in commit order.
 */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly exec: SqlExec;

  private constructor(
    readonly pool: pg.Pool,
    private readonly timeouts: PostgresTimeouts,
  ) {
    this.exec = execOn(pool);
  }

  static async open(url: string, opts: { migrations?: readonly Migration[]; timeouts?: Partial<PostgresTimeouts> } = {}): Promise<PostgresDriver> {
    const t = { ...DEFAULT_PG_TIMEOUTS, ...opts.timeouts };
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      types,
      connectionTimeoutMillis: t.connectMs,
      statement_timeout: t.statementMs,
      lock_timeout: t.lockMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
      // Client side, for a server that stopped answering altogether (statement_timeout never fires then).
      query_timeout: t.statementMs + t.connectMs,
      // No JIT: only the statistics aggregates cost enough to trigger it, and there compiling took
      // ~0.3–2 s per query at county size for no gain (bench platform-stats-5m, EXPLAIN ANALYZE).
      options: '-c jit=off',
    });
    // An idle client losing its connection must not crash the platform; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool, opts.migrations ?? POSTGRES_MIGRATIONS);
    } catch (e) {
      await pool.end();
      if (e instanceof AppFailure) throw e;
      throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟平台資料庫（PostgreSQL）：${(e as Error).message}` });
    }
    return new PostgresDriver(pool, t);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.exec.all<T>(sql, params);
  }
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.exec.get<T>(sql, params);
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.exec.run(sql, params);
  }

  /**
   * BEGIN and the locks go as one message (the keys are our constants, so no parameters are
   * needed): a round trip fewer per write, and each round trip inside a serialised write is time
   * no other writer of any node can use. A lock that times out aborts the transaction; pgTransaction
   * rolls it back as any other failure.
   */
  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    return pgTransaction(this.pool, `${BEGIN}; SELECT pg_advisory_xact_lock(${WRITE_LOCK}), pg_advisory_xact_lock(${AUDIT_LOCK})`, (c) => fn(execOn(c)));
  }

  auditTx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    return pgTransaction(this.pool, `${BEGIN}; SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`, (c) => fn(execOn(c)));
  }

  /**
   * Answers, and a writer could get through: waits for the writers' lock for at most pingLockMs
   * and lets it go at once. `SELECT 1` alone said "ok" while every write queued behind a stuck
   * session.
   */
  async ping(): Promise<void> {
    await pgTransaction(this.pool, BEGIN, async (c) => {
      await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.timeouts.pingLockMs))}`);
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A day: a migration is bounded by nothing but a dead server (and an operator watching it). */
const MIGRATION_READ_TIMEOUT_MS = 86_400_000;

/**
 * Numbered migrations for Postgres, mirroring electron/services/db/migrate.ts: a `schema_version`
 * row instead of PRAGMA user_version, all pending steps in one transaction (Postgres DDL is
 * transactional), an advisory lock so two nodes starting together migrate once, and a database from
 * a newer platform is refused.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[], target = migrations.length): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  // Migrations may rewrite or index a county's tables and a second node waits for the first to
  // finish: neither is bounded by the request timeouts.
  return pgTransaction(pool, BEGIN, async (c) => {
    await c.query('SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await c.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    if (!row) await c.query('INSERT INTO schema_version (version) VALUES (0)');
    const current = row?.version ?? 0;
    if (current > migrations.length) {
      throw new AppFailure({ code: 'DB_TOO_NEW', message: `資料庫版本（${current}）比本程式支援的版本（${migrations.length}）新，請更新程式後再開啟。` });
    }
    for (const m of migrations.slice(current, target)) {
      // Nor by the pool's client-side read timeout: migration 14 back-fills the statistics rollups
      // from every notification (minutes at 5,000,000 rows), which the 40 s default cut off.
      await c.query({ text: m.up, query_timeout: MIGRATION_READ_TIMEOUT_MS } as pg.QueryConfig); // per-query option pg reads, not in its types
      await c.query('UPDATE schema_version SET version = $1', [m.version]);
    }
    return Math.max(current, Math.min(target, migrations.length));
  });
}

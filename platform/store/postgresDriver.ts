import pg from 'pg';
import type { Migration } from '../../electron/services/db/migrate';
import { AppFailure } from '../../shared/result';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { numberPlaceholders, type SqlDriver, type SqlExec, type SqlValue } from './sql';

/** Advisory lock keys ('NIN1' and 'NIN2'): one for serial writers, one for migrations. */
const WRITE_LOCK = 0x4e494e31;
const MIGRATE_LOCK = 0x4e494e32;

/** BIGINT arrives as a string by default; our values (cursors, ms, counts) fit a double exactly. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const execOn = (c: pg.Pool | pg.PoolClient): SqlExec => ({
  all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await c.query(numberPlaceholders(sql), params as unknown[])).rows as T[],
  get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await c.query(numberPlaceholders(sql), params as unknown[])).rows[0] as T | undefined,
  run: async (sql: string, params: readonly SqlValue[] = []) => (await c.query(numberPlaceholders(sql), params as unknown[])).rowCount ?? 0,
});

/**
 * PostgreSQL behind the same SqlDriver surface: a pool for reads, and write transactions that take
 * one advisory lock so several stateless platform nodes can share the database and still hand out
 * change cursors in commit order.
 */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly exec: SqlExec;

  private constructor(readonly pool: pg.Pool) {
    this.exec = execOn(pool);
  }

  static async open(url: string, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<PostgresDriver> {
    const pool = new pg.Pool({ connectionString: url, max: 10, types });
    // An idle client losing its connection must not crash the platform; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool, migrations);
    } catch (e) {
      await pool.end();
      if (e instanceof AppFailure) throw e;
      throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟平台資料庫（PostgreSQL）：${(e as Error).message}` });
    }
    return new PostgresDriver(pool);
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

  async tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const out = await fn(execOn(client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

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
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await c.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    if (!row) await c.query('INSERT INTO schema_version (version) VALUES (0)');
    const current = row?.version ?? 0;
    if (current > migrations.length) {
      throw new AppFailure({ code: 'DB_TOO_NEW', message: `資料庫版本（${current}）比本程式支援的版本（${migrations.length}）新，請更新程式後再開啟。` });
    }
    for (const m of migrations.slice(current, target)) {
      await c.query(m.up);
      await c.query('UPDATE schema_version SET version = $1', [m.version]);
    }
    await c.query('COMMIT');
    return Math.max(current, Math.min(target, migrations.length));
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';
import { percentile } from '../../shared/stats/percentile';
import { migrate } from '../../electron/services/db/migrate';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../electron/services/db/privateFiles';
import type { SqlDriver, SqlExec, SqlValue } from './sql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

type RankAcc = { xs: number[]; p: number };

/** `nearest_rank(value, p)`: sql.ts's nearestRank on SQLite, the shared definition the counter's statistics use too. */
function registerNearestRank(db: Database.Database): void {
  const step = (acc: RankAcc, value: unknown, p: unknown): RankAcc => {
    if (value !== null) acc.xs.push(Number(value));
    acc.p = Number(p);
    return acc;
  };
  db.aggregate('nearest_rank', {
    start: (): RankAcc => ({ xs: [], p: 50 }),
    // better-sqlite3's types know one-argument steps only; SQLite passes (value, p).
    step: step as unknown as (total: RankAcc, next: unknown) => RankAcc,
    result: (acc: RankAcc) => (acc.xs.length ? percentile(acc.xs, acc.p) : null),
  });
}

/**
 * SQLite behind the SqlDriver surface: one connection, WAL, synchronous=FULL. FULL because the
 * counter forgets a notification as soon as the platform answers `accepted`; that answer must come
 * after the commit is on disk, or a power cut could lose a row both sides think is safe.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** better-sqlite3 is synchronous but our callers await between statements: queue every use so a transaction is never interleaved with another request's query. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly exec: SqlExec;

  constructor(readonly db: Database.Database) {
    this.exec = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.stmt(sql).all(...params) as T[],
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => this.stmt(sql).get(...params) as T | undefined,
      run: async (sql: string, params: readonly SqlValue[] = []) => this.stmt(sql).run(...params).changes,
    };
  }

  static open(file: string): SqliteDriver {
    let db: Database.Database;
    try {
      // Holds the token-signing secret and every envelope: 0600 in a 0700 folder before SQLite writes (issue 13, finding 4).
      if (file !== ':memory:' && !existsSync(file)) {
        ensurePrivateDir(dirname(file));
        closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
      }
      db = new Database(file, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppFailure({ code: 'DB_CORRUPT', message: `平台資料庫檔案已損毀（${String(check)}）` });
      migrate(db, SQLITE_MIGRATIONS);
      registerNearestRank(db);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟平台資料庫「${file}」：${(e as Error).message}` });
    }
    return new SqliteDriver(db);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.exclusive(() => this.exec.all<T>(sql, params));
  }
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.exclusive(() => this.exec.get<T>(sql, params));
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.exclusive(() => this.exec.run(sql, params));
  }

  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.exec);
        this.db.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  /** SQLite has one writer: the audit chain is serialised by the same queue as every write. */
  auditTx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    return this.tx(fn);
  }

  async ping(): Promise<void> {
    await this.get('SELECT 1 AS one');
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}

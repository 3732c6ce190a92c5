import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../electron/services/audit/chain';
import { migrate } from '../../../electron/services/db/migrate';
import { freshDatabase, pgServer } from '../../testing/pg';
import { migratePostgres } from '../postgresDriver';
import { POSTGRES_MIGRATIONS } from './postgres';
import { SQLITE_MIGRATIONS } from './sqlite';

/** Platform migration 5 on both engines: migrate to 4, write a chain, migrate to 5, try a fork. */
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm5-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const INSERT = "INSERT INTO audit (at, actor, action, prev_hash, hash) VALUES ('2026-11-26T02:30:00.000Z', 'test', 'x', $1, $2)";

describe('platform migration 5 audit-single-successor', () => {
  it('finding c: on SQLite a second row after the same audit row is refused, the chain itself still appends', () => {
    const db = new Database(join(tmp, 'm5.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, 4);
    const insert = db.prepare(INSERT.replace(/\$\d/g, '?'));
    insert.run(GENESIS_HASH, 'a'.repeat(64));
    migrate(db, SQLITE_MIGRATIONS, 5);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    insert.run('a'.repeat(64), 'b'.repeat(64));
    expect(() => insert.run('a'.repeat(64), 'c'.repeat(64))).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(2);
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`finding c on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('finding c: on PostgreSQL a second row after the same audit row is refused, the chain itself still appends', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 4)).toBe(4);
        await pool.query(INSERT, [GENESIS_HASH, 'a'.repeat(64)]);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 5)).toBe(5);
        await pool.query(INSERT, ['a'.repeat(64), 'b'.repeat(64)]);
        await expect(pool.query(INSERT, ['a'.repeat(64), 'c'.repeat(64)])).rejects.toThrow(/audit_prev_hash/);
        expect((await pool.query('SELECT COUNT(*)::int AS n FROM audit')).rows[0]).toEqual({ n: 2 });
      } finally {
        await pool.end();
        await fresh.drop();
      }
    });
  }
});

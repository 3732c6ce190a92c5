import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { freshDatabase, pgServer } from '../../testing/pg';
import { migratePostgres } from '../postgresDriver';
import { rateWindowsOn } from '../rateWindowsRepo';
import { PostgresDriver } from '../postgresDriver';
import { POSTGRES_MIGRATIONS } from './postgres';
import { SQLITE_MIGRATIONS } from './sqlite';

/** Platform migration 10 on both engines: migrate to 9, write a meta row, migrate to 10; the row stays, rate_windows exists and counts. */
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm10-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const META = "INSERT INTO meta (key, value) VALUES ('token-secret', 'kept')";

describe('platform migration 10 rate-windows', () => {
  it('finding 2: on SQLite existing rows migrate and rate_windows exists with its index', () => {
    const db = new Database(join(tmp, 'm10.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, 9);
    db.exec(META);
    migrate(db, SQLITE_MIGRATIONS, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'token-secret'").pluck().get()).toBe('kept');
    db.prepare('INSERT INTO rate_windows (key, count, amount, reset_ms) VALUES (?, 1, 0, 5)').run('k');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'rate_windows_reset'").pluck().get()).toBe('rate_windows_reset');
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`finding 2 on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('finding 2: on PostgreSQL existing rows migrate, and two pools counting one key at once lose no try', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        await migratePostgres(pool, POSTGRES_MIGRATIONS, 9);
        await pool.query(META);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 10)).toBe(10);
        expect((await pool.query("SELECT value FROM meta WHERE key = 'token-secret'")).rows[0]).toEqual({ value: 'kept' });
        const [one, two] = [await PostgresDriver.open(fresh.url), await PostgresDriver.open(fresh.url)];
        try {
          const nodes = [rateWindowsOn(one), rateWindowsOn(two)];
          await Promise.all(Array.from({ length: 40 }, (_, i) => nodes[i % 2]!.add('k', 60_000, 1_000, { count: 1, amount: 10 })));
          expect(await nodes[0]!.peek('k', 2_000)).toEqual({ count: 40, amount: 400, resetAt: 61_000 });
          // An ended window starts again from the new try.
          expect(await nodes[1]!.add('k', 60_000, 61_000, { count: 1, amount: 0 })).toEqual({ count: 1, amount: 0, resetAt: 121_000 });
          expect(await nodes[0]!.peek('k', 121_000)).toBeNull();
        } finally {
          await one.close();
          await two.close();
        }
      } finally {
        await pool.end();
        await fresh.drop();
      }
    }, 60_000);
  }
});

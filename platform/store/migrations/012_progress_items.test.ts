import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { freshDatabase, pgServer } from '../../testing/pg';
import { migratePostgres } from '../postgresDriver';
import { POSTGRES_MIGRATIONS } from './postgres';
import { SQLITE_MIGRATIONS } from './sqlite';

/** Platform migration 12 on both engines: migrate to 11, write a progress record, migrate to 12; the record stays and items register once per (case, notification). */
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm12-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const RECORD = "INSERT INTO progress_codes (case_no, office_code, alg, salt, hash, issue, updated_at) VALUES ('FS01-1151127-0001', 'FS01', 'hmac-sha256-v1', 's', 'h', 1, 't')";
const ITEM = "INSERT INTO progress_items (case_no, notification_id, office_code, item_code, receiver_agency, pos, registered_at) VALUES ('FS01-1151127-0001', 'n1', 'FS01', 'N01', 'KH-TAX', 0, 't')";

describe('platform migration 12 progress-items', () => {
  it('issue 13: on SQLite the progress record stays and progress_items keys (case, notification)', () => {
    const db = new Database(join(tmp, 'm12.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, 11);
    db.exec(RECORD);
    migrate(db, SQLITE_MIGRATIONS, 12);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare('SELECT COUNT(*) FROM progress_codes').pluck().get()).toBe(1);
    db.exec(ITEM);
    expect(() => db.exec(ITEM)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`issue 13 on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('issue 13: on PostgreSQL the progress record stays and progress_items keys (case, notification)', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        await migratePostgres(pool, POSTGRES_MIGRATIONS, 11);
        await pool.query(RECORD);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 12)).toBe(12);
        expect(Number((await pool.query('SELECT COUNT(*) AS n FROM progress_codes')).rows[0].n)).toBe(1);
        await pool.query(ITEM);
        await expect(pool.query(ITEM)).rejects.toThrow(/duplicate key/);
      } finally {
        await pool.end();
        await fresh.drop();
      }
    }, 60_000);
  }
});

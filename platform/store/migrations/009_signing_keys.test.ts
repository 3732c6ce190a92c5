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

/** Platform migration 9 on both engines: migrate to 8 with a token, migrate to 9; the token stays, the key table takes a key per subject. */
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm9-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const TOKEN = "INSERT INTO tokens (jti, kind, subject, office_code, workstation_id, agency_code, client_id, issued_at, expires_at, revoked_at) VALUES ('j1', 'workstation', 'workstation:FS01/FS01-W01', 'FS01', 'FS01-W01', 'KH-HR-FS', NULL, '2026-11-26T00:00:00.000Z', '2027-11-26T00:00:00.000Z', NULL)";
const KEY = "INSERT INTO signing_keys (key_id, subject, public_key, registered_at, revoked_at) VALUES ('AAAAAAAAAAAAAAAAAAAAAA', 'workstation:FS01/FS01-W01', 'MCowBQYDK2VwAyEA', '2026-11-26T00:00:00.000Z', NULL)";

describe('platform migration 9 signing-keys', () => {
  it('issue 15 step 1: on SQLite a credential of before keeps working and its subject can register a key', () => {
    const db = new Database(join(tmp, 'm9.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, 8);
    db.exec(TOKEN);
    migrate(db, SQLITE_MIGRATIONS, 9);
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT COUNT(*) FROM tokens').pluck().get()).toBe(1);
    db.exec(KEY);
    expect(() => db.exec(KEY)).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'signing_keys_subject'").pluck().get()).toBe('signing_keys_subject');
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`issue 15 step 1 on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('issue 15 step 1: on PostgreSQL a credential of before keeps working and its subject can register a key', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        await migratePostgres(pool, POSTGRES_MIGRATIONS, 8);
        await pool.query(TOKEN);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 9)).toBe(9);
        expect((await pool.query('SELECT COUNT(*)::int AS n FROM tokens')).rows[0]).toEqual({ n: 1 });
        await pool.query(KEY);
        await expect(pool.query(KEY)).rejects.toThrow(/duplicate key/);
      } finally {
        await pool.end();
        await fresh.drop();
      }
    });
  }
});

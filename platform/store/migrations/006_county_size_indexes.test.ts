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

/** Platform migration 6 on both engines: migrate to 5, write reminder rows, migrate to 6; rows stay, the indexes exist. */
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm6-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const REMINDER = "INSERT INTO overdue_reminders (notification_id, day, receiver_agency, mail_id, created_at) VALUES ('n1', '2026-11-26', 'KH-TAX', NULL, '2026-11-26T00:30:00.000Z')";

describe('platform migration 6 county-size-indexes', () => {
  it('finding e: on SQLite existing rows migrate and both indexes exist', () => {
    const db = new Database(join(tmp, 'm6.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, 5);
    db.exec(REMINDER);
    migrate(db, SQLITE_MIGRATIONS, 6);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT COUNT(*) FROM overdue_reminders').pluck().get()).toBe(1);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('changes_notification', 'overdue_reminders_day_agency') ORDER BY name").pluck().all();
    expect(names).toEqual(['changes_notification', 'overdue_reminders_day_agency']);
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`finding e on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('finding e: on PostgreSQL existing rows migrate and both indexes exist', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        await migratePostgres(pool, POSTGRES_MIGRATIONS, 5);
        await pool.query(REMINDER);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 6)).toBe(6);
        expect((await pool.query('SELECT COUNT(*)::int AS n FROM overdue_reminders')).rows[0]).toEqual({ n: 1 });
        const names = await pool.query("SELECT indexname FROM pg_indexes WHERE indexname IN ('changes_notification', 'overdue_reminders_day_agency') ORDER BY indexname");
        expect(names.rows.map((r: { indexname: string }) => r.indexname)).toEqual(['changes_notification', 'overdue_reminders_day_agency']);
      } finally {
        await pool.end();
        await fresh.drop();
      }
    });
  }
});

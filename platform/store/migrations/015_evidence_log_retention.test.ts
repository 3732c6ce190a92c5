import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { freshDatabase, pgServer } from '../../testing/pg';
import { migratePostgres } from '../postgresDriver';
import { PURGED_LOG_BODY } from './evidenceLogRetention';
import { POSTGRES_MIGRATIONS } from './postgres';
import { SQLITE_MIGRATIONS } from './sqlite';

/**
 * Platform migration 15 on both engines, from a database at 14 with a message log: entries learn
 * their notification (an envelope by its id, an agency action by its `notificationId`, an anchor
 * none), a notification purged before the upgrade loses its logged bodies at once, and the log
 * stays append-only but for that.
 */
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm15-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const notification = (id: string, purgedMs: number | null) =>
  `INSERT INTO notifications (id, case_no, office_code, workstation_id, sender_agency, receiver_agency, item_code, kind, payload, person, local_seq, client_created_at, body_sha256, status, delivered_at, delivered_day, delivered_ms, closed_ms, updated_at, purged_ms)
   VALUES ('${id}', 'FS01-1151127-0001', 'FS01', 'FS01-W01', 'KH-HR-FS', 'KH-TAX', 'N01', 'notification', '{}', '{"id":"","name":""}', 1, 't', 'h', 'completed', 't', '2026-11-27', 1, 2, 't', ${purgedMs ?? 'NULL'})`;
const H = (c: string) => c.repeat(64);
const entry = (seq: number, id: string, body: string) =>
  `INSERT INTO evidence_log (seq, at, message_id, message_hash, prev_hash, hash, body) VALUES (${seq}, 't', '${id}', '${H('a')}', '${H(String(seq - 1))}', '${H(String(seq))}', '${body}')`;
const SEED = [
  notification('n-old', 5),
  notification('n-kept', null),
  entry(1, 'n-old', '{"id":"n-old","person":{"id":"A123456789","name":"王小明"}}'),
  entry(2, 'n-kept', '{"id":"n-kept","person":{"id":"B123456789","name":"李大華"}}'),
  entry(3, 'm-action', '{"action":"reject","reason":"王小明 地址不符","notificationId":"n-old","route":"notification-action"}'),
  entry(4, 'm-anchor', '{"subject":"workstation:FS01/FS01-W01","count":3}'),
];
type Row = { message_id: string; notification_id: string | null; body: string; hash: string };
const SELECT = 'SELECT message_id, notification_id, body, hash FROM evidence_log ORDER BY seq';

function expectMigrated(rows: Row[]): void {
  expect(rows.map((r) => [r.message_id, r.notification_id])).toEqual([
    ['n-old', 'n-old'],
    ['n-kept', 'n-kept'],
    ['m-action', 'n-old'],
    ['m-anchor', null],
  ]);
  expect(rows.map((r) => r.body === PURGED_LOG_BODY)).toEqual([true, false, true, false]);
  expect(rows.map((r) => r.hash)).toEqual([H('1'), H('2'), H('3'), H('4')]);
}

describe('platform migration 15 evidence-log-retention', () => {
  it('on SQLite: entries learn their notification, the already purged lose their bodies, nothing else may change', () => {
    const db = new Database(join(tmp, 'm15.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, 14);
    for (const sql of SEED) db.exec(sql);
    migrate(db, SQLITE_MIGRATIONS, 15);
    expect(db.pragma('user_version', { simple: true })).toBe(15);
    expectMigrated(db.prepare(SELECT).all() as Row[]);
    expect(() => db.exec(`UPDATE evidence_log SET hash = '${H('f')}' WHERE seq = 2`)).toThrow(/append-only/);
    expect(() => db.exec("UPDATE evidence_log SET body = '{}' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM evidence_log WHERE seq = 4')).toThrow(/append-only/);
    db.exec(`UPDATE evidence_log SET body = '${PURGED_LOG_BODY}' WHERE seq = 2`);
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('on PostgreSQL: the same', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        await migratePostgres(pool, POSTGRES_MIGRATIONS, 14);
        for (const sql of SEED) await pool.query(sql);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, 15)).toBe(15);
        expectMigrated((await pool.query<Row>(SELECT)).rows);
        await expect(pool.query(`UPDATE evidence_log SET hash = '${H('f')}' WHERE seq = 2`)).rejects.toThrow(/append-only/);
        await expect(pool.query("UPDATE evidence_log SET body = '{}' WHERE seq = 2")).rejects.toThrow(/append-only/);
        await expect(pool.query('DELETE FROM evidence_log WHERE seq = 4')).rejects.toThrow(/append-only/);
        await pool.query(`UPDATE evidence_log SET body = '${PURGED_LOG_BODY}' WHERE seq = 2`);
      } finally {
        await pool.end();
        await fresh.drop();
      }
    }, 60_000);
  }
});

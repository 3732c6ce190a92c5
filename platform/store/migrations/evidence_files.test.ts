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

/**
 * Platform migration evidence-files (issue 14 §2) on both engines: migrate to the one before, write a
 * meta row, migrate; the row stays, a file, an upload chunk and a notification's link can be written,
 * and a link to a file that is not there is refused (PostgreSQL enforces the reference).
 */
const VERSION = SQLITE_MIGRATIONS.findIndex((m) => m.name === 'evidence-files') + 1;
const tmp = mkdtempSync(join(tmpdir(), 'nin1-pm-evidence-'));
const server = await pgServer();
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});

const META = "INSERT INTO meta (key, value) VALUES ('token-secret', 'kept')";
const FILE = "INSERT INTO evidence_files (sha256, size, content, uploader, stored_ms) VALUES ('aa', 3, ?, 'workstation:FS01/FS01-W01', 1)";
const UPLOAD = "INSERT INTO evidence_uploads (sha256, length, received, uploader, started_ms, updated_ms) VALUES ('bb', 10, 4, 'w', 1, 1)";
const CHUNK = "INSERT INTO evidence_chunks (sha256, first_byte, bytes) VALUES ('bb', 0, ?)";

describe('platform migration evidence-files', () => {
  it('is the same version on both engines', () => {
    expect(VERSION).toBeGreaterThan(11);
    expect(POSTGRES_MIGRATIONS[VERSION - 1]!.name).toBe('evidence-files');
  });

  it('on SQLite existing rows migrate and files, chunks and links can be stored', () => {
    const db = new Database(join(tmp, 'm.sqlite'));
    migrate(db, SQLITE_MIGRATIONS, VERSION - 1);
    db.exec(META);
    migrate(db, SQLITE_MIGRATIONS, VERSION);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'token-secret'").pluck().get()).toBe('kept');
    db.prepare(FILE).run(Buffer.from('%PD'));
    db.prepare(UPLOAD).run();
    db.prepare(CHUNK).run(Buffer.from('%PDF'));
    expect(Buffer.from(db.prepare("SELECT content FROM evidence_files WHERE sha256 = 'aa'").pluck().get() as Buffer).toString()).toBe('%PD');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'notification_evidence_file'").pluck().get()).toBe('notification_evidence_file');
    db.close();
  });

  if (!('url' in server)) {
    it.skip(`on PostgreSQL — skipped: ${server.skip}`, () => undefined);
  } else {
    it('on PostgreSQL existing rows migrate, bytes round-trip as BYTEA, and a link must name a stored file', async () => {
      const fresh = await freshDatabase(server.url);
      const pool = new pg.Pool({ connectionString: fresh.url });
      try {
        await migratePostgres(pool, POSTGRES_MIGRATIONS, VERSION - 1);
        await pool.query(META);
        expect(await migratePostgres(pool, POSTGRES_MIGRATIONS, VERSION)).toBe(VERSION);
        expect((await pool.query("SELECT value FROM meta WHERE key = 'token-secret'")).rows[0]).toEqual({ value: 'kept' });
        await pool.query(FILE.replace('?', '$1'), [Buffer.from('%PD')]);
        await pool.query(UPLOAD);
        await pool.query(CHUNK.replace('?', '$1'), [Buffer.from('%PDF')]);
        expect(Buffer.from((await pool.query("SELECT content FROM evidence_files WHERE sha256 = 'aa'")).rows[0].content).toString()).toBe('%PD');
        await expect(pool.query("INSERT INTO notification_evidence (notification_id, sha256, pages, form_pages, pos) VALUES ('n', 'zz', 1, '[1]', 0)")).rejects.toThrow(/foreign key/);
      } finally {
        await pool.end();
        await fresh.drop();
      }
    }, 60_000);
  }
});

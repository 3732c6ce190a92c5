import Database from 'better-sqlite3';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../services/audit/audit';
import { makeContext, tempDir, TEST_NOW } from '../services/testing/fixtures';
import { counterCli, type CliFailure } from './testing/cli';

const { counter } = counterCli();
const tmp = tempDir('nin1-verify-');
afterAll(() => tmp.cleanup());

type Outcome = { code: number; stdout: string; stderr?: string };
async function verify(db: string, withStderr = false): Promise<Outcome> {
  const { code, stdout, stderr } = await counter('verify-audit', '--db', db).then((r) => ({ code: 0, ...r }), (e: CliFailure) => e);
  return withStderr ? { code, stdout, stderr } : { code, stdout };
}

/** Overwrites `length` bytes at `offset` with garbage, as a failing disk or a bad copy would. */
function damage(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0x41), 0, length, offset);
  closeSync(fd);
}

/** A database with `n` chained audit rows, closed so the CLI reads the file as IT would. */
function auditedDb(name: string, n: number): string {
  const file = tmp.file(name);
  const ctx = makeContext(file);
  for (let i = 0; i < n; i++) {
    appendAudit(ctx.db, { at: TEST_NOW, actorId: 1, actor: 'clerk', action: 'case.view', caseNo: `FS01-1151126-${String(i).padStart(4, '0')}`, detail: { i }, workstation: 'FS01-W01', ip: '127.0.0.1' });
  }
  ctx.db.close();
  return file;
}

/** The attacker's move: open the file directly, drop the append-only triggers, change the row. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  db.prepare(sql).run(...params);
  db.close();
}

describe('npm run counter -- verify-audit', { timeout: 30_000 }, () => {
  it('prints OK <entries> and exits 0 on an intact chain', async () => {
    expect(await verify(auditedDb('intact.sqlite', 12))).toEqual({ code: 0, stdout: 'OK 12\n' });
  });

  it('names exactly the edited row when one row is changed in the SQLite file', async () => {
    const file = auditedDb('edited.sqlite', 12);
    tamper(file, "UPDATE audit SET actor = 'someone-else' WHERE id = 7");
    expect(await verify(file)).toEqual({ code: 1, stdout: 'BROKEN 7\n' });
  });

  it('names the edited row even when its hash was recomputed (the next link breaks instead)', async () => {
    const file = auditedDb('rehashed.sqlite', 12);
    tamper(file, "UPDATE audit SET detail = '{\"i\":99}', hash = ? WHERE id = 5", 'f'.repeat(64));
    // The edited row itself no longer matches its content; a forger who also fixes its hash breaks row 6's link.
    expect(await verify(file)).toEqual({ code: 1, stdout: 'BROKEN 5\n' });
  });

  it('finds a deleted row at the row after it, and a detail that is not even JSON', async () => {
    const deleted = auditedDb('deleted.sqlite', 12);
    tamper(deleted, 'DELETE FROM audit WHERE id = 4');
    expect(await verify(deleted)).toEqual({ code: 1, stdout: 'BROKEN 5\n' });
    const garbled = auditedDb('garbled.sqlite', 12);
    tamper(garbled, "UPDATE audit SET detail = '{not json' WHERE id = 9");
    expect(await verify(garbled)).toEqual({ code: 1, stdout: 'BROKEN 9\n' });
  }, 90_000);

  it('finding 13-verify: a corrupt file answers DB_CORRUPT (exit 2), whether the header or a page of the chain is damaged', async () => {
    const header = auditedDb('header.sqlite', 600);
    damage(header, 0, 100);
    const page = auditedDb('page.sqlite', 600);
    const pageSize = 4096;
    damage(page, Math.floor(statSync(page).size / 2 / pageSize) * pageSize, 8 * pageSize);
    const outcomes = await Promise.all([header, page].map((file) => verify(file, true)));
    expect(outcomes.map((o) => [o.code, o.stdout, o.stderr])).toEqual([
      [2, '', '錯誤（DB_CORRUPT）：資料庫檔案已損毀或不是資料庫（file is not a database），請聯絡資訊人員由備份還原。\n'],
      [2, '', '錯誤（DB_CORRUPT）：資料庫檔案已損毀或不是資料庫（database disk image is malformed），請聯絡資訊人員由備份還原。\n'],
    ]);
  }, 90_000);

  it('finding 17-small: a valid SQLite file with no audit table answers DB_NOT_COUNTER in zh-TW (exit 2), not 未預期的錯誤', async () => {
    const file = tmp.file('other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    const before = statSync(file).mtimeMs;
    const r = await verify(file, true);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^錯誤（DB_NOT_COUNTER）：資料庫檔案「.*other\.sqlite」不是臨櫃資料庫（沒有稽核紀錄表）/);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('does not change the file it checks (opened read-only, no migrations)', async () => {
    const file = auditedDb('readonly.sqlite', 3);
    const count = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT COUNT(*) FROM audit').pluck().get();
      } finally {
        db.close();
      }
    };
    const before = count();
    expect(await verify(file)).toEqual({ code: 0, stdout: 'OK 3\n' });
    expect(count()).toBe(before);
  });
});

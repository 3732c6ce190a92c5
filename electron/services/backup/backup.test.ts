import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '../cases/createCase';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { backupDatabase } from './backup';
import { restoreDatabase } from './restore';
import { scheduleBackups } from './schedule';
import { latestGoodBackup, listBackups } from './store';
import { silentLogger } from '../logging/logger';
import { systemClock } from '../clock';
import type { ServiceContext } from '../context';
import { filesDirFor } from '../db/paths';
import { createFileStore, storeRootFor } from '../scanning/store';

/** A signed form as the scanning pipeline leaves it: a file in the case's store and its immutable attachments row. */
async function attachSignedForm(ctx: ServiceContext, caseNo: string, text: string): Promise<{ key: string }> {
  const stored = await createFileStore(storeRootFor(ctx.db), { minFreeBytes: 0 }).put('attachments', Buffer.from(text), 'pdf');
  const caseId = ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
  ctx.db
    .prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, created_at, storage_key, source) VALUES (?, 'consent-scan', 'form.pdf', 'application/pdf', 1, ?, ?, ?, ?, 'scan')")
    .run(caseId, stored.size, stored.sha256, '2026-11-26T00:00:00Z', stored.key);
  return { key: stored.key };
}

const tmp = tempDir('nin1-backup-');
afterAll(() => tmp.cleanup());
const count = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('backup and restore', () => {
  it('backs up the live database online, verified, while cases are being saved', async () => {
    const ctx = makeContext(tmp.file('live.sqlite'));
    const clerk = seedClerk(ctx);
    for (let i = 0; i < 20; i++) createCase(ctx, clerk, moveDraft());
    const running = backupDatabase(ctx.db, { dir: tmp.file('b'), keep: 3, now: new Date('2026-11-26T02:00:00Z'), appVersion: '0.1.0' });
    createCase(ctx, clerk, moveDraft()); // the clerk keeps working during the backup
    const b = await running;
    expect(b.integrity).toBe('ok');
    expect(count(b.path)).toBeGreaterThanOrEqual(20);
    expect(existsSync(`${b.path}-wal`)).toBe(false); // one self-contained file
    ctx.db.close();
  });

  it('keeps N generations, and only ever deletes after a newer one is verified', async () => {
    const ctx = makeContext(tmp.file('gen.sqlite'));
    for (let h = 0; h < 5; h++) await backupDatabase(ctx.db, { dir: tmp.file('gen'), keep: 3, now: new Date(Date.UTC(2026, 10, 26, h)), appVersion: '0.1.0' });
    const kept = listBackups(tmp.file('gen'));
    expect(kept.map((b) => b.createdAt)).toEqual(['2026-11-26T04:00:00.000Z', '2026-11-26T03:00:00.000Z', '2026-11-26T02:00:00.000Z']);
    expect(readdirSync(tmp.file('gen')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(3);
    ctx.db.close();
  });

  it('latestGoodBackup skips a backup whose bytes changed since it was verified', async () => {
    const ctx = makeContext(tmp.file('rot.sqlite'));
    const dir = tmp.file('rot');
    const older = await backupDatabase(ctx.db, { dir, keep: 5, now: new Date('2026-11-25T00:00:00Z'), appVersion: '0.1.0' });
    const newer = await backupDatabase(ctx.db, { dir, keep: 5, now: new Date('2026-11-26T00:00:00Z'), appVersion: '0.1.0' });
    const bytes = readFileSync(newer.path);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(newer.path, bytes);
    expect(latestGoodBackup(dir)?.path).toBe(older.path);
    ctx.db.close();
  });

  it('restore puts a verified backup in place and keeps the previous file, never overwriting it', async () => {
    const dbFile = tmp.file('restore.sqlite');
    const ctx = makeContext(dbFile);
    const clerk = seedClerk(ctx);
    createCase(ctx, clerk, moveDraft());
    const b = await backupDatabase(ctx.db, { dir: tmp.file('r'), keep: 2, now: new Date('2026-11-26T00:00:00Z'), appVersion: '0.1.0' });
    createCase(ctx, clerk, moveDraft());
    ctx.db.close();
    const before = readFileSync(dbFile);
    const r = restoreDatabase({ from: b.path, dbFile, now: new Date('2026-11-26T05:00:00Z') });
    expect(r.keptAs).toMatch(/restore\.sqlite\.before-restore-20261126T050000000Z$/);
    expect(readFileSync(r.keptAs!).equals(before)).toBe(true);
    expect(count(dbFile)).toBe(1);
  });

  it('refuses to restore from a damaged backup and leaves the database alone', () => {
    const dbFile = tmp.file('keep.sqlite');
    makeContext(dbFile).db.close();
    const before = readFileSync(dbFile);
    const junk = tmp.file('junk.sqlite');
    writeFileSync(junk, Buffer.alloc(8192, 7));
    expect(() => restoreDatabase({ from: junk, dbFile, now: new Date() })).toThrow(/未通過完整性檢查/);
    expect(readFileSync(dbFile).equals(before)).toBe(true);
  });

  it('finding 13-3: a backup with fewer cases than the last one is refused unless allowShrink, and no generation is pushed out', async () => {
    const full = makeContext(tmp.file('full.sqlite'));
    const clerk = seedClerk(full);
    for (let i = 0; i < 3; i++) createCase(full, clerk, moveDraft());
    const dir = tmp.file('shrink');
    const good = await backupDatabase(full.db, { dir, keep: 1, now: new Date('2026-11-26T00:00:00Z'), appVersion: '0.1.0' });
    expect(good.cases).toBe(3);
    const emptier = makeContext(tmp.file('emptier.sqlite'));
    const refused = await backupDatabase(emptier.db, { dir, keep: 1, now: new Date('2026-11-26T01:00:00Z'), appVersion: '0.1.0' }).catch((e: { error: { code: string; message: string } }) => e.error);
    expect(refused).toMatchObject({ code: 'BACKUP_SHRINK', message: expect.stringContaining('--allow-shrink') });
    expect(listBackups(dir).map((b) => b.path)).toEqual([good.path]); // keep: 1, yet the good one stays
    const forced = await backupDatabase(emptier.db, { dir, keep: 2, now: new Date('2026-11-26T02:00:00Z'), appVersion: '0.1.0', allowShrink: true });
    expect(forced.cases).toBe(0);
    full.db.close();
    emptier.db.close();
  });

  it('finding 13-desktop: a backup carries every scanned file from <db>.files, checks its hash, and fails loudly when one is missing', async () => {
    const dbFile = tmp.file('scans.sqlite');
    const ctx = makeContext(dbFile);
    const clerk = seedClerk(ctx);
    const saved = createCase(ctx, clerk, moveDraft());
    const signed = await attachSignedForm(ctx, saved.caseNo, '%PDF-1.7 signed consent form');
    const dir = tmp.file('scans-backups');
    const b = await backupDatabase(ctx.db, { dir, keep: 3, now: new Date('2026-11-26T01:00:00Z'), appVersion: '0.1.0' });
    expect(b.files).toBe(1);
    expect(readFileSync(join(dir, b.attachments!, signed.key), 'utf8')).toBe('%PDF-1.7 signed consent form');

    writeFileSync(join(filesDirFor(dbFile), signed.key), '%PDF-1.7 altered'); // changed on disk
    const changed = await backupDatabase(ctx.db, { dir, keep: 3, now: new Date('2026-11-26T02:00:00Z'), appVersion: '0.1.0' }).catch((e: { error: { code: string } }) => e.error);
    expect(changed).toMatchObject({ code: 'BACKUP_FILE_MISSING' });
    rmSync(join(filesDirFor(dbFile), signed.key));
    const missing = await backupDatabase(ctx.db, { dir, keep: 3, now: new Date('2026-11-26T03:00:00Z'), appVersion: '0.1.0' }).catch((e: { error: { code: string; message: string } }) => e.error);
    expect(missing).toMatchObject({ code: 'BACKUP_FILE_MISSING', message: expect.stringContaining(signed.key) });
    expect(listBackups(dir).map((x) => x.path)).toEqual([b.path]); // neither failure left a backup behind
    expect(readdirSync(dir).filter((f) => f.includes('T02') || f.includes('T03'))).toEqual([]);
    ctx.db.close();
  });

  it('finding 17-5: restore brings the scanned files back into <db>.files, hash-checked, before the database is swapped', async () => {
    const dbFile = tmp.file('lost-scans.sqlite');
    const ctx = makeContext(dbFile);
    const clerk = seedClerk(ctx);
    const saved = createCase(ctx, clerk, moveDraft());
    const signed = await attachSignedForm(ctx, saved.caseNo, '%PDF-1.7 the citizen signed here');
    const b = await backupDatabase(ctx.db, { dir: tmp.file('lost-backups'), keep: 2, now: new Date('2026-11-26T00:00:00Z'), appVersion: '0.1.0' });
    ctx.db.close();
    rmSync(filesDirFor(dbFile), { recursive: true }); // the disk with the scans is gone
    const r = restoreDatabase({ from: b.path, dbFile, now: new Date('2026-11-26T05:00:00Z') });
    expect(r.filesRestored).toBe(1);
    expect(readFileSync(join(filesDirFor(dbFile), signed.key), 'utf8')).toBe('%PDF-1.7 the citizen signed here');

    // A backup without the files (made before they were carried) is refused while the database is untouched.
    rmSync(filesDirFor(dbFile), { recursive: true });
    rmSync(join(tmp.file('lost-backups'), b.attachments!), { recursive: true });
    const before = readFileSync(dbFile);
    expect(() => restoreDatabase({ from: b.path, dbFile, now: new Date('2026-11-26T06:00:00Z') })).toThrow(/備份缺少掃描檔或附件/);
    expect(readFileSync(dbFile).equals(before)).toBe(true);
  });

  it('the schedule makes a first backup soon after start when none is recent, then waits', async () => {
    const ctx = makeContext(tmp.file('sched.sqlite'));
    const dir = tmp.file('sched');
    const schedule = scheduleBackups({ db: ctx.db, policy: { dir, keep: 2, everyHours: 4 }, clock: systemClock, logger: silentLogger(), appVersion: '0.1.0', firstDelayMs: 10 });
    for (let i = 0; i < 100 && listBackups(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(listBackups(dir)).toHaveLength(1);
    schedule.stop();
    // A second start right after finds a fresh backup and does not make another one at once.
    const again = scheduleBackups({ db: ctx.db, policy: { dir, keep: 2, everyHours: 4 }, clock: systemClock, logger: silentLogger(), appVersion: '0.1.0', firstDelayMs: 10 });
    await new Promise((r) => setTimeout(r, 300));
    expect(listBackups(dir)).toHaveLength(1);
    again.stop();
    ctx.db.close();
  });
});

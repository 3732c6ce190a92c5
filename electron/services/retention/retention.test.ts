import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../audit/audit';
import { createCase } from '../cases/createCase';
import { getCase } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';
import { storeRootFor } from '../scanning/store';
import { makeContext, moveDraft, seedClerk, tempDir, TEST_NOW } from '../testing/fixtures';
import { caseVerdicts } from './eligibility';
import { TOMBSTONE_NAME } from './purge';
import { runRetention } from './run';
import { scheduleRetention } from './schedule';

/**
 * Retention purge on a real SQLite file: cases taken on TEST_NOW, their notifications closed (or
 * not) by events, then runs "years later" through the `now` option.
 */
const tmp = tempDir('nin1-retention-');
let ctx: ServiceContext;
let clerk: Actor;
let oldClosed: string; // all closed long ago → purged
let shared: string; // same person as oldClosed, still open → untouched, keeps the person
let young: string; // closed, but recently
let open: string; // one notification still open
const NOW_LATER = new Date('2032-06-01T00:00:00.000Z'); // > 5 years after 2026-11

const caseId = (caseNo: string) => ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
function closeAll(caseNo: string, at: string, except = 0): void {
  const ids = ctx.db.prepare('SELECT id FROM notifications WHERE case_id = ? ORDER BY rowid').pluck().all(caseId(caseNo)) as string[];
  const ev = ctx.db.prepare("INSERT INTO notification_events (notification_id, status, reason, actor, at) VALUES (?, ?, NULL, 'agency:test', ?)");
  ids.slice(except).forEach((id, i) => {
    const status = i % 2 === 0 ? 'completed' : 'rejected';
    ev.run(id, status, at);
    ctx.db.prepare('UPDATE notifications SET status = ? WHERE id = ?').run(status, id);
  });
}
const stats = () => ({
  byItem: ctx.db.prepare('SELECT item_code, status, COUNT(*) AS n FROM notifications GROUP BY item_code, status ORDER BY 1, 2').all(),
  byDay: ctx.db.prepare('SELECT local_date, life_event, COUNT(*) AS n FROM cases GROUP BY 1, 2 ORDER BY 1, 2').all(),
  events: ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get(),
});
// The case's first participant (the applicant), as the case keeps it (participants per case, migration 009).
const personOf = (caseNo: string) =>
  ctx.db.prepare('SELECT p.person_id, p.name, p.birth_date, p.address FROM cases c JOIN participants p ON p.case_id = c.id AND p.seq = 0 WHERE c.case_no = ?').get(caseNo) as Record<string, string>;

beforeAll(() => {
  ctx = makeContext(tmp.file('retention.sqlite'));
  const actor = seedClerk(ctx);
  clerk = actor;
  oldClosed = createCase(ctx, actor, moveDraft()).caseNo;
  shared = createCase(ctx, actor, moveDraft()).caseNo;
  young = createCase(ctx, actor, moveDraft({ person: { id: 'F223456786', name: '林美珠', birthDate: '1985-07-04', phone: '0933222111' } })).caseNo;
  open = createCase(ctx, actor, moveDraft({ person: { id: 'E123456783', name: '陳志明', birthDate: '1970-01-02', phone: '' } })).caseNo;
  closeAll(oldClosed, '2026-12-01T00:00:00.000Z');
  closeAll(young, '2031-01-01T00:00:00.000Z'); // closed 1.5 years before NOW_LATER
  closeAll(open, '2026-12-01T00:00:00.000Z', 1); // the first notification never closes
  // A scanned attachment of the old case, in the file store.
  const key = 'attachments/ab/abc123.pdf';
  const file = join(storeRootFor(ctx.db), key);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '%PDF-1.4 signed consent');
  ctx.db
    .prepare("INSERT INTO attachments (case_id, kind, file_name, mime, byte_size, sha256, created_at, storage_key) VALUES (?, 'consent', 'c.pdf', 'application/pdf', 24, 'x', ?, ?)")
    .run(caseId(oldClosed), TEST_NOW, key);
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

describe('retention purge', () => {
  it('today nothing is due: every case is still within its period', async () => {
    expect(await runRetention(ctx, { dryRun: true })).toMatchObject({ checked: 4, purged: 0, skipped: 4 });
  });

  it('a dry run years later reports the old closed case and changes nothing', async () => {
    const before = ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get();
    const dump = JSON.stringify(ctx.db.prepare('SELECT * FROM cases').all()) + JSON.stringify(ctx.db.prepare('SELECT * FROM participants').all());
    const r = await runRetention(ctx, { now: NOW_LATER, dryRun: true });
    expect(r).toMatchObject({ checked: 4, purged: 1, skipped: 3, dryRun: true, caseNos: [oldClosed] });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(before);
    expect(JSON.stringify(ctx.db.prepare('SELECT * FROM cases').all()) + JSON.stringify(ctx.db.prepare('SELECT * FROM participants').all())).toBe(dump);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM purged_cases').pluck().get()).toBe(0);
  });

  it('purges the closed case older than its longest item period; open and younger cases are untouched; statistics survive', async () => {
    const statsBefore = stats();
    const youngBefore = personOf(young);
    const openBefore = personOf(open);
    const r = await runRetention(ctx, { now: NOW_LATER });
    expect(r).toMatchObject({ checked: 4, purged: 1, skipped: 3, dryRun: false, caseNos: [oldClosed] });
    expect(personOf(oldClosed)).toEqual({ person_id: null, name: TOMBSTONE_NAME, birth_date: null, address: null });
    const payloads = ctx.db.prepare('SELECT DISTINCT payload FROM notifications WHERE case_id = ?').pluck().all(caseId(oldClosed));
    expect(payloads).toEqual(['{}']);
    // The same person's other (open) case keeps the person; the younger and open cases keep everything.
    expect(personOf(shared)).toMatchObject({ person_id: 'A123456789', name: '王小明' });
    expect(personOf(young)).toEqual(youngBefore);
    expect(personOf(open)).toEqual(openBefore);
    expect(stats()).toEqual(statsBefore);
    // Attachment row stays (immutable), its file is gone, the case is marked.
    expect(existsSync(join(storeRootFor(ctx.db), 'attachments/ab/abc123.pdf'))).toBe(false);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM attachments WHERE case_id = ?').pluck().get(caseId(oldClosed))).toBe(1);
    expect(ctx.db.prepare('SELECT files_deleted, retention_years FROM purged_cases WHERE case_id = ?').get(caseId(oldClosed))).toEqual({ files_deleted: 1, retention_years: 5 });
    // The purged case still opens (statuses, dates, items), with nothing personal left to show.
    const shown = getCase(ctx, clerk, oldClosed);
    expect(shown.person.name).toBe(TOMBSTONE_NAME);
    expect(shown.notifications.every((n) => Object.keys(n.payload).length === 0 && n.events.length >= 2)).toBe(true);
  });

  it('audits the run and each case without personal data, and the chain still verifies', () => {
    const rows = ctx.db.prepare("SELECT action, case_no, detail FROM audit WHERE action LIKE 'retention.%' ORDER BY id").all() as { action: string; case_no: string | null; detail: string }[];
    expect(rows.map((r) => r.action)).toEqual(['retention.purge-case', 'retention.run']);
    expect(rows[0]!.case_no).toBe(oldClosed);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ checked: 4, purged: 1, skipped: 3 });
    for (const r of rows) expect(r.detail).not.toMatch(/A123456789|王小明|高雄市/);
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
  });

  it('a second run finds nothing new; once the shared person\'s other case closes, that case is blanked too', async () => {
    expect(await runRetention(ctx, { now: NOW_LATER })).toMatchObject({ checked: 3, purged: 0 });
    closeAll(shared, '2026-12-02T00:00:00.000Z');
    const r = await runRetention(ctx, { now: NOW_LATER });
    expect(r).toMatchObject({ purged: 1, caseNos: [shared] });
    expect(ctx.db.prepare("SELECT COUNT(*) FROM participants WHERE person_id = 'A123456789' OR name = '王小明'").pluck().get()).toBe(0);
    expect(caseVerdicts(ctx.db, ctx.catalogue, NOW_LATER).map((v) => v.caseNo).sort()).toEqual([young, open].sort());
  });
});

describe('daily retention run in the app', () => {
  it('runs after the first delay, audits the run, and stops on request', async () => {
    const runs = () => ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'retention.run'").pluck().get() as number;
    const before = runs();
    const schedule = scheduleRetention(ctx, { firstAfterMs: 5, everyMs: 24 * 60 * 60_000 });
    try {
      await vi.waitFor(() => expect(runs()).toBe(before + 1), { timeout: 10_000 });
    } finally {
      schedule.stop();
    }
  });
});

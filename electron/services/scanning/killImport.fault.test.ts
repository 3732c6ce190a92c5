import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { spawnTs } from '../testing/processes';
import { hasBinary, printedCases, twoPageDraft, writeStack, type StackPage } from './testing/scanFixtures';

const POPPLER = hasBinary('pdftoppm');
if (!POPPLER) console.warn('killImport.fault.test: poppler-utils (pdftoppm) not found: skipping');
const withPoppler = POPPLER ? describe : describe.skip;

const CLI = fileURLToPath(new URL('../../cli/counter.ts', import.meta.url));
const tmp = tempDir('nin1-killscan-');
afterAll(() => tmp.cleanup());

const dbFile = tmp.file('counter.sqlite');
const dir = tmp.file('stack');
let stack: StackPage[] = [];

beforeAll(async () => {
  if (!POPPLER) return;
  mkdirSync(dir);
  const ctx = makeContext(dbFile);
  const clerk = seedClerk(ctx);
  const drafts = [moveDraft(), await twoPageDraft(), moveDraft(), moveDraft(), await twoPageDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft(), moveDraft()];
  stack = await writeStack(dir, await printedCases(ctx, clerk, drafts)); // 18 form pages + blank + foreign
  ctx.db.close();
  // 16 printed cases rendered to a scan stack: CPU-bound, so it gets room when other test files share the cores.
}, 180_000);

/** Reads the live database from outside the importing process (WAL: never blocks the writer). */
const peek = <T>(sql: string): T => {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
};

/** `import-scans` in its own process, SIGKILLed as soon as `when` sees the database get there. */
async function importKilledWhen(when: () => boolean): Promise<NodeJS.Signals | null> {
  const child = spawnTs(CLI, ['import-scans', '--db', dbFile, '--dir', dir]);
  const watch = setInterval(() => {
    try {
      if (when()) void child.kill9();
    } catch {
      /* the child may be mid-migration: look again */
    }
  }, 5);
  const { signal } = await child.exited;
  clearInterval(watch);
  return signal;
}

withPoppler('kill -9 during a batch import (import-scans in a child process)', () => {
  it('after restarts no page is lost or attached twice', async () => {
    const pagesStored = () => peek<number>('SELECT COUNT(*) FROM scan_pages');
    const kills = [
      await importKilledWhen(() => pagesStored() >= 3), // early in the stack
      await importKilledWhen(() => pagesStored() >= 11), // mid-stack, files in flight
      await importKilledWhen(() => pagesStored() === stack.length && peek<number>('SELECT COUNT(*) FROM attachments') >= 1), // while attaching
    ];
    expect(kills.filter((s) => s === 'SIGKILL').length).toBeGreaterThanOrEqual(2);

    const final = spawnTs(CLI, ['import-scans', '--db', dbFile, '--dir', dir]);
    expect((await final.exited).code).toBe(0);
    const summary = JSON.parse(final.lines.at(-1)!) as { pages: number; attached: { case: string; page: number | null }[]; unmatched: number };
    expect(summary.pages).toBeLessThanOrEqual(stack.length);

    const db = makeContext(dbFile).db;
    // Every page of the stack is stored exactly once (file content + page number is the key)…
    expect(db.prepare('SELECT COUNT(*) FROM scan_pages').pluck().get()).toBe(stack.length);
    const rows = db
      .prepare(
        `SELECT p.source_name AS file, p.state, c.case_no AS caseNo, p.form_page AS formPage, p.attachment_id AS attachment,
                (SELECT COUNT(*) FROM attachment_pages ap WHERE ap.scan_page_id = p.id) AS links
         FROM scan_pages p LEFT JOIN cases c ON c.id = p.case_id ORDER BY p.source_name`,
      )
      .all() as { file: string; state: string; caseNo: string | null; formPage: number | null; attachment: number | null; links: number }[];
    // …lands where it should, attached once or waiting in the tray; none lost, none twice.
    expect(rows.map((r) => ({ file: r.file, caseNo: r.caseNo, formPage: r.formPage }))).toEqual(stack);
    for (const r of rows) expect([r.state, r.links]).toEqual(r.caseNo ? ['attached', 1] : ['unmatched', 0]);
    // One attachment per signed form (a two-page form is one PDF), never a duplicate.
    const perCase = db.prepare('SELECT c.case_no, COUNT(*) AS n, SUM(a.page_count) AS pages FROM attachments a JOIN cases c ON c.id = a.case_id GROUP BY c.case_no').all() as { n: number; pages: number }[];
    expect(perCase).toHaveLength(16);
    expect(perCase.every((c) => c.n === 1)).toBe(true);
    expect(perCase.reduce((s, c) => s + c.pages, 0)).toBe(18);
    // Each file is remembered once, so a fifth run imports nothing.
    expect(db.prepare("SELECT COUNT(*) FROM imported_files WHERE outcome = 'imported'").pluck().get()).toBe(stack.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(db).ok).toBe(true);
    db.close();
    const again = spawnTs(CLI, ['import-scans', '--db', dbFile, '--dir', dir]);
    await again.exited;
    expect(JSON.parse(again.lines.at(-1)!)).toMatchObject({ pages: 0, attached: [], unmatched: 0, alreadyImported: stack.length });
  });
});

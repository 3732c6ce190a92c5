import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDraft } from '../services/catalogue/examples';
import { createCase } from '../services/cases/createCase';
import type { Actor, ServiceContext } from '../services/context';
import { resourcePath } from '../services/resources';
import { createUser, ensureOffice } from '../services/auth/users';
import { makeContext, TEST_NOW, tempDir } from '../services/testing/fixtures';
import { counterCli, type CliFailure } from './testing/cli';

// Issue 12 stable surfaces, one process each (seconds apiece on a loaded 2-core machine), run side by
// side: life-events --json, draft-example, create-case saving and refusing, an unknown life event.
// That every life event's example saves is checked through the services those commands call.
const tmp = tempDir('nin1-cli-events-');
const db = tmp.file('counter.sqlite');
const { counter, fails } = counterCli();
const example = (code: string) => exampleDraft(ctx.catalogue, resourcePath('catalogue'), code);
const caseCount = (): number => {
  const read = new Database(db, { readonly: true });
  try {
    return read.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
  } finally {
    read.close();
  }
};

/**
 * create-case saves under the office's first active counter clerk. Nobody signs in here, so the
 * account gets no password (a fixture password costs a production-cost scrypt run).
 */
function counterClerk(c: ServiceContext): Actor {
  const { officeCode, officeName } = c.config;
  ensureOffice(c.db, officeCode, officeName);
  const user = { username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode };
  const id = createUser(c.db, { ...user, passwordHash: 'no-password:never-signs-in' }, TEST_NOW);
  return { user: { id, ...user }, workstation: 'FS01-W01', ip: null };
}

let ctx: ServiceContext;
let clerk: Actor;
let countBefore = 0;
let listed: string;
let printedDraft: string;
let saved: string;
let refused: CliFailure;
let unknown: CliFailure;

beforeAll(async () => {
  ctx = makeContext(db);
  clerk = counterClerk(ctx);
  writeFileSync(tmp.file('move.json'), JSON.stringify(example('move')));
  const bad = example('death');
  bad.participants.find((p) => p.role === 'deceased')!.birthDate = '2026-11-30'; // after the death
  writeFileSync(tmp.file('bad.json'), JSON.stringify(bad));
  countBefore = caseCount();
  let out: { stdout: string }[];
  [refused, unknown, ...out] = await Promise.all([
    fails('create-case', '--db', db, '--draft', tmp.file('bad.json')),
    fails('draft-example', '--life-event', 'wedding'),
    counter('life-events', '--json'),
    counter('draft-example', '--life-event', 'death'),
    counter('create-case', '--db', db, '--draft', tmp.file('move.json')),
  ]);
  [listed, printedDraft, saved] = out.map((o) => o.stdout) as [string, string, string];
}, 180_000);
afterAll(() => {
  ctx?.db.close();
  tmp.cleanup();
});

describe('life events on the command line (issue 12 stable surfaces)', () => {
  it('life-events --json lists every event with its items and agencies', () => {
    const events = JSON.parse(listed) as { code: string; name: string; items: { item: string; agency: string }[] }[];
    expect(events.map((e) => e.code)).toEqual(expect.arrayContaining(['move', 'death', 'birth', 'assistance']));
    const death = events.find((e) => e.code === 'death')!;
    expect(death.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(death.items.map((i) => i.agency)).size).toBeGreaterThanOrEqual(6);
  });

  it('draft-example prints the life event’s example draft, the JSON create-case takes', () => {
    expect(JSON.parse(printedDraft)).toEqual(example('death'));
  });

  it('create-case saves a draft and prints the case number and its items; a bad draft beside it stored nothing', () => {
    const created = JSON.parse(saved) as { caseNo: string; items: { item: string; agency: string }[] };
    expect(created.caseNo).toMatch(/^FS01-\d{7}-\d{4}$/);
    expect(created.items.length).toBeGreaterThan(0);
    // Both ran on this database: exactly one case more, the saved one.
    expect(caseCount()).toBe(countBefore + 1);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM cases WHERE case_no = ?').pluck().get(created.caseNo)).toBe(1);
  });

  it('a bad draft exits 2 with the zh-TW message and its JSON path', () => {
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/participants\[1\]\.birthDate：亡者出生日期不可晚於死亡日期/);
  });

  it('an unknown life event is refused in zh-TW', () => {
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知的生活事件「wedding」');
  });

  it.each(['death', 'birth', 'assistance'])('the %s example saves as a case with its items (what draft-example → create-case does)', (code) => {
    const before = caseCount();
    const created = createCase(ctx, clerk, example(code));
    expect(created.caseNo).toMatch(/^FS01-\d{7}-\d{4}$/);
    expect(created.items.length).toBeGreaterThan(0);
    if (code === 'death') expect(created.items.find((i) => i.item === 'D01')?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(caseCount()).toBe(before + 1);
  });
});

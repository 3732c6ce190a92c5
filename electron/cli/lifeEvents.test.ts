import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../services/testing/fixtures';
import { counterCli } from './testing/cli';

const tmp = tempDir('nin1-cli-events-');
afterAll(() => tmp.cleanup());

const { counter } = counterCli();
const fails = async (...args: string[]) => {
  try {
    await counter(...args);
  } catch (e) {
    return e as { code: number; stderr: string; stdout: string };
  }
  throw new Error('expected failure');
};
const caseCount = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
  } finally {
    db.close();
  }
};

// Each step starts the CLI (tsx) afresh: seconds each on a loaded 2-core machine.
describe('life events on the command line (issue 12 stable surfaces)', { timeout: 180_000 }, () => {
  const db = tmp.file('counter.sqlite');
  beforeAll(async () => {
    await counter('seed-demo', '--db', db, '--cases', '10');
  }, 180_000);

  it('life-events --json lists every event with its items and agencies', async () => {
    const events = JSON.parse((await counter('life-events', '--json')).stdout) as { code: string; name: string; items: { item: string; agency: string }[] }[];
    expect(events.map((e) => e.code)).toEqual(expect.arrayContaining(['move', 'death', 'birth', 'assistance']));
    const death = events.find((e) => e.code === 'death')!;
    expect(death.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(death.items.map((i) => i.agency)).size).toBeGreaterThanOrEqual(6);
  });

  it.each(['move', 'death', 'birth', 'assistance'])('draft-example %s → create-case saves it and prints the items', async (code) => {
    const draft = tmp.file(`${code}.json`);
    writeFileSync(draft, (await counter('draft-example', '--life-event', code)).stdout);
    const before = caseCount(db);
    const saved = JSON.parse((await counter('create-case', '--db', db, '--draft', draft)).stdout) as { caseNo: string; items: { item: string; agency: string; dueDate?: string }[] };
    expect(saved.caseNo).toMatch(/^FS01-\d{7}-\d{4}$/);
    expect(saved.items.length).toBeGreaterThan(0);
    if (code === 'death') expect(saved.items.find((i) => i.item === 'D01')?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(caseCount(db)).toBe(before + 1);
    const pdf = tmp.file(`${code}.pdf`);
    await counter('print-form', '--db', db, '--case', saved.caseNo, '--out', pdf);
  });

  it('a bad draft exits 2 with the zh-TW message and its JSON path, and stores nothing', async () => {
    const example = JSON.parse((await counter('draft-example', '--life-event', 'death')).stdout) as { participants: { role: string; birthDate?: string }[] };
    example.participants.find((p) => p.role === 'deceased')!.birthDate = '2026-11-30'; // after the death
    const draft = tmp.file('bad.json');
    writeFileSync(draft, JSON.stringify(example));
    const before = caseCount(db);
    const failure = await fails('create-case', '--db', db, '--draft', draft);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/participants\[1\]\.birthDate：亡者出生日期不可晚於死亡日期/);
    expect(caseCount(db)).toBe(before);
  });

  it('an unknown life event is refused in zh-TW', async () => {
    const failure = await fails('draft-example', '--life-event', 'wedding');
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('未知的生活事件「wedding」');
  });
});

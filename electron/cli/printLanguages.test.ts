import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTranslationFile } from '../services/pdf/printTexts';
import { createExampleCase } from '../services/pdf/testing/exampleCases';
import { makeContext, tempDir } from '../services/testing/fixtures';
import { counterCli } from './testing/cli';

// Issue 16 §1 stable surfaces, one process each (run side by side): print-form --lang, print-receipt
// in the case's own language, and an unknown language refused with exit 2.
const cli = counterCli();
const tmp = tempDir('nin1-cli-lang-');
const db = tmp.file('counter.sqlite');
let caseNo = '';
type Outcome = { code: number; stdout: string; stderr: string };
const counter = (...args: string[]): Promise<Outcome> =>
  cli.counter(...args).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const text = (file: string): string => {
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
  return r.stdout.toString('utf8').replace(/\s+/g, '');
};
const tr = (lang: string, key: string) => loadTranslationFile('print', lang)[key]!.replace(/\s+/g, '');
let form: Outcome;
let receipt: Outcome;
let unknown: Outcome;

beforeAll(async () => {
  const ctx = makeContext(db);
  caseNo = createExampleCase(ctx, 'assistance');
  ctx.db.prepare('UPDATE cases SET language = ? WHERE case_no = ?').run('vi', caseNo);
  ctx.db.close();
  [form, receipt, unknown] = await Promise.all([
    counter('print-form', '--db', db, '--case', caseNo, '--out', tmp.file('th.pdf'), '--lang', 'th'),
    counter('print-receipt', '--db', db, '--case', caseNo, '--out', tmp.file('receipt.pdf')),
    counter('print-form', '--db', db, '--case', caseNo, '--out', tmp.file('xx.pdf'), '--lang', 'fr'),
  ]);
});
afterAll(() => tmp.cleanup());

describe('print commands in the citizen’s language', () => {
  it('print-form --lang th: a bilingual form, pdftotext returns the Chinese and the Thai', () => {
    expect(form.code, form.stderr).toBe(0);
    const t = text(tmp.file('th.pdf'));
    expect(t).toContain('N合一便民服務申請書暨通報作業民眾同意書');
    expect(t).toContain(tr('th', 'form.title'));
    expect(t).toContain(tr('th', 'item.A01.consent'));
  });

  it('print-receipt without --lang prints the case’s language (vi) beside the Chinese', () => {
    expect(receipt.code, receipt.stderr).toBe(0);
    expect(readFileSync(tmp.file('receipt.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const t = text(tmp.file('receipt.pdf'));
    for (const s of ['案件收執聯', '進度查詢碼', caseNo]) expect(t).toContain(s);
    for (const key of ['receipt.title', 'receipt.code', 'receipt.keepSafe']) expect(t, key).toContain(tr('vi', key));
  });

  it('an unknown language: exit 2, a zh-TW message naming the codes, nothing written', () => {
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('不支援的列印語言「fr」');
    expect(unknown.stderr).toContain('zh-TW、zh-Hans、en、vi、id、th、km');
    expect(() => readFileSync(tmp.file('xx.pdf'))).toThrow();
  });
});

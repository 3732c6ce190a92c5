import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeContext, moveDraft, seedClerk, tempDir } from '../services/testing/fixtures';
import { hasBinary, printedCases, twoPageDraft, writeStack } from '../services/scanning/testing/scanFixtures';
import { counterCli } from './testing/cli';

const tmp = tempDir('nin1-cli-scan-');
afterAll(() => tmp.cleanup());
const { counter } = counterCli();

const withPoppler = hasBinary('pdftoppm') ? describe : describe.skip;

withPoppler('npm run counter -- import-scans', () => {
  it('imports every scan in the folder once and prints the JSON summary', async () => {
    const db = tmp.file('counter.sqlite');
    const dir = tmp.file('scans');
    mkdirSync(dir);
    const ctx = makeContext(db);
    const forms = await printedCases(ctx, seedClerk(ctx), [moveDraft(), await twoPageDraft()]);
    ctx.db.close();
    await writeStack(dir, forms);
    writeFileSync(tmp.file('scans/notes.txt'), 'not a scan');
    writeFileSync(tmp.file('scans/broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));

    const { stdout, stderr } = await counter('import-scans', '--db', db, '--dir', dir);
    expect(JSON.parse(stdout)).toEqual({
      pages: 5,
      attached: [
        { case: forms[0]!.caseNo, page: 1 },
        { case: forms[1]!.caseNo, page: 1 },
        { case: forms[1]!.caseNo, page: 2 },
      ],
      unmatched: 2,
      alreadyImported: 0,
      rejected: [{ file: 'broken.jpg', code: 'FILE_UNREADABLE', message: expect.stringContaining('broken.jpg') }],
    });
    expect(stderr).toContain('略過「broken.jpg」');

    const again = await counter('import-scans', '--db', db, '--dir', dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ pages: 0, attached: [], unmatched: 0, alreadyImported: 6, rejected: [] });
  });

  it('explains a missing folder in zh-TW', async () => {
    const db = tmp.file('empty-office.sqlite');
    makeContext(db).db.close(); // a real database: the folder is what is missing
    const e = await counter('import-scans', '--db', db, '--dir', tmp.file('nope')).catch((x: { code: number; stderr: string }) => x);
    expect(e).toMatchObject({ code: 2, stderr: expect.stringContaining('無法讀取收件資料夾') });
  });
});

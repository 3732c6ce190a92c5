import { mkdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSessionView } from '../../../shared/contract/scanningApi';
import { caseEvidence } from '../consent/status';
import type { Actor, ServiceContext } from '../context';
import { renderConsentFormWithPages } from '../pdf/consentForm';
import { sampleConsentFormModel } from '../pdf/consentForm.fixtures';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { until } from '../testing/syncFixtures';
import { createScanningRuntime, type ScanningRuntime } from './runtime';
import { blankPage, degrade, foreignPagePdf, hasBinary, printedCases, rasterizePdf, scanningClerk, twoPageDraft } from './testing/scanFixtures';

const POPPLER = hasBinary('pdftoppm');
if (!POPPLER) console.warn('hotFolder.test: poppler-utils (pdftoppm) not found: skipping (forms are rasterised with it)');
const withPoppler = POPPLER ? describe : describe.skip;

const tmp = tempDir('nin1-hot-');
afterAll(() => tmp.cleanup());

let ctx: ServiceContext;
let scanner: Actor;
let cases: { caseNo: string; pdf: Uint8Array; pages: number }[];
const hot = tmp.file('hot');
const dbFile = tmp.file('counter.sqlite');

const runtimeFor = (c: ServiceContext): ScanningRuntime =>
  createScanningRuntime(c, { settings: () => ({ hotFolders: [hot], esclUrls: [] }), overrides: { folderSettleMs: 200, folderWriteFinishMs: 300 }, backends: undefined });

const pagesOf = (v: ScanSessionView) => v.pages.map((p) => ({ name: p.name, state: p.state, caseNo: p.caseNo, formPage: p.formPage, reason: p.reason }));

beforeAll(async () => {
  mkdirSync(hot, { recursive: true });
  ctx = makeContext(dbFile);
  const clerk = seedClerk(ctx);
  scanner = await scanningClerk(ctx);
  if (!POPPLER) return;
  cases = await printedCases(ctx, clerk, [moveDraft(), await twoPageDraft(), moveDraft(), moveDraft()]);
});

withPoppler('hot folder: printed forms scanned back', () => {
  it('each page lands on its case and form page; blank, foreign and unknown pages wait in the tray; nothing is dropped', async () => {
    const runtime = runtimeFor(ctx);
    const session = await runtime.start(scanner, { deviceId: `folder:${hot}`, profileId: 'consent-gray' });
    expect(session).toMatchObject({ state: 'scanning', watching: true });

    // Drop 1, as a network scanner writes it: one file per page, numbered, at mixed densities and
    // formats, some fed upside down or turned, with noise and a slight skew.
    const [a, b, c, d] = cases;
    const drop: [string, Buffer][] = [
      ['0001.png', await degrade(rasterizePdf(a!.pdf, 150)[0]!, { noise: 10, seed: 1 })],
      ['0002.jpg', await degrade(rasterizePdf(b!.pdf, 200)[0]!, { rotate: 180, noise: 12, skew: 1.5, seed: 2, format: 'jpeg' })],
      ['0003.tif', await degrade(rasterizePdf(b!.pdf, 200)[1]!, { rotate: 180, noise: 12, skew: -1, seed: 3, format: 'tiff' })],
      ['0004.png', await blankPage(200)],
      ['0005.png', await degrade(rasterizePdf(c!.pdf, 300)[0]!, { rotate: 90, noise: 15, skew: 2, seed: 4 })],
      ['0006.png', await degrade(rasterizePdf(await foreignPagePdf(), 200)[0]!, { noise: 8, seed: 5 })],
      ['0007.png', await degrade(rasterizePdf((await renderConsentFormWithPages(sampleConsentFormModel(3))).pdf, 200)[0]!, { seed: 6 })],
    ];
    for (const [name, bytes] of drop) writeFileSync(join(hot, name), bytes);
    writeFileSync(join(hot, 'readme.txt'), 'not a scan'); // ignored: not a scan file type
    writeFileSync(join(hot, '0008.png'), 'this is no image'); // a scan name, bad content: reported

    await until(() => runtime.session(session.id).pages.length === 7 && runtime.session(session.id).pages.every((p) => p.state !== 'routed'), 60_000, 'drop 1');
    let view = runtime.session(session.id);
    expect(pagesOf(view)).toEqual([
      { name: '0001.png', state: 'attached', caseNo: a!.caseNo, formPage: 1, reason: null },
      { name: '0002.jpg', state: 'attached', caseNo: b!.caseNo, formPage: 1, reason: null },
      { name: '0003.tif', state: 'attached', caseNo: b!.caseNo, formPage: 2, reason: null },
      { name: '0004.png', state: 'unmatched', caseNo: null, formPage: null, reason: expect.stringContaining('空白頁') },
      { name: '0005.png', state: 'attached', caseNo: c!.caseNo, formPage: 1, reason: null },
      { name: '0006.png', state: 'unmatched', caseNo: null, formPage: null, reason: expect.stringContaining('不是本系統') },
      { name: '0007.png', state: 'unmatched', caseNo: null, formPage: null, reason: expect.stringContaining('不在本工作站') },
    ]);
    await until(() => runtime.session(session.id).problems.length === 1, 10_000, 'problem report');
    expect(runtime.session(session.id).problems).toEqual([{ source: '0008.png', code: 'FORMAT_UNSUPPORTED', message: expect.stringContaining('0008.png') }]);

    // The two pages of case b are ONE attachment, in form order; each case's consent is complete.
    const evB = caseEvidence(ctx, b!.caseNo);
    expect(evB.attachments).toHaveLength(1);
    expect(evB.attachments[0]).toMatchObject({ pageCount: 2, formPages: [1, 2], kind: 'signed-consent' });
    expect(evB.consents.every((x) => x.state === 'satisfied' && x.held === 0)).toBe(true);
    expect(caseEvidence(ctx, d!.caseNo).consents.every((x) => x.state === 'missing' && x.missingPages.includes(1))).toBe(true);

    // Drop 2: a multi-page scanner PDF (JPEG pages) with case d's form, and a half-written file.
    const pdf = await PDFDocument.create();
    const jpeg = await degrade(rasterizePdf(d!.pdf, 200)[0]!, { format: 'jpeg', noise: 6 });
    pdf.addPage([595.28, 841.89]).drawImage(await pdf.embedJpg(jpeg), { x: 0, y: 0, width: 595.28, height: 841.89 });
    const slow = await degrade(rasterizePdf(a!.pdf, 200)[0]!, { rotate: 270, seed: 9 });
    const fh = await open(join(hot, '0010.png'), 'w');
    await fh.write(slow.subarray(0, slow.length >> 1)); // the scanner is still writing…
    writeFileSync(join(hot, '0009.pdf'), await pdf.save());
    await new Promise((r) => setTimeout(r, 150));
    await fh.write(slow.subarray(slow.length >> 1));
    await fh.close();

    await until(() => runtime.session(session.id).pages.length === 9 && runtime.session(session.id).pages.every((p) => p.state !== 'routed'), 60_000, 'drop 2');
    view = runtime.session(session.id);
    expect(pagesOf(view).slice(7)).toEqual([
      { name: '0009.pdf 第 1 頁', state: 'attached', caseNo: d!.caseNo, formPage: 1, reason: null },
      { name: '0010.png', state: 'attached', caseNo: a!.caseNo, formPage: 1, reason: null }, // a re-scan: a second attachment
    ]);
    expect(view.problems).toHaveLength(1); // the half-written file was not mistaken for a bad one
    expect(caseEvidence(ctx, a!.caseNo).attachments).toHaveLength(2);

    const ended = await runtime.cancel(session.id);
    expect(ended).toMatchObject({ state: 'done', watching: false, done: 9 });
    await runtime.close();
  });

  it('after a restart, nothing already imported is imported again', async () => {
    const before = ctx.db.prepare('SELECT (SELECT COUNT(*) FROM scan_pages) AS pages, (SELECT COUNT(*) FROM attachments) AS attachments').get();
    const restarted = makeContext(dbFile); // a new process on the same database and folder
    const runtime = runtimeFor(restarted);
    const session = await runtime.start(await scanningClerk(restarted), { deviceId: `folder:${hot}`, profileId: 'consent-gray' });
    await new Promise((r) => setTimeout(r, 1500));
    const view = await runtime.cancel(session.id);
    expect(view.done).toBe(0);
    expect(view.problems).toEqual([]); // the bad file was recorded, not retried
    expect(restarted.db.prepare('SELECT (SELECT COUNT(*) FROM scan_pages) AS pages, (SELECT COUNT(*) FROM attachments) AS attachments').get()).toEqual(before);
    const files = restarted.db.prepare('SELECT outcome, COUNT(*) AS n FROM imported_files GROUP BY outcome ORDER BY outcome').all();
    expect(files).toEqual([
      { outcome: 'imported', n: 9 },
      { outcome: 'rejected', n: 1 },
    ]);
    await runtime.close();
    restarted.db.close();
  });
});

import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { importDirectory } from '../electron/services/scanning/importDir';
import { analyzePage } from '../electron/services/scanning/pipeline/cleanPage';
import { cleanOptionsOf, DEFAULT_PROFILE_ID, scanProfile } from '../electron/services/scanning/profiles';
import { printedCases, writeStack } from '../electron/services/scanning/testing/scanFixtures';
import { makeContext, moveDraft, seedClerk, tempDir } from '../electron/services/testing/fixtures';
import { entry, median, type BenchEntry } from './stats';

const PAGES = 20;
const RUNS = 3;

/**
 * scan-20-pages: a day-end stack of 20 signed forms (A4, 200 dpi gray PNG, light sensor noise, every
 * third sheet upside down, as a network scanner drops them) from files to attached PDFs — split,
 * QR, upright, clean, compress, one transaction per page, one PDF per case — on a fresh copy of the
 * same database each run (median of 3). Baseline: just reading and hashing the same files.
 * scan-20-pages-size: the attached PDFs together (baseline: the scanner's files).
 * scan-qr-decode-per-page: finding and reading the code (median page; baseline: jsQR on the whole
 * page at the same density, what a naive decoder would do).
 */
export async function benchScan20(log: (s: string) => void): Promise<BenchEntry[]> {
  const tmp = tempDir('nin1-bench-scan-');
  try {
    log('  printing and rasterising 20 forms…');
    const template = tmp.file('template.sqlite');
    const ctx = makeContext(template);
    const forms = await printedCases(ctx, seedClerk(ctx), Array.from({ length: PAGES }, () => moveDraft()));
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    const dir = tmp.file('stack');
    mkdirSync(dir);
    const stack = await writeStack(dir, forms, { extras: false });
    if (stack.length !== PAGES) throw new Error(`expected ${PAGES} pages, got ${stack.length}`);
    const files = readdirSync(dir).sort().map((f) => join(dir, f));
    const inputBytes = files.reduce((s, f) => s + statSync(f).size, 0);

    // Warm up (decoders, JIT) on one page in a throwaway database, as a running app would be.
    const warm = tmp.file('warm');
    mkdirSync(warm);
    copyFileSync(files[0]!, join(warm, 'w.png'));
    copyFileSync(template, tmp.file('warm.sqlite'));
    const warmCtx = makeContext(tmp.file('warm.sqlite'));
    await importDirectory(warmCtx, warm);
    warmCtx.db.close();

    const totals: number[] = [];
    let pdfBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const db = tmp.file(`run${run}.sqlite`);
      copyFileSync(template, db);
      const runCtx = makeContext(db);
      const t = performance.now();
      const summary = await importDirectory(runCtx, dir);
      totals.push(performance.now() - t);
      if (summary.attached.length !== PAGES) throw new Error(`only ${summary.attached.length} of ${PAGES} pages attached`);
      pdfBytes = runCtx.db.prepare('SELECT SUM(byte_size) FROM attachments').pluck().get() as number;
      runCtx.db.close();
      log(`  run ${run + 1}: ${Math.round(totals.at(-1)!)} ms`);
    }

    const baseline: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      for (const f of files) createHash('sha256').update(readFileSync(f)).digest('hex');
      baseline.push(performance.now() - t);
    }

    const options = cleanOptionsOf(scanProfile(DEFAULT_PROFILE_ID));
    const qr: number[] = [];
    const naive: number[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      qr.push((await analyzePage({ name: f, bytes }, options)).qrMs);
      const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const t = performance.now();
      jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height, { inversionAttempts: 'dontInvert' });
      naive.push(performance.now() - t);
    }

    return [
      entry('scan-20-pages', median(totals), 'ms', 4000, { baseline: median(baseline), note: `${PAGES} pages, ${RUNS} runs` }),
      entry('scan-20-pages-size', pdfBytes / 1048576, 'MB', 3, { baseline: inputBytes / 1048576, note: 'attached PDFs vs the scanner files' }),
      entry('scan-qr-decode-per-page', median(qr), 'ms', 50, { baseline: median(naive), note: 'corner crops vs whole-page jsQR' }),
    ];
  } finally {
    tmp.cleanup();
  }
}

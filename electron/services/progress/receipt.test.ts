import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProgressCode } from '../../../shared/progress/code';
import { createCase } from '../cases/createCase';
import type { Actor, ServiceContext } from '../context';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { RECEIPT_LAYOUT } from './receiptPdf';
import { printReceipt } from './receipt';
import { progressCodeOf } from './store';

/** The receipt PDF checked with real poppler binaries and a real QR decoder, as the consent form is. */
const tmp = tempDir('nin1-receipt-');
let emptyFontconfig: string;
let ctx: ServiceContext;
let actor: Actor;
let caseNo: string;
let code: string;

beforeAll(() => {
  emptyFontconfig = tmp.file('empty-fonts.conf');
  writeFileSync(emptyFontconfig, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n');
  ctx = makeContext(tmp.file('counter.sqlite'));
  ctx.config = { ...ctx.config, platform: { url: 'https://nin1.kcg.example.gov.tw/platform' } };
  actor = seedClerk(ctx);
  caseNo = createCase(ctx, actor, moveDraft()).caseNo;
  const caseId = ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
  code = progressCodeOf(ctx.db, caseId)!.code;
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

let n = 0;
const writePdf = (bytes: Uint8Array): string => {
  const file = tmp.file(`receipt-${++n}.pdf`);
  writeFileSync(file, bytes);
  return file;
};
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
};
const squash = (s: string): string => s.replace(/\s+/g, '');

/** The whole page at 200 dpi, grey, system fonts hidden, decoded with jsQR. */
function decodePageQr(pdf: string): string | null {
  const prefix = tmp.file(`page-${++n}`);
  const r = run('pdftoppm', ['-r', '200', '-gray', '-f', '1', '-l', '1', pdf, prefix], { FONTCONFIG_FILE: emptyFontconfig });
  expect(r.status).toBe(0);
  const file = readdirSync(tmp.dir).find((f) => f.startsWith(path.basename(prefix) + '-') && f.endsWith('.pgm'))!;
  const buf = readFileSync(path.join(tmp.dir, file));
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'))!;
  const [width, height] = [Number(head[1]), Number(head[2])];
  const gray = buf.subarray(head[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = gray[i]!;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, width, height)?.data ?? null;
}

describe('citizen receipt (收執聯)', () => {
  it('prints office, case number, ROC date, every notified agency and the code big and clear; nothing about the person', async () => {
    const { pdf, fileName } = await printReceipt(ctx, actor, caseNo);
    expect(fileName).toBe(`${caseNo}-receipt.pdf`);
    const file = writePdf(pdf);
    const text = squash(run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout);
    for (const s of ['案件收執聯', '高雄市鳳山區戶政事務所', caseNo, '民國115年11月26日', formatProgressCode(code), '高雄市稅捐稽徵處', '進度查詢碼', 'https://nin1.kcg.example.gov.tw/platform/progress']) {
      expect(text).toContain(squash(s));
    }
    const draft = moveDraft();
    for (const secret of [draft.person.id, draft.person.name, draft.newAddress, draft.oldAddress]) expect(text).not.toContain(squash(secret));
    expect(Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]).stdout)?.[1])).toBe(1);
  });

  it('embeds the form font as a tagged subset (pdffonts: emb yes, sub yes)', async () => {
    const file = writePdf((await printReceipt(ctx, actor, caseNo)).pdf);
    const rows = run('pdffonts', [file]).stdout.split('\n').slice(2).filter((l) => l.trim());
    expect(rows).toHaveLength(1);
    const cols = rows[0]!.trim().split(/\s+/);
    expect(cols[0]).toMatch(/^[A-Z]{6}\+NotoSansCJKtc-Regular$/);
    const [emb, sub, uni] = cols.slice(-5, -2);
    expect({ emb, sub, uni }).toEqual({ emb: 'yes', sub: 'yes', uni: 'yes' });
  });

  it('its QR, rendered from the embedded font only, decodes to the progress page with case and code', async () => {
    const file = writePdf((await printReceipt(ctx, actor, caseNo)).pdf);
    const url = decodePageQr(file);
    expect(url).toBe(`https://nin1.kcg.example.gov.tw/platform/progress?case=${caseNo}&code=${code}`);
    expect(RECEIPT_LAYOUT.qr.size).toBeGreaterThanOrEqual(100);
  });

  it('each print is audited without the code; no platform address configured → no QR, still case and code', async () => {
    const before = ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'case.receipt.print'").pluck().get() as number;
    const bare = { ...ctx, config: { ...ctx.config, platform: undefined } } as ServiceContext;
    const file = writePdf((await printReceipt(bare, actor, caseNo)).pdf);
    const text = squash(run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout);
    expect(text).toContain(formatProgressCode(code));
    expect(text).toContain('本所尚未設定查詢網址');
    expect(decodePageQr(file)).toBeNull();
    const rows = ctx.db.prepare("SELECT actor, case_no, detail FROM audit WHERE action = 'case.receipt.print' ORDER BY id").all() as { actor: string; case_no: string; detail: string }[];
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actor: 'clerk', case_no: caseNo });
    expect(JSON.parse(rows.at(-1)!.detail)).toEqual({ items: 5, qr: false, issue: 1 });
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('a case saved before migration 006 has no code: a typed zh-TW refusal, nothing audited', async () => {
    const other = createCase(ctx, actor, moveDraft()).caseNo;
    ctx.db.prepare('DELETE FROM case_progress_codes WHERE case_id = (SELECT id FROM cases WHERE case_no = ?)').run(other);
    const before = ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get();
    await expect(printReceipt(ctx, actor, other)).rejects.toMatchObject({ error: { code: 'PROGRESS_CODE_MISSING', message: expect.stringContaining('沒有查詢碼') } });
    await expect(printReceipt(ctx, actor, 'FS01-1151126-9999')).rejects.toMatchObject({ error: { code: 'CASE_NOT_FOUND' } });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(before);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProgressRecord } from '../../electron/services/progress/hash';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import type { PlatformConfig } from '../config';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { DEFAULT_PROGRESS_LIMITS } from './limits';
import { NO_DATA_MESSAGE, PAGE_CSP } from './routes';

const CODE = 'K7PX3QMZ';
const PERSON = { id: 'A123456789', name: '王小明' };
const ADDRESS = '高雄市鳳山區光復路二段132號';

let tp: TestPlatform | null = null;
afterEach(async () => {
  await tp?.close();
  tp = null;
});

async function platformWith(limits: Partial<PlatformConfig['progressLimits']> = {}): Promise<TestPlatform> {
  tp = await startTestPlatform({ config: { progressLimits: { ...DEFAULT_PROGRESS_LIMITS, perCase: { max: 1000, windowMs: 900_000 }, perIp: { max: 1000, windowMs: 900_000 }, ...limits } } });
  return tp;
}

/** A case of two notifications (tax and land office) submitted by FS01 with the receipt code's record. */
async function submitCase(t: TestPlatform, caseNo: string, code: string | null, issue = 1, token?: string): Promise<NotificationEnvelope[]> {
  const progress = code ? makeProgressRecord(caseNo, code, issue) : undefined;
  const envs = [notificationEnvelope({ caseNo, progress }), n04LandEnvelope({ caseNo, progress })];
  const r = await t.http.call('submitNotifications', { body: { notifications: envs } }, token ?? (await t.workstationToken()));
  expect(r.status).toBe(200);
  return envs;
}

const lookup = (t: TestPlatform, body: unknown) => t.http.raw('POST', '/v1/progress', { body: JSON.stringify(body) });

/** Everything of an answer a client could compare, minus the per-request id and the clock. */
const comparable = (r: { status: number; body: unknown; headers: Headers }) => ({
  status: r.status,
  body: JSON.stringify(r.body),
  headers: [...r.headers.entries()].filter(([k]) => !['x-request-id', 'date'].includes(k)).sort(),
});

describe('public progress lookup (POST /v1/progress)', () => {
  it('right code: each agency item with a plain zh-TW status and ROC time, nothing about the person', async () => {
    const t = await platformWith();
    const [tax] = await submitCase(t, 'FS01-1151126-0101', CODE);
    const agency = await t.agencyToken('KH-TAX');
    expect((await t.http.call('notificationAction', { params: { id: tax!.id }, body: { action: 'receive' } }, agency)).status).toBe(200);

    const r = await lookup(t, { caseNo: 'fs01-1151126-0101', code: 'k7px-3qmz' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      caseNo: 'FS01-1151126-0101',
      items: [
        { agencyName: '高雄市稅捐稽徵處', itemName: expect.any(String), status: 'received', statusLabel: '已收件', updatedAt: '115/11/26 10:30' },
        { agencyName: '高雄市政府地政局鳳山地政事務所', itemName: expect.any(String), status: 'delivered', statusLabel: '已送達', updatedAt: '115/11/26 10:30' },
      ],
    });
    const text = JSON.stringify(r.body);
    for (const secret of [PERSON.id, PERSON.name, ADDRESS, '光復路', '0912', 'payload', 'person', CODE]) expect(text).not.toContain(secret);
    expect(Object.keys((r.body as { items: object[] }).items[0]!).sort()).toEqual(['agencyName', 'itemName', 'status', 'statusLabel', 'updatedAt']);
  });

  it('wrong code, unknown case and a case sent without a code (older counter) answer byte-identically', async () => {
    const t = await platformWith();
    await submitCase(t, 'FS01-1151126-0102', CODE);
    await submitCase(t, 'FS01-1151126-0103', null);
    const wrong = await lookup(t, { caseNo: 'FS01-1151126-0102', code: 'K7PX3QMY' });
    const unknown = await lookup(t, { caseNo: 'FS01-1151126-0999', code: 'K7PX3QMY' });
    const noCode = await lookup(t, { caseNo: 'FS01-1151126-0103', code: 'K7PX3QMY' });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual({ error: { code: 'NOT_FOUND', message: NO_DATA_MESSAGE } });
    expect(comparable(unknown)).toEqual(comparable(wrong));
    expect(comparable(noCode)).toEqual(comparable(wrong));
  });

  it('the platform stores only the salted hash; attempts are in the message log without the code or a body hash', async () => {
    const t = await platformWith();
    await submitCase(t, 'FS01-1151126-0104', CODE);
    await lookup(t, { caseNo: 'FS01-1151126-0104', code: CODE });
    await lookup(t, { caseNo: 'FS01-1151126-0104', code: 'K7PX3QMY' });
    await lookup(t, { caseNo: 'FS01-1151126-0104', code: 'bad' });
    // The log line is written as the response finishes: wait for the third one.
    let log = [] as Awaited<ReturnType<typeof t.store.messages>>;
    for (let i = 0; i < 100 && log.length < 3; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 20));
      log = (await t.store.messages({ limit: 50 })).filter((m) => m.route === '/v1/progress');
    }
    expect(log.map((m) => [m.status, m.target, m.bodySha256, m.ip])).toEqual([
      [400, null, null, '127.0.0.1'],
      [404, 'case:FS01-1151126-0104', null, '127.0.0.1'],
      [200, 'case:FS01-1151126-0104', null, '127.0.0.1'],
    ]);
    await t.platform.close();
    const file = readFileSync(join(t.dir, 'platform.sqlite'));
    expect(file.includes(Buffer.from(CODE))).toBe(false);
    expect(file.includes(Buffer.from('K7PX-3QMZ'))).toBe(false);
    expect(file.includes(Buffer.from('"alg":"hmac-sha256-v1"'))).toBe(false); // the record lives in progress_codes, not in the payload JSON
  });

  it('a reissue (higher issue) replaces the record, an older one never comes back, and another office cannot set it', async () => {
    const t = await platformWith();
    const fs01 = await t.workstationToken();
    await submitCase(t, 'FS01-1151126-0105', CODE, 1, fs01);
    await submitCase(t, 'FS01-1151126-0105', 'NEWC0DE2'.replace('0', 'Q'), 2, fs01);
    await submitCase(t, 'FS01-1151126-0105', CODE, 1, fs01);
    expect((await lookup(t, { caseNo: 'FS01-1151126-0105', code: CODE })).status).toBe(404);
    expect((await lookup(t, { caseNo: 'FS01-1151126-0105', code: 'NEWCQDE2' })).status).toBe(200);

    // FS02 sending envelopes for an FS01 case number: refused (OFFICE_MISMATCH), and the record is not set.
    const fs02 = await t.workstationToken('FS02', 'FS02-W01');
    const progress = makeProgressRecord('FS01-1151126-0106', 'ZZZZ2222', 9);
    const r = await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope({ caseNo: 'FS01-1151126-0106', officeCode: 'FS02', workstationId: 'FS02-W01', progress })] } }, fs02);
    expect(r.body.results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'OFFICE_MISMATCH' } });
    expect((await lookup(t, { caseNo: 'FS01-1151126-0106', code: 'ZZZZ2222' })).status).toBe(404);
  });

  it('bad bodies: 400 with a typed zh-TW error, never a lookup', async () => {
    const t = await platformWith();
    const cases: [unknown, string][] = [
      [{ caseNo: 'FS01-1151126-0101' }, 'code'],
      [{ caseNo: 'FS01-1151126-0101', code: 'ABCD0FGH' }, 'code'],
      [{ caseNo: 'not a case', code: 'ABCDEFGH' }, 'caseNo'],
      [{ caseNo: 'FS01-1151126-0101', code: 'ABCDEFGH', name: '王小明' }, ''],
    ];
    for (const [body, path] of cases) {
      const r = await lookup(t, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      const err = (r.body as { error: { code: string; message: string; path?: string } }).error;
      expect(err.code).toBe('INPUT_INVALID');
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      if (path) expect(err.path).toBe(path);
    }
    const notJson = await t.http.raw('POST', '/v1/progress', { body: '{caseNo' });
    expect([notJson.status, (notJson.body as { error: { code: string } }).error.code]).toEqual([400, 'BAD_JSON']);
    const get = await t.http.raw('GET', '/v1/progress?caseNo=FS01-1151126-0101&code=ABCDEFGH');
    expect(get.status).toBe(404);
  });
});

describe('rate limits', () => {
  it('per case: 429 with Retry-After and a zh-TW message after the limit, right code included; other cases unaffected; the window passes', async () => {
    const t = await platformWith({ perCase: { max: 3, windowMs: 15 * 60_000 } });
    await submitCase(t, 'FS01-1151126-0201', CODE);
    for (let i = 0; i < 3; i++) expect((await lookup(t, { caseNo: 'FS01-1151126-0201', code: 'WRQNGC2D' })).status).toBe(404);
    const limited = await lookup(t, { caseNo: 'FS01-1151126-0201', code: CODE });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(limited.body).toEqual({ error: { code: 'RATE_LIMITED', message: '查詢次數過多，請於 15 分鐘後再試' } });
    // An unknown case is limited the same way (the limit does not reveal which cases exist).
    for (let i = 0; i < 3; i++) await lookup(t, { caseNo: 'FS01-1151126-0999', code: 'WRQNGC2D' });
    expect((await lookup(t, { caseNo: 'FS01-1151126-0999', code: 'WRQNGC2D' })).status).toBe(429);
    expect((await lookup(t, { caseNo: 'FS01-1151126-0202', code: 'WRQNGC2D' })).status).toBe(404);
    t.clock.advance(10 * 60_000);
    expect((await lookup(t, { caseNo: 'FS01-1151126-0201', code: CODE })).headers.get('retry-after')).toBe('300');
    t.clock.advance(5 * 60_000);
    expect((await lookup(t, { caseNo: 'FS01-1151126-0201', code: CODE })).status).toBe(200);
    const log = (await t.store.messages({ limit: 100 })).filter((m) => m.status === 429);
    expect(log.every((m) => m.errorCode === 'RATE_LIMITED' && m.bodySha256 === null)).toBe(true);
  });

  it("finding 4: wrong codes from other clients do not lock the citizen out of their own case", async () => {
    tp = await startTestPlatform({
      config: { trustProxy: '127.0.0.1,::1', progressLimits: { ...DEFAULT_PROGRESS_LIMITS, perCase: { max: 3, windowMs: 900_000 }, slowdown: { baseMs: 1, maxMs: 2 } } },
    });
    const t = tp;
    await submitCase(t, 'FS01-1151126-0211', CODE);
    const from = (ip: string, code: string) => t.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo: 'FS01-1151126-0211', code }), headers: { 'x-forwarded-for': ip } });
    for (let i = 1; i <= 10; i++) expect((await from(`203.0.113.${i}`, 'WRQNGC2D')).status).toBe(404);
    expect((await from('198.51.100.7', CODE)).status).toBe(200);
    // The guesser who spent its own tries is the one refused.
    for (let i = 0; i < 3; i++) await from('192.0.2.1', 'WRQNGC2D');
    expect((await from('192.0.2.1', CODE)).status).toBe(429);
  });

  it('per IP: 429 after the limit whatever case is asked', async () => {
    const t = await platformWith({ perIp: { max: 4, windowMs: 15 * 60_000 } });
    await submitCase(t, 'FS01-1151126-0301', CODE);
    for (let i = 0; i < 4; i++) expect((await lookup(t, { caseNo: `FS01-1151126-04${String(i).padStart(2, '0')}`, code: 'WRQNGC2D' })).status).toBe(404);
    const r = await lookup(t, { caseNo: 'FS01-1151126-0301', code: CODE });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('public page (GET /progress)', () => {
  it('is zh-TW HTML with a strict CSP, no inline script or handler, no external resource; its script strips the code from the URL', async () => {
    const t = await platformWith();
    const page = await t.http.raw('GET', '/progress?case=FS01-1151126-0101&code=K7PX3QMZ');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toBe(PAGE_CSP);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = page.body as string;
    expect(html).toContain('lang="zh-Hant-TW"');
    expect(html).toContain('案件進度查詢');
    expect(html).toContain('name="viewport"');
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      expect(tag).toMatch(/src="\/progress\/progress\.js"/);
      expect(tag).toMatch(/>\s*<\/script>$/);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('style=');
    const js = await t.http.raw('GET', '/progress/progress.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.body as string).toContain('history.replaceState');
    expect(js.body as string).not.toMatch(/innerHTML|eval\(|new Function/);
    const css = await t.http.raw('GET', '/progress/progress.css');
    expect(css.status).toBe(200);
    expect(css.body as string).not.toMatch(/url\(|@import/);
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_FILE_BYTES } from '../../shared/platform/batches';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let ws: string;
let tax: string;
let land: string;
beforeAll(async () => {
  t = await startTestPlatform();
  ws = await t.workstationToken();
  tax = await t.agencyToken('KH-TAX');
  land = await t.agencyToken('KH-LAND-FS');
});
afterAll(() => t.close());

const csv = Buffer.from('門牌,拆除日期\n高雄市鳳山區光復路二段132號,2026-11-20\n', 'utf8');

describe('上傳系統介接: batch files', () => {
  it('uploads with sha256, lists for the addressed agency only, downloads the same bytes', async () => {
    const up = await t.http.call('uploadBatch', { body: { receiverAgency: 'KH-TAX', dataset: 'doorplate-cancel', period: '2026-11', fileName: '門牌註銷_11月.csv', mime: 'text/csv', contentBase64: csv.toString('base64') } }, ws);
    expect(up.status).toBe(201);
    const sha = createHash('sha256').update(csv).digest('hex');
    expect(up.body).toMatchObject({ outcome: 'accepted', batch: { receiverAgency: 'KH-TAX', sender: 'workstation:FS01/FS01-W01', size: csv.length, sha256: sha, fileName: '門牌註銷_11月.csv' } });
    const id = up.body.batch.id;

    const list = await t.http.call('listBatches', { query: { dataset: 'doorplate-cancel' } }, tax);
    expect(list.body.batches.map((b) => b.id)).toEqual([id]);
    expect((await t.http.call('listBatches', { query: {} }, land)).body.batches).toEqual([]);

    const meta = await t.http.call('getBatch', { params: { id } }, tax);
    expect(meta.body.sha256).toBe(sha);
    const res = await fetch(`${t.url}/v1/batches/${id}/content`, { headers: { authorization: `Bearer ${tax}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-sha256')).toBe(sha);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('門牌註銷_11月.csv'));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);

    expect((await fetch(`${t.url}/v1/batches/${id}/content`, { headers: { authorization: `Bearer ${land}` } })).status).toBe(404); // not theirs = unknown (finding 6)
    expect((await t.http.call('getBatch', { params: { id: randomUUID() } }, tax)).status).toBe(404);
    expect((await t.http.call('listBatches', { query: {} }, ws)).status).toBe(403);
  });

  it('a retried upload with the same id is a duplicate, different bytes under it a conflict', async () => {
    const id = randomUUID();
    const body = { id, receiverAgency: 'KH-LAND-FS', dataset: 'address-change', fileName: 'a.csv', contentBase64: csv.toString('base64') };
    expect((await t.http.call('uploadBatch', { body }, ws)).body.outcome).toBe('accepted');
    const before = await t.store.counts();
    expect((await t.http.call('uploadBatch', { body }, ws)).body.outcome).toBe('duplicate');
    const clash = await t.http.call('uploadBatch', { body: { ...body, contentBase64: Buffer.from('other').toString('base64') } }, ws);
    expect(clash.status).toBe(409);
    expect((await t.store.counts()).batches).toBe(before.batches);
  });

  it('refuses an oversized file (413), an unknown agency (422) and bad base64 (400), storing nothing', async () => {
    const before = await t.store.counts();
    const big = randomBytes(MAX_BATCH_FILE_BYTES + 1).toString('base64');
    const tooBig = await t.http.call('uploadBatch', { body: { receiverAgency: 'KH-TAX', dataset: 'x', fileName: 'big.bin', contentBase64: big } }, ws);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/上限/) });
    const justOver = randomBytes(MAX_BATCH_FILE_BYTES - 2).toString('base64');
    // a body above the route limit is cut off by the HTTP layer before any parsing
    const huge = await t.http.raw('POST', '/v1/batches', { token: ws, body: JSON.stringify({ receiverAgency: 'KH-TAX', dataset: 'x', fileName: 'h', contentBase64: 'A'.repeat(6 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect((huge.body as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
    const ok = await t.http.call('uploadBatch', { body: { receiverAgency: 'KH-TAX', dataset: 'x', fileName: 'edge.bin', contentBase64: justOver } }, ws);
    expect(ok.status).toBe(201);
    const unknown = await t.http.call('uploadBatch', { body: { receiverAgency: 'KH-NOPE', dataset: 'x', fileName: 'a', contentBase64: 'AAAA' } }, ws);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.code).toBe('AGENCY_UNKNOWN');
    const notB64 = await t.http.call('uploadBatch', { body: { receiverAgency: 'KH-TAX', dataset: 'x', fileName: 'a', contentBase64: '***' } }, ws);
    expect(notB64.status).toBe(400);
    expect((await t.store.counts()).batches).toBe(before.batches + 1);
  });
});

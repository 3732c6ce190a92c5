import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

/** What a caller can compare between two answers, minus the per-request id and the clock. */
const comparable = (r: { status: number; body: unknown; headers: Headers }) => ({
  status: r.status,
  body: JSON.stringify(r.body),
  headers: [...r.headers.entries()].filter(([k]) => !['x-request-id', 'date'].includes(k)).sort(),
});

describe('no existence oracles, one error format', () => {
  it("finding 6: another agency's notification and an unknown id get the same answer on the action endpoint", async () => {
    const ws = await t.workstationToken();
    const e = notificationEnvelope();
    await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    const land = await t.agencyToken('KH-LAND-FS');
    const known = await t.http.call('notificationAction', { params: { id: e.id }, body: { action: 'receive' } }, land);
    const unknown = await t.http.call('notificationAction', { params: { id: '01900000-0000-7000-8000-000000000000' }, body: { action: 'receive' } }, land);
    expect(known.status).toBe(404);
    expect(comparable(known)).toEqual(comparable(unknown));
  });

  it("finding 6: another agency's batch and an unknown batch id get the same answer (metadata and content)", async () => {
    const ws = await t.workstationToken();
    const up = await t.http.call('uploadBatch', { body: { receiverAgency: 'KH-TAX', dataset: 'x', fileName: 'a.csv', mime: 'text/csv', contentBase64: Buffer.from('a').toString('base64') } }, ws);
    const land = await t.agencyToken('KH-LAND-FS');
    for (const name of ['getBatch', 'downloadBatch'] as const) {
      const known = await t.http.call(name, { params: { id: up.body.batch.id } }, land);
      const unknown = await t.http.call(name, { params: { id: randomUUID() } }, land);
      expect(known.status, name).toBe(404);
      expect(comparable(known), name).toEqual(comparable(unknown));
    }
  });

  it('finding 6: a 100 KB Authorization header gets 431 in the platform error format', async () => {
    const r = await t.http.raw('GET', '/v1/agencies/KH-TAX/inbox', { headers: { authorization: `Bearer ${'a'.repeat(100 * 1024)}` } });
    expect(r.status).toBe(431);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: '請求標頭過大' } });
  });
});

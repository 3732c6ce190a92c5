import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let ws: string;
beforeAll(async () => {
  t = await startTestPlatform();
  ws = await t.workstationToken();
});
afterAll(() => t.close());

/** Sends a raw request and checks: the status, a machine code, a zh-TW message, and nothing stored. */
async function rejects(init: { method?: string; path?: string; body?: string; contentType?: string; token?: string | null }, status: number, code: string) {
  const before = await t.store.counts();
  const r = await t.http.raw(init.method ?? 'POST', init.path ?? '/v1/notifications:batch', {
    token: init.token === undefined ? ws : init.token,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.contentType ? { contentType: init.contentType } : {}),
  });
  expect(r.status).toBe(status);
  const err = (r.body as { error: { code: string; message: string } }).error;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  expect(await t.store.counts()).toEqual(before);
  return err;
}

describe('bad input is refused with a code and a zh-TW message, and nothing is stored', () => {
  it('malformed JSON → 400 BAD_JSON', async () => {
    await rejects({ body: '{"notifications": [' }, 400, 'BAD_JSON');
    await rejects({ path: '/v1/enroll', body: '{oops', token: null }, 400, 'BAD_JSON');
  });

  it('a body that is not JSON → 415', async () => {
    await rejects({ body: 'notifications=1', contentType: 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('wrong schema → 400 INPUT_INVALID with the path', async () => {
    expect((await rejects({ body: JSON.stringify({ notifications: [] }) }, 400, 'INPUT_INVALID')).message).toContain('至少');
    await rejects({ body: JSON.stringify({ items: [notificationEnvelope()] }) }, 400, 'INPUT_INVALID');
    await rejects({ body: JSON.stringify({ notifications: Array(501).fill(notificationEnvelope()) }) }, 400, 'INPUT_INVALID');
    const enrol = await rejects({ path: '/v1/enroll', body: JSON.stringify({ code: 'x', client: { kind: 'robot' } }), token: null }, 400, 'INPUT_INVALID');
    expect(enrol).toHaveProperty('path');
    await rejects({ path: '/v1/offices/FS01/changes?limit=abc', method: 'GET' }, 400, 'INPUT_INVALID');
    await rejects({ path: '/v1/offices/FS01/changes?colour=red', method: 'GET' }, 400, 'INPUT_INVALID');
    const tax = await t.agencyToken('KH-TAX');
    await rejects({ path: '/v1/notifications/not-a-uuid/actions', body: JSON.stringify({ action: 'receive' }), token: tax }, 400, 'INPUT_INVALID');
    await rejects({ path: '/v1/notifications/01900000-0000-7000-8000-000000000000/actions', body: JSON.stringify({ action: 'shred' }), token: tax }, 400, 'INPUT_INVALID');
  });

  it('an oversized body (> 1 MB outside batch uploads) → 413 BODY_TOO_LARGE', async () => {
    const big = JSON.stringify({ notifications: [notificationEnvelope({ payload: { mailingAddress: 'x'.repeat(1_100_000) } })] });
    await rejects({ body: big }, 413, 'BODY_TOO_LARGE');
  });

  it('unknown agency at enrolment → 422 AGENCY_UNKNOWN; unknown route → 404', async () => {
    await rejects({ path: '/v1/enroll', token: null, body: JSON.stringify({ code: 'DEMO-KH-NOPE', client: { kind: 'agency', agencyCode: 'KH-NOPE', clientId: 'c1' } }) }, 422, 'AGENCY_UNKNOWN');
    await rejects({ method: 'GET', path: '/v1/nope', token: null }, 404, 'ROUTE_NOT_FOUND');
  });

  it('a body the token holder cannot send is refused before it is read (401 beats 413 and 400)', async () => {
    await rejects({ token: null, body: '{bad' }, 401, 'AUTH_MISSING');
    await rejects({ token: null, body: JSON.stringify({ notifications: [notificationEnvelope({ payload: { a: 'x'.repeat(1_100_000) } })] }) }, 401, 'AUTH_MISSING');
  });
});

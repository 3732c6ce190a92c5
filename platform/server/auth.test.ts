import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolCode } from '../auth/enrolment';
import { signToken } from '../auth/token';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, TEST_SECRET, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

/** Submits one envelope with `token` and checks the answer is `status` with `code` and that nothing was stored. */
async function refused(token: string | null, status: number, code: string, office = 'FS01') {
  const before = await t.store.counts();
  const r = await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope({ officeCode: office })] } }, token);
  expect(r.status).toBe(status);
  expect(r.body.error?.code).toBe(code);
  expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
  const after = await t.store.counts();
  expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  expect(after.audit).toBe(before.audit);
  return r;
}

describe('platform identity', () => {
  it('enrols once per code; the code cannot be reused or used for another workstation', async () => {
    const { code } = await issueEnrolCode(t.store, t.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W09' });
    const wrongClient = await t.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W08' } } });
    expect(wrongClient.status).toBe(401);
    expect(wrongClient.body.error?.code).toBe('ENROLL_CODE_INVALID');
    const ok = await t.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W09' } } });
    expect(ok.status).toBe(201);
    expect(ok.body.token).toMatch(/^nin1\./);
    const reuse = await t.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W09' } } });
    expect(reuse.status).toBe(401);
  });

  it('an expired enrolment code is refused (platform clock)', async () => {
    const { code } = await issueEnrolCode(t.store, t.clock, { kind: 'agency', agencyCode: 'KH-TAX' }, { ttlHours: 1 });
    t.clock.advance(2 * 3600_000);
    const r = await t.http.call('enroll', { body: { code, client: { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'x' } } });
    expect(r.status).toBe(401);
  });

  it('no token, a malformed header, a wrong signature → 401 with nothing stored', async () => {
    await refused(null, 401, 'AUTH_MISSING');
    const r = await t.http.raw('POST', '/v1/notifications:batch', { headers: { authorization: 'Basic abc' }, body: '{}' });
    expect(r.status).toBe(401);
    const token = await t.workstationToken();
    const [p, c] = token.split('.');
    await refused(`${p}.${c}.${Buffer.alloc(32, 1).toString('base64url')}`, 401, 'AUTH_INVALID');
    await refused(signToken(JSON.parse(Buffer.from(c!, 'base64url').toString()), 'another-secret-another-secret-another'), 401, 'AUTH_INVALID');
  });

  it('an expired token → 401 AUTH_EXPIRED (by the platform clock, injected)', async () => {
    const token = await t.workstationToken();
    const now = t.clock.now().toISOString();
    t.clock.advance(366 * 86_400_000);
    await refused(token, 401, 'AUTH_EXPIRED');
    t.clock.set(now);
  });

  it('finding 3: a token re-signed with a far expiry still ends at its stored expiresAt', async () => {
    const token = await t.workstationToken();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Parameters<typeof signToken>[0];
    const resigned = signToken({ ...claims, exp: claims.exp + 50 * 365 * 86_400 }, TEST_SECRET);
    const now = t.clock.now().toISOString();
    t.clock.advance(366 * 86_400_000); // past the row's expiresAt, far before the forged exp
    await refused(resigned, 401, 'AUTH_EXPIRED');
    t.clock.set(now);
    expect((await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope()] } }, resigned)).status).toBe(200);
  });

  it('finding 3: the same token with `==` or a non-canonical last character appended to its signature → 401', async () => {
    const token = await t.workstationToken();
    await refused(`${token}==`, 401, 'AUTH_INVALID');
    await refused(`${token}!`, 401, 'AUTH_INVALID');
  });

  it('a revoked token → 401 AUTH_REVOKED; the other tokens of the office keep working', async () => {
    const token = await t.workstationToken('FS01', 'FS01-W05');
    const other = await t.workstationToken('FS01', 'FS01-W06');
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string;
    const at = t.clock.now().toISOString();
    expect(await t.store.revokeTokens({ jti }, at, { at, actor: 'admin:test', action: 'token.revoke' })).toBe(1);
    await refused(token, 401, 'AUTH_REVOKED');
    const r = await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope()] } }, other);
    expect(r.status).toBe(200);
  });

  it('scopes: a workstation only for its office, an agency only its inbox, neither the other’s endpoints → 403', async () => {
    const ws = await t.workstationToken();
    const tax = await t.agencyToken('KH-TAX');
    // Another office's envelope is refused on its own (OFFICE_MISMATCH), nothing stored.
    const before = await t.store.counts();
    const foreign = await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope({ officeCode: 'FS02' })] } }, ws);
    expect(foreign.body.results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'OFFICE_MISMATCH' } });
    expect(await t.store.counts()).toEqual(before);
    expect((await t.http.call('officeChanges', { params: { office: 'FS02' }, query: {} }, ws)).status).toBe(403);
    expect((await t.http.call('agencyInbox', { params: { agency: 'KH-LAND-FS' }, query: {} }, tax)).status).toBe(403);
    expect((await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: {} }, ws)).status).toBe(403);
    await refused(tax, 403, 'FORBIDDEN');
    expect((await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: {} }, tax)).status).toBe(200);
  });

  it('every message is in the message log with its id, caller, target and body hash — never the body', async () => {
    const r = await t.http.call('health', {}, null, { 'X-Request-Id': 'probe-123' });
    expect(r.headers.get('x-request-id')).toBe('probe-123');
    const ws = await t.workstationToken();
    const e = notificationEnvelope();
    const body = JSON.stringify({ notifications: [e] });
    const sub = await t.http.raw('POST', '/v1/notifications:batch', { token: ws, body });
    const requestId = sub.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const denied = await t.http.raw('GET', '/v1/offices/FS01/changes', { token: 'nin1.x.y' });
    await new Promise((res) => setTimeout(res, 50)); // the line is written after the answer
    const [line] = await t.store.messages({ requestId, limit: 1 });
    expect(line).toMatchObject({
      messageIds: [e.id], client: 'workstation:FS01/FS01-W01', clientKind: 'workstation', method: 'POST', route: '/v1/notifications::batch',
      target: 'agency:KH-TAX', status: 200, errorCode: null, bodySha256: createHash('sha256').update(body).digest('hex'), bodyBytes: Buffer.byteLength(body),
    });
    const [probe] = await t.store.messages({ requestId: 'probe-123', limit: 1 });
    expect(probe).toMatchObject({ route: '/v1/health', status: 200, client: null });
    const [refusedLine] = await t.store.messages({ requestId: denied.headers.get('x-request-id')!, limit: 1 });
    expect(refusedLine).toMatchObject({ status: 401, errorCode: 'AUTH_INVALID', client: null });
    const all = JSON.stringify(await t.store.messages({ limit: 1000 }));
    expect(all).not.toContain(e.person.id);
    expect(all).not.toContain(e.person.name);
    expect(await t.store.verifyAudit()).toEqual({ ok: true, rows: expect.any(Number) });
  });
});

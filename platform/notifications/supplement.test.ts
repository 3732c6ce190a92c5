import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenStatusLabel } from '../../shared/progress/lookup';
import { issueAdminToken } from '../auth/enrolment';
import { n04LandEnvelope, verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let ws: string;
let land: string;
beforeAll(async () => {
  t = await startTestPlatform();
  ws = await t.workstationToken();
  land = await t.agencyToken('KH-LAND-FS');
});
afterAll(() => t.close());

const DAY = 86_400_000;
const act = (id: string, body: object, token: string) => t.http.call('notificationAction', { params: { id }, body: body as never }, token);
const answer = (id: string, body: object, token = ws) => t.http.call('supplementAnswer', { params: { id }, body: body as never }, token);

describe('補件 on the platform (issue 14 §3)', () => {
  it('finding 3: the agency asks for what is missing, the office answers in the same thread, the notification resumes', async () => {
    const e = n04LandEnvelope();
    await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    const asked = await act(e.id, { action: 'request-supplement', missing: ['土地建物標示（地號）', '所有權狀影本'], dueDate: '2026-12-10' }, land);
    expect(asked.status).toBe(200);
    expect(asked.body.entry.supplement).toEqual({ round: 1, missing: ['土地建物標示（地號）', '所有權狀影本'], dueDate: '2026-12-10' });
    expect(asked.body.changes.at(-1)).toMatchObject({ status: 'received', event: { type: 'supplement-request', round: 1 } });
    // One open round at a time; the citizen's lookup says 待補件 and nothing of what is missing.
    expect((await act(e.id, { action: 'request-supplement', missing: ['另一項'], dueDate: '2026-12-11' }, land)).body).toMatchObject({ error: { code: 'SUPPLEMENT_OPEN' } });
    const progress = await t.store.progressItems(e.caseNo);
    expect(progress.map((r) => citizenStatusLabel(r.status))).toEqual(['待補件']);
    expect(JSON.stringify(progress)).not.toContain('所有權狀');

    // Bad answers store nothing: a field the item does not have, an invalid value, a wrong round, another office.
    expect((await answer(e.id, { round: 1, fields: { nope: 'x' } })).body).toMatchObject({ error: { code: 'PAYLOAD_INVALID', path: 'fields.nope' } });
    expect((await answer(e.id, { round: 1, fields: { registeredAddress: '沒有門牌' } })).body).toMatchObject({ error: { code: 'PAYLOAD_INVALID', path: 'fields.registeredAddress' } });
    expect((await answer(e.id, { round: 2, note: '已補' })).body).toMatchObject({ error: { code: 'SUPPLEMENT_ROUND' } });
    expect((await answer(e.id, { round: 1, fields: {} })).body).toMatchObject({ error: { code: 'INPUT_INVALID' } });
    const other = await t.workstationToken('FS02', 'FS02-W01');
    expect((await answer(e.id, { round: 1, note: '已補' }, other)).status).toBe(404);

    t.clock.advance(2 * DAY);
    const answered = await answer(e.id, { round: 1, fields: { parcels: '鳳山段一小段123地號' }, note: '權狀影本另行郵寄' });
    expect(answered.status).toBe(200);
    expect(answered.body.entry).toMatchObject({ status: 'received', supplement: null, payload: { parcels: '鳳山段一小段123地號', registeredAddress: '高雄市鳳山區光復路二段132號' } });

    // The agency reads the request and the answer in one thread; the office pulls both rounds as changes.
    const thread = await t.http.call('notificationThread', { params: { id: e.id }, query: {} }, land);
    expect(thread.body.events.map((x) => x.event)).toEqual([
      { type: 'supplement-request', round: 1, missing: ['土地建物標示（地號）', '所有權狀影本'], dueDate: '2026-12-10' },
      { type: 'supplement-answer', round: 1, fields: { parcels: '鳳山段一小段123地號' }, note: '權狀影本另行郵寄' },
    ]);
    expect((await t.http.call('notificationThread', { params: { id: e.id }, query: {} }, await t.agencyToken('KH-TAX'))).status).toBe(404);
    const pulled = (await t.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0 } }, ws)).body.changes.filter((c) => c.notificationId === e.id);
    expect(pulled.map((c) => c.event?.type ?? c.status)).toEqual(['delivered', 'received', 'supplement-request', 'supplement-answer']);
    expect(progress.length).toBe(1);
    expect((await t.store.progressItems(e.caseNo)).map((r) => citizenStatusLabel(r.status))).toEqual(['已收件']);

    // A second round is a new round; statistics count rounds per agency and the days the answered ones waited.
    expect((await act(e.id, { action: 'request-supplement', missing: ['印鑑證明'], dueDate: '2026-12-20' }, land)).body.entry.supplement).toMatchObject({ round: 2 });
    const admin = (await issueAdminToken(t.store, t.clock, t.platform.deps.config.secret, 'ops', 30)).token;
    const stats = await t.http.call('stats', { query: { groupBy: 'agency' } }, admin);
    expect(stats.body.referrals).toContainEqual({ agency: 'KH-LAND-FS', transfersOut: 0, transfersIn: 0, supplementRounds: 2, supplementsOpen: 1, supplementWaitDays: 2 });
    expect(await t.store.verifyAudit()).toMatchObject({ ok: true });
  });

  it('finding 3: a verification request cannot be put on 補件, and the new endpoints are in the OpenAPI document', async () => {
    const v = verificationEnvelope();
    await t.http.call('submitNotifications', { body: { notifications: [v] } }, ws);
    expect((await act(v.id, { action: 'request-supplement', missing: ['房屋稅籍編號'], dueDate: '2026-12-10' }, await t.agencyToken('KH-TAX'))).body).toMatchObject({ error: { code: 'ACTION_NOT_ALLOWED' } });
    const doc = (await fetch(`${t.url}/v1/openapi.json`).then((r) => r.json())) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/notifications/{id}/supplement', '/v1/notifications/{id}/thread', '/v1/notifications/{id}/actions']));
    expect(JSON.stringify(doc)).toContain('request-supplement');
    expect(JSON.stringify(doc)).toContain('"transfer"');
  });
});

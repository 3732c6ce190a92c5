import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken } from '../auth/enrolment';
import { n04LandEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let ws: string;
let fengshan: string;
let gangshan: string;
beforeAll(async () => {
  t = await startTestPlatform();
  ws = await t.workstationToken();
  fengshan = await t.agencyToken('KH-LAND-FS');
  gangshan = await t.agencyToken('KH-LAND-GANGSHAN');
});
afterAll(() => t.close());

const act = (id: string, body: object, token: string) => t.http.call('notificationAction', { params: { id }, body: body as never }, token);
const inboxIds = async (agency: string, token: string) => (await t.http.call('agencyInbox', { params: { agency }, query: {} }, token)).body.entries.map((e) => e.id);

describe('改分 (transfer) on the platform (issue 14 §1)', () => {
  it('finding 2: a transfer moves the notification to the other office; the counter, progress, statistics and audit follow it', async () => {
    const e = n04LandEnvelope();
    await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    await act(e.id, { action: 'receive' }, fengshan);
    const r = await act(e.id, { action: 'transfer', to: 'KH-LAND-GANGSHAN', reason: '土地位於岡山區，非本所轄區' }, fengshan);
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual([expect.objectContaining({ status: 'delivered', reason: '改分：土地位於岡山區，非本所轄區', event: { type: 'transfer', from: 'KH-LAND-FS', to: 'KH-LAND-GANGSHAN' } })]);
    // Inboxes: gone from the first, delivered to the second, which can act on it; the first no longer can.
    expect(await inboxIds('KH-LAND-FS', fengshan)).not.toContain(e.id);
    expect(await inboxIds('KH-LAND-GANGSHAN', gangshan)).toContain(e.id);
    expect((await act(e.id, { action: 'receive' }, fengshan)).status).toBe(404);
    expect((await act(e.id, { action: 'receive' }, gangshan)).body.entry.status).toBe('received');
    // The counter pulls the transfer with its event.
    const changes = (await t.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0 } }, ws)).body.changes.filter((c) => c.notificationId === e.id);
    expect(changes.map((c) => c.event?.type ?? c.status)).toEqual(['delivered', 'received', 'transfer', 'received']);
    // Progress lookup rows and statistics count it at the new office.
    expect(await t.store.progressItems(e.caseNo)).toEqual([expect.objectContaining({ receiverAgency: 'KH-LAND-GANGSHAN', status: 'received' })]);
    const admin = (await issueAdminToken(t.store, t.clock, t.platform.deps.config.secret, 'ops', 30)).token;
    const stats = await t.http.call('stats', { query: { groupBy: 'agency', item: 'N04' } }, admin);
    expect(JSON.stringify(stats.body)).toContain('KH-LAND-GANGSHAN');
    // Audit: who transferred, from where to where, why.
    const db = new Database(join(t.dir, 'platform.sqlite'), { readonly: true });
    const audit = db.prepare("SELECT actor, detail FROM audit WHERE action = 'notification.transfer'").all() as { actor: string; detail: string }[];
    db.close();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ from: 'KH-LAND-FS', to: 'KH-LAND-GANGSHAN', reason: '土地位於岡山區，非本所轄區' });
    expect(await t.store.verifyAudit()).toMatchObject({ ok: true });
  });

  it('finding 2: a transfer loop (A → B → A), another kind and a closed notification are refused', async () => {
    const e = n04LandEnvelope();
    await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    expect((await act(e.id, { action: 'transfer', to: 'KH-LAND-GANGSHAN', reason: '非本所轄區' }, fengshan)).status).toBe(200);
    const back = await act(e.id, { action: 'transfer', to: 'KH-LAND-FS', reason: '也非本所轄區' }, gangshan);
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ error: { code: 'TRANSFER_LOOP', message: expect.stringContaining('改分迴圈') } });
    const otherKind = await act(e.id, { action: 'transfer', to: 'KH-TAX', reason: '非本所業務' }, gangshan);
    expect(otherKind.status).toBe(422);
    expect(otherKind.body).toMatchObject({ error: { code: 'TRANSFER_KIND' } });
    expect((await act(e.id, { action: 'transfer', to: 'KH-LAND-LZ', reason: '' }, gangshan)).body).toMatchObject({ error: { code: 'INPUT_INVALID' } });
    await act(e.id, { action: 'complete' }, gangshan);
    expect((await act(e.id, { action: 'transfer', to: 'KH-LAND-LZ', reason: '結案後' }, gangshan)).body).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });
    expect(await inboxIds('KH-LAND-GANGSHAN', gangshan)).toContain(e.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { n04LandEnvelope, notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let ws: string;
beforeAll(async () => {
  t = await startTestPlatform();
  ws = await t.workstationToken();
});
afterAll(() => t.close());

describe('POST /v1/notifications:batch', () => {
  it('is idempotent: the same batch twice answers duplicate with the original time and stores one row each', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => (i % 2 ? n04LandEnvelope() : notificationEnvelope()));
    const before = await t.store.counts();
    const first = await t.http.call('submitNotifications', { body: { notifications: batch } }, ws);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.outcome)).toEqual(Array(20).fill('accepted'));
    t.clock.advance(60_000);
    const again = await t.http.call('submitNotifications', { body: { notifications: batch } }, ws);
    expect(again.status).toBe(200);
    expect(again.body.results.map((r) => r.outcome)).toEqual(Array(20).fill('duplicate'));
    // the original result, not a new one: same ids in order, same delivery time
    expect(again.body.results).toEqual(first.body.results.map((r) => ({ ...r, outcome: 'duplicate' })));
    const after = await t.store.counts();
    expect(after.notifications - before.notifications).toBe(20);
    expect(after.changes - before.changes).toBe(20); // one `delivered` each, not two
  });

  it('treats a repeated id inside one batch as a duplicate of the first', async () => {
    const e = notificationEnvelope();
    const r = await t.http.call('submitNotifications', { body: { notifications: [e, e] } }, ws);
    expect(r.body.results.map((x) => x.outcome)).toEqual(['accepted', 'duplicate']);
  });

  it('rejects only the bad envelopes (unknown item, unknown agency, wrong receiver, bad payload, bad shape) and accepts the rest', async () => {
    const good = [notificationEnvelope(), notificationEnvelope()];
    const bad = [
      notificationEnvelope({ itemCode: 'N99' }),
      notificationEnvelope({ receiverAgency: 'KH-NOPE' }),
      notificationEnvelope({ receiverAgency: 'KH-LAND-FS' }),
      notificationEnvelope({ payload: { mailingAddress: '高雄市鳳山區光復路二段132號' } }),
      { ...notificationEnvelope(), caseNo: 'not a case' },
    ];
    const before = await t.store.counts();
    const r = await t.http.call('submitNotifications', { body: { notifications: [good[0]!, ...bad, good[1]!] } }, ws);
    expect(r.status).toBe(200);
    const results = r.body.results;
    expect(results.map((x) => x.outcome)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
    const codes = results.filter((x) => x.outcome === 'rejected').map((x) => (x.outcome === 'rejected' ? [x.error.code, x.error.path] : null));
    expect(codes).toEqual([
      ['ITEM_UNKNOWN', 'notifications[1].itemCode'],
      ['AGENCY_UNKNOWN', 'notifications[2].receiverAgency'],
      ['ITEM_MISMATCH', 'notifications[3].receiverAgency'],
      ['PAYLOAD_INVALID', 'notifications[4].payload.taxTypes'],
      ['INPUT_INVALID', 'notifications[5].caseNo'],
    ]);
    for (const x of results) if (x.outcome === 'rejected') expect(x.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(results[1]!.id).toBe(bad[0]!.id);
    expect((await t.store.counts()).notifications - before.notifications).toBe(2);
  });

  it('rejects only the envelope that claims another office (OFFICE_MISMATCH) and stores the rest', async () => {
    const before = await t.store.counts();
    const r = await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope(), notificationEnvelope({ officeCode: 'FS02' })] } }, ws);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.outcome)).toEqual(['accepted', 'rejected']);
    expect(r.body.results[1]).toMatchObject({ error: { code: 'OFFICE_MISMATCH', path: 'notifications[1].officeCode' } });
    expect((await t.store.counts()).notifications - before.notifications).toBe(1);
  });

  it('an id already used by another office is rejected as ID_CONFLICT and reveals nothing', async () => {
    const e = notificationEnvelope();
    await t.http.call('submitNotifications', { body: { notifications: [e] } }, ws);
    const other = await t.workstationToken('FS02', 'FS02-W01');
    const r = await t.http.call('submitNotifications', { body: { notifications: [{ ...e, officeCode: 'FS02', workstationId: 'FS02-W01', caseNo: e.caseNo.replace('FS01-', 'FS02-') }] } }, other);
    expect(r.body.results).toEqual([{ id: e.id, outcome: 'rejected', error: { code: 'ID_CONFLICT', message: expect.stringMatching(/其他單位/) } }]);
  });

  it('answers delivered changes to the sending office, in cursor order, whatever the counter clock says', async () => {
    const off = await t.workstationToken('FS03', 'FS03-W01');
    const batch = [verificationEnvelope({ officeCode: 'FS03', workstationId: 'FS03-W01', createdAt: '2020-01-01T00:00:00.000Z' }), notificationEnvelope({ officeCode: 'FS03' })];
    await t.http.call('submitNotifications', { body: { notifications: batch } }, off);
    const r = await t.http.call('officeChanges', { params: { office: 'FS03' }, query: { cursor: 0 } }, off);
    expect(r.body.changes.map((c) => [c.notificationId, c.status])).toEqual(batch.map((e) => [e.id, 'delivered']));
    expect(r.body.changes[0]!.at).toBe(t.clock.now().toISOString());
    expect(r.body.more).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { n04LandEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let ws: string;
beforeAll(async () => {
  t = await startTestPlatform();
  ws = await t.workstationToken();
});
afterAll(() => t.close());

describe('routed items on the platform (issue 14 §1)', () => {
  it('finding 1: a routed item is accepted for any office of its kind, refused for another kind', async () => {
    const gangshan = n04LandEnvelope({ receiverAgency: 'KH-LAND-GANGSHAN', payload: { changeType: '住址變更', registeredAddress: '高雄市岡山區岡山路100號' } });
    const tax = n04LandEnvelope({ receiverAgency: 'KH-TAX' });
    const r = await t.http.call('submitNotifications', { body: { notifications: [gangshan, tax] } }, ws);
    expect(r.body.results.map((x) => x.outcome)).toEqual(['accepted', 'rejected']);
    expect(r.body.results[1]).toMatchObject({ error: { code: 'ITEM_MISMATCH', path: 'notifications[1].receiverAgency', message: expect.stringContaining('應送地政機關') } });
    const inbox = await t.http.call('agencyInbox', { params: { agency: 'KH-LAND-GANGSHAN' }, query: {} }, await t.agencyToken('KH-LAND-GANGSHAN'));
    expect(inbox.body.entries.map((i) => i.id)).toEqual([gangshan.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { n04LandEnvelope, notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform;
let fs01: string;
let fs02: string;
let tax: string;
let admin: string;
beforeAll(async () => {
  t = await startTestPlatform();
  fs01 = await t.workstationToken();
  fs02 = await t.workstationToken('FS02', 'FS02-W01');
  tax = await t.agencyToken('KH-TAX');
  const { issueAdminToken } = await import('../auth/enrolment');
  admin = (await issueAdminToken(t.store, t.clock, t.platform.deps.config.secret, 'ops', 30)).token;

  // Known data. Day 1 (2026-11-26 Taipei): FS01 3×N01, 1×V01, 2×N04; FS02 1×N01.
  const day1 = [notificationEnvelope(), notificationEnvelope(), notificationEnvelope(), verificationEnvelope(), n04LandEnvelope(), n04LandEnvelope()];
  await t.http.call('submitNotifications', { body: { notifications: day1 } }, fs01);
  await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope({ officeCode: 'FS02', workstationId: 'FS02-W01' })] } }, fs02);
  // KH-TAX opens one after 10 min and completes it 20 min later; answers V01 after 4 min.
  t.clock.advance(10 * 60_000);
  await t.http.call('notificationAction', { params: { id: day1[0]!.id }, body: { action: 'receive' } }, tax);
  t.clock.advance(20 * 60_000);
  await t.http.call('notificationAction', { params: { id: day1[0]!.id }, body: { action: 'complete' } }, tax);
  // Day 2: FS01 1×N01.
  t.clock.advance(86_400_000);
  await t.http.call('submitNotifications', { body: { notifications: [notificationEnvelope()] } }, fs01);
});
afterAll(() => t.close());

describe('GET /v1/stats (統計交叉分析)', () => {
  it('counts per item × agency × office × day × status for an admin', async () => {
    const r = await t.http.call('stats', { query: {} }, admin);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(8);
    expect(r.body.rows).toEqual([
      { item: 'N01', agency: 'KH-TAX', office: 'FS01', day: '2026-11-26', status: 'completed', count: 1 },
      { item: 'N01', agency: 'KH-TAX', office: 'FS01', day: '2026-11-26', status: 'delivered', count: 2 },
      { item: 'N01', agency: 'KH-TAX', office: 'FS01', day: '2026-11-27', status: 'delivered', count: 1 },
      { item: 'N01', agency: 'KH-TAX', office: 'FS02', day: '2026-11-26', status: 'delivered', count: 1 },
      { item: 'N04', agency: 'KH-LAND-FS', office: 'FS01', day: '2026-11-26', status: 'delivered', count: 2 },
      { item: 'V01', agency: 'KH-TAX', office: 'FS01', day: '2026-11-26', status: 'delivered', count: 1 },
    ]);
  });

  it('rolls up by the chosen dimensions and filters by period', async () => {
    const byAgency = await t.http.call('stats', { query: { groupBy: 'agency' } }, admin);
    expect(byAgency.body.rows).toEqual([{ agency: 'KH-LAND-FS', count: 2 }, { agency: 'KH-TAX', count: 6 }]);
    const dayTwo = await t.http.call('stats', { query: { groupBy: 'office,item', from: '2026-11-27' } }, admin);
    expect(dayTwo.body.rows).toEqual([{ office: 'FS01', item: 'N01', count: 1 }]);
    const verifications = await t.http.call('stats', { query: { groupBy: 'item', kind: 'verification' } }, admin);
    expect(verifications.body.rows).toEqual([{ item: 'V01', count: 1 }]);
  });

  it('reports turnaround per agency (seconds from delivery to received / closed)', async () => {
    const r = await t.http.call('stats', { query: { groupBy: 'agency' } }, admin);
    expect(r.body.timings).toEqual([{ agency: 'KH-TAX', received: { n: 1, medianS: 600, p90S: 600 }, closed: { n: 1, medianS: 1800, p90S: 1800 } }]);
  });

  it('scopes a workstation to its office and an agency to itself; unknown codes are 422', async () => {
    const own = await t.http.call('stats', { query: { groupBy: 'office' } }, fs01);
    expect(own.body.rows).toEqual([{ office: 'FS01', count: 7 }]);
    expect((await t.http.call('stats', { query: { office: 'FS02' } }, fs01)).status).toBe(403);
    const agency = await t.http.call('stats', { query: { groupBy: 'agency' } }, tax);
    expect(agency.body.rows).toEqual([{ agency: 'KH-TAX', count: 6 }]);
    const unknownItem = await t.http.call('stats', { query: { item: 'N99' } }, admin);
    expect(unknownItem.status).toBe(422);
    expect(unknownItem.body.error?.code).toBe('ITEM_UNKNOWN');
    expect((await t.http.call('stats', { query: { agency: 'NOPE' } }, admin)).body.error?.code).toBe('AGENCY_UNKNOWN');
    const badDim = await t.http.call('stats', { query: { groupBy: 'item,colour' } }, admin);
    expect(badDim.status).toBe(400);
    expect(badDim.body.error?.message).toContain('未知的統計維度「colour」');
  });
});

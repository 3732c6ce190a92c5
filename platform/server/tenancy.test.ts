import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgressRecord } from '../../electron/services/progress/hash';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

/** Issue 13 finding 1 and issue 17 finding 2 (platform part): a case belongs to one office and one person. */
let t: TestPlatform;
let fs01: string;
let fs02: string;
beforeAll(async () => {
  t = await startTestPlatform({ config: { progressLimits: { perCase: { max: 1000, windowMs: 900_000 }, perIp: { max: 1000, windowMs: 900_000 }, maxKeys: 1000 } } });
  fs01 = await t.workstationToken('FS01', 'FS01-W01', 'KH-HR-FS');
  fs02 = await t.workstationToken('FS02', 'FS02-W01', 'KH-TOWN-FS');
});
afterAll(() => t.close());

const submit = (token: string, ...notifications: ReturnType<typeof notificationEnvelope>[]) => t.http.call('submitNotifications', { body: { notifications } }, token);

describe('tenancy of submitted envelopes', () => {
  it("finding 1: one office cannot write into another office's case (case prefix, office and sender agency bound to the token, per item)", async () => {
    const before = await t.store.counts();
    const forgedCase = notificationEnvelope({ officeCode: 'FS02', workstationId: 'FS02-W01', caseNo: 'FS01-1151126-0001', senderAgency: 'KH-TOWN-FS' });
    const forgedSender = notificationEnvelope({ officeCode: 'FS02', workstationId: 'FS02-W01', caseNo: 'FS02-1151126-0002', senderAgency: 'KH-HR-FS' });
    const forgedOffice = notificationEnvelope({ officeCode: 'FS01', workstationId: 'FS02-W01', caseNo: 'FS01-1151126-0003', senderAgency: 'KH-TOWN-FS' });
    const r = await submit(fs02, forgedCase, forgedSender, forgedOffice);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.outcome === 'rejected' && [x.error.code, x.error.path])).toEqual([
      ['OFFICE_MISMATCH', 'notifications[0].caseNo'],
      ['OFFICE_MISMATCH', 'notifications[1].senderAgency'],
      ['OFFICE_MISMATCH', 'notifications[2].officeCode'],
    ]);
    for (const x of r.body.results) expect(x.outcome === 'rejected' && x.error.message).toMatch(/不符|不屬於|不能/);
    expect(await t.store.counts()).toEqual(before); // nothing stored
  });

  it('finding 1: a workstation token enrolled without a sender agency cannot send (re-enrol to bind one)', async () => {
    const legacy = await t.workstationToken('FS01', 'FS01-W07', null);
    const r = await submit(legacy, notificationEnvelope({ workstationId: 'FS01-W07' }));
    expect(r.body.results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'OFFICE_MISMATCH', path: 'notifications[0].senderAgency' } });
  });

  it("finding 1: the citizen's progress lookup lists only the items of the case's own office", async () => {
    const caseNo = 'FS01-1151126-0050';
    // A row another office filed under this number before the platform refused that (straight into the store).
    const forged = notificationEnvelope({ caseNo, officeCode: 'FS02', workstationId: 'FS02-W01', senderAgency: 'KH-TOWN-FS' });
    await t.store.submit('FS02', [{ envelope: forged, bodySha256: 'x' }], [], 'workstation:FS02/FS02-W01', t.clock.now(), { at: t.clock.now().toISOString(), actor: 'test', action: 'legacy' });
    const progress = makeProgressRecord(caseNo, 'K7PX3QMZ', 1);
    const real = notificationEnvelope({ caseNo, progress });
    expect((await submit(fs01, real)).body.results[0]!.outcome).toBe('accepted'); // the foreign row binds nothing
    const r = await t.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo, code: 'K7PX3QMZ' }) });
    expect(r.status).toBe(200);
    expect((r.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('finding 1 (issue 17 finding 2): a case number the platform holds for another person is refused; the same person and retries still pass', async () => {
    const caseNo = 'FS01-1151126-0060';
    const first = notificationEnvelope({ caseNo, person: { id: 'A123456789', name: '王小明' } });
    expect((await submit(fs01, first)).body.results[0]!.outcome).toBe('accepted');

    const before = await t.store.counts();
    const otherCitizen = notificationEnvelope({ caseNo, person: { id: 'B223456780', name: '李小華' } });
    const r = await submit(fs01, otherCitizen);
    expect(r.body.results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'CASE_CONFLICT', message: expect.stringMatching(/其他民眾/) } });
    expect(await t.store.counts()).toEqual({ ...before, audit: before.audit + 1 }); // only the submit's audit row

    // Inside one batch too: the first envelope binds the new number, a second citizen under it is refused.
    const fresh = 'FS01-1151126-0061';
    const both = await submit(fs01, notificationEnvelope({ caseNo: fresh }), notificationEnvelope({ caseNo: fresh, person: { id: 'B223456780', name: '李小華' } }));
    expect(both.body.results.map((x) => x.outcome)).toEqual(['accepted', 'rejected']);

    const samePerson = await submit(fs01, first, notificationEnvelope({ caseNo, person: first.person }));
    expect(samePerson.body.results.map((x) => x.outcome)).toEqual(['duplicate', 'accepted']);
  });
});

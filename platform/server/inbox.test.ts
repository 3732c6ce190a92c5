import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { n04LandEnvelope, notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { taipeiDay } from '../time';

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

const submit = async (...envs: ReturnType<typeof notificationEnvelope>[]) => {
  const r = await t.http.call('submitNotifications', { body: { notifications: envs } }, ws);
  expect(r.status).toBe(200);
  return envs;
};

describe('agency inbox, actions and the office change feed', () => {
  it('routes each notification to its receiving agency only, and pages the inbox with a cursor', async () => {
    const taxOnes = await submit(...Array.from({ length: 7 }, () => notificationEnvelope()));
    await submit(n04LandEnvelope());
    const seen: string[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const r = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { limit: 3, ...(cursor !== undefined ? { cursor } : {}) } }, tax);
      expect(r.status).toBe(200);
      seen.push(...r.body.entries.map((e) => e.id));
      cursor = r.body.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(seen).toEqual(taxOnes.map((e) => e.id));
    expect(pages).toBe(3);
    const landInbox = await t.http.call('agencyInbox', { params: { agency: 'KH-LAND-FS' }, query: {} }, land);
    expect(landInbox.body.entries).toHaveLength(1);
    expect(landInbox.body.entries[0]).toMatchObject({ itemCode: 'N04', status: 'delivered', person: { id: 'A123456789' }, caseNo: expect.any(String) });
  });

  it('filters by item, status and delivery day (Taipei calendar, platform clock)', async () => {
    const [v] = await submit(verificationEnvelope());
    const byItem = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { item: 'V01' } }, tax);
    expect(byItem.body.entries.map((e) => e.id)).toEqual([v!.id]);
    await t.http.call('notificationAction', { params: { id: v!.id }, body: { action: 'receive' } }, tax);
    const received = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { status: 'received' } }, tax);
    expect(received.body.entries.map((e) => e.id)).toEqual([v!.id]);
    const today = taipeiDay(t.clock.now());
    t.clock.advance(86_400_000);
    const [tomorrow] = await submit(notificationEnvelope());
    const onlyTomorrow = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { from: taipeiDay(t.clock.now()) } }, tax);
    expect(onlyTomorrow.body.entries.map((e) => e.id)).toEqual([tomorrow!.id]);
    const upToToday = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { to: today, limit: 200 } }, tax);
    expect(upToToday.body.entries.map((e) => e.id)).not.toContain(tomorrow!.id);
    const bad = await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { status: 'nope' as never } }, tax);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INPUT_INVALID', path: 'status' });
  });

  it('receive → complete and reject-with-reason become change rows the sending office pulls in cursor order', async () => {
    const start = await t.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0, limit: 5000 } }, ws);
    let cursor = start.body.nextCursor;
    const [a, b] = await submit(notificationEnvelope(), notificationEnvelope());
    const r1 = await t.http.call('notificationAction', { params: { id: a!.id }, body: { action: 'receive' } }, tax);
    expect(r1.status).toBe(200);
    expect(r1.body.entry.status).toBe('received');
    expect(r1.body.changes.map((c) => c.status)).toEqual(['received']);
    const r2 = await t.http.call('notificationAction', { params: { id: a!.id }, body: { action: 'complete', note: '已更新投遞地址' } }, tax);
    expect(r2.body.entry.status).toBe('completed');
    const r3 = await t.http.call('notificationAction', { params: { id: b!.id }, body: { action: 'reject', reason: '查無此稅籍' } }, tax);
    expect(r3.body.changes.map((c) => c.status)).toEqual(['received', 'rejected']);
    expect(r3.body.entry.reason).toBe('查無此稅籍');

    const seen: [string, string, string | null][] = [];
    for (;;) {
      const r = await t.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor, limit: 2 } }, ws);
      seen.push(...r.body.changes.map((c) => [c.notificationId === a!.id ? 'a' : 'b', c.status, c.reason] as [string, string, string | null]));
      const cursors = r.body.changes.map((c) => c.cursor);
      expect([...cursors].sort((x, y) => x - y)).toEqual(cursors);
      if (cursors.length) expect(cursors[0]).toBeGreaterThan(cursor);
      cursor = r.body.nextCursor;
      if (!r.body.more) break;
    }
    expect(seen).toEqual([
      ['a', 'delivered', null], ['b', 'delivered', null], ['a', 'received', null], ['a', 'completed', '已更新投遞地址'], ['b', 'received', null], ['b', 'rejected', '查無此稅籍'],
    ]);
  });

  it('repeats are harmless, closed outcomes are final, other agencies and unknown ids are refused', async () => {
    const [n] = await submit(notificationEnvelope());
    await t.http.call('notificationAction', { params: { id: n!.id }, body: { action: 'complete' } }, tax);
    const again = await t.http.call('notificationAction', { params: { id: n!.id }, body: { action: 'complete' } }, tax);
    expect(again.status).toBe(200);
    expect(again.body.changes).toEqual([]);
    const flip = await t.http.call('notificationAction', { params: { id: n!.id }, body: { action: 'reject', reason: '改退回' } }, tax);
    expect(flip.status).toBe(409);
    expect(flip.body.error?.code).toBe('INVALID_TRANSITION');
    const other = await t.http.call('notificationAction', { params: { id: n!.id }, body: { action: 'receive' } }, land);
    expect(other.status).toBe(404); // not theirs = unknown (finding 6)
    const unknown = await t.http.call('notificationAction', { params: { id: '01900000-0000-7000-8000-000000000000' }, body: { action: 'receive' } }, tax);
    expect(unknown.status).toBe(404);
    const noReason = await t.http.call('notificationAction', { params: { id: n!.id }, body: { action: 'reject', reason: ' ' } }, tax);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.message).toContain('退回須填寫理由');
    const byWorkstation = await t.http.call('notificationAction', { params: { id: n!.id }, body: { action: 'receive' } }, ws);
    expect(byWorkstation.status).toBe(403);
  });
});

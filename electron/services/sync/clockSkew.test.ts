import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { fixedClock } from '../clock';
import type { ServiceContext } from '../context';
import { fillDueDatesSafely } from '../overdue/hooks';
import { makeContext, TEST_NOW, tempDir } from '../testing/fixtures';
import { engineFor, queueCases } from '../testing/syncFixtures';

/**
 * Issue 17 finding 8: the counter dated `delivered` with its own clock while the agency's receipt
 * comes in platform time, so a counter a day ahead showed negative turnaround and a deadline a day
 * late. Real platform on loopback with its own (hand-moved) clock; the counter's clock a day ahead.
 */
const tmp = tempDir('nin1-sync-skew-');
afterAll(() => tmp.cleanup());

const DAY = 86_400_000;
const HOUR = 3_600_000;

let platform: TestPlatform;
let ctx: ServiceContext;
let n = 0;
beforeEach(async () => {
  platform = await startTestPlatform(); // its clock: TEST_NOW
  ctx = makeContext(tmp.file(`skew-${n++}.sqlite`), fixedClock(new Date(Date.parse(TEST_NOW) + DAY).toISOString()));
});
afterEach(async () => {
  await platform.close();
  ctx.db.close();
});

type Row = { id: string; item_code: string; delivered_at: string; received_at: string | null; to_receipt_ms: number | null; due_at: string | null };
const rows = () => ctx.db.prepare('SELECT id, item_code, delivered_at, received_at, to_receipt_ms, due_at FROM notifications ORDER BY id').all() as Row[];

describe('counter clock a day ahead of the platform', () => {
  it('finding 8: clock skew does not give negative turnaround — delivered is the platform deliveredAt, and due_at follows it', async () => {
    queueCases(ctx, 1);
    const engine = engineFor(ctx, platform.url, {}, { token: await platform.workstationToken() });
    expect(await engine.syncOnce('test', { pull: false })).toMatchObject({ delivered: 5, error: null });
    fillDueDatesSafely(ctx, 'open'); // what the runtime's afterApply does after a delivery

    // The delivered milestone is the platform's time, a day before the counter's.
    expect(rows().every((r) => Date.parse(r.delivered_at) === Date.parse(TEST_NOW))).toBe(true);

    // The tax office opens its item an hour later by the platform's clock; the counter pulls it.
    const tax = await platform.agencyToken('KH-TAX');
    const n01 = rows().find((r) => r.item_code === 'N01')!;
    platform.clock.advance(HOUR);
    expect((await platform.http.call('notificationAction', { params: { id: n01.id }, body: { action: 'receive' } }, tax)).status).toBe(200);
    expect(await engine.syncOnce('test')).toMatchObject({ pulled: 1, error: null });
    expect(rows().find((r) => r.id === n01.id)!.to_receipt_ms).toBe(HOUR); // not −23 h

    // The deadline is the one the platform shows the agency for the same notification.
    const inbox = await platform.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: {} }, tax);
    const entry = (inbox.body as { entries: { id: string; dueAt?: string | null }[] }).entries.find((e) => e.id === n01.id)!;
    expect(entry.dueAt).toBeTruthy();
    expect(Date.parse(rows().find((r) => r.id === n01.id)!.due_at!)).toBe(Date.parse(entry.dueAt!));
  });

  it('a resend answered duplicate keeps the original delivery time', async () => {
    queueCases(ctx, 1);
    const token = await platform.workstationToken();
    // A first counter file delivered these ids at TEST_NOW; this one lost the acknowledgements.
    const ids = ctx.db.prepare('SELECT id FROM notifications').pluck().all() as string[];
    await engineFor(ctx, platform.url, {}, { token }).syncOnce('test', { pull: false });
    ctx.db.prepare("UPDATE outbox SET state = 'pending'").run();
    ctx.db.prepare("UPDATE notifications SET status = 'queued', delivered_at = NULL").run();
    ctx.db.prepare("DELETE FROM notification_events WHERE status = 'delivered'").run();
    platform.clock.advance(2 * HOUR);
    expect(await engineFor(ctx, platform.url, {}, { token }).syncOnce('resend', { pull: false })).toMatchObject({ delivered: 5 });
    const at = ctx.db.prepare("SELECT DISTINCT at FROM notification_events WHERE status = 'delivered' AND notification_id IN (SELECT value FROM json_each(?))").pluck().all(JSON.stringify(ids)) as string[];
    expect(at.map((a) => Date.parse(a))).toEqual([Date.parse(TEST_NOW)]);
  });
});

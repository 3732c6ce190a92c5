import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import type { ServiceContext } from '../context';
import { ensureOffice } from '../auth/users';
import { getCase } from '../cases/queries';
import { createSyncRuntime } from '../sync/runtime';
import { startFakePlatform, type FakePlatform } from '../testing/fakePlatform';
import { makeContext, tempDir, TEST_NOW } from '../testing/fixtures';
import { enrolTestWorkstation, queueCases, TEST_SYNC_OPTIONS, until } from '../testing/syncFixtures';
import { officeCalendar } from './calendarFile';
import { fillDueDates } from './fillDueDates';
import { startDueDateFill } from './hooks';
import { resetOnBasisChange } from './fillDueDates';
import { buildCalendar, CalendarFile } from '../../../shared/overdue/calendar';
import { readFileSync } from 'node:fs';
import { resourcePath } from '../resources';
import { countOverdue, listOverdue } from './listOverdue';

const tmp = tempDir('nin1-overdue-');
afterAll(() => tmp.cleanup());

/** A clock the test moves: deliveries happen at TEST_NOW (Thu 2026-11-26 10:30 Taipei), the list is read weeks later. */
let nowIso = TEST_NOW;
const clock: Clock = { now: () => new Date(nowIso) };

let platform: FakePlatform;
let ctx: ServiceContext;
let n = 0;
beforeEach(async () => {
  nowIso = TEST_NOW;
  platform = await startFakePlatform({ now: () => clock.now() }); // delivery is dated by the platform (issue 17 finding 8)
  ctx = makeContext(tmp.file(`overdue-${n++}.sqlite`), clock);
});
afterEach(async () => {
  await platform.close();
  ctx.db.close();
});

const dueByItem = () =>
  Object.fromEntries((ctx.db.prepare('SELECT item_code, due_at FROM notifications ORDER BY rowid').all() as { item_code: string; due_at: string | null }[]).map((r) => [r.item_code, r.due_at]));

/** Queue one 遷徙 case (N01 14d, N02 30d, N04 14d, N08 7d, N09 14d) and deliver it through the runtime's engine (the real hook). */
async function deliverOneCase(expectDelivered = 5) {
  queueCases(ctx, 1);
  enrolTestWorkstation(ctx, platform.url);
  const runtime = createSyncRuntime(ctx, { sync: TEST_SYNC_OPTIONS });
  const report = await runtime.engine()!.syncOnce('test');
  expect(report).toMatchObject({ delivered: expectDelivered, error: null });
  return runtime;
}

describe('due_at fill', () => {
  it('is filled after a sync drain with the §48 deadline of each item', async () => {
    await deliverOneCase();
    expect(dueByItem()).toEqual({
      N01: '2026-12-10T15:59:59.999Z', // 14 days → Thu 12-10
      N02: '2026-12-28T04:00:00.000Z', // 30 days → Sat 12-26 → Mon 12-28 上午 (§48 IV: noon)
      N04: '2026-12-10T15:59:59.999Z',
      N08: '2026-12-03T15:59:59.999Z', // 7 days → Thu 12-03
      N09: '2026-12-10T15:59:59.999Z',
    });
  });

  it('is idempotent: a second fill changes nothing, and a fill never rewrites a deadline (only a basis change at start does)', async () => {
    await deliverOneCase();
    const before = dueByItem();
    expect(fillDueDates(ctx, officeCalendar(), 'all')).toEqual({ filled: 0, unknownItems: 0, next: null });
    const longer = { ...ctx, catalogue: { ...ctx.catalogue, items: ctx.catalogue.items.map((i) => ({ ...i, processingDays: 99 })) } };
    expect(fillDueDates(longer, officeCalendar(), 'all').filled).toBe(0);
    expect(dueByItem()).toEqual(before);
  });

  it('leaves undelivered rows alone and fills closed rows only in the startup (all) scope', async () => {
    queueCases(ctx, 1);
    expect(fillDueDates(ctx, officeCalendar(), 'all').filled).toBe(0); // queued, not delivered
    await deliverOneCase(10);
    // A row delivered and closed in one pulled page before any fill ran.
    ctx.db.prepare("UPDATE notifications SET due_at = NULL, closed_at = '2026-11-27T01:00:00.000Z' WHERE item_code = 'N08'").run();
    ctx.db.prepare("UPDATE notifications SET due_at = NULL WHERE item_code = 'N01'").run();
    expect(fillDueDates(ctx, officeCalendar(), 'open').filled).toBe(2); // the other case's N01 + this one's
    expect(dueByItem().N08).toBeNull();
    expect(fillDueDates(ctx, officeCalendar(), 'all').filled).toBe(2); // both cases' N08
  });

  it('at start fills open rows at once and backfills the rest in small pages off the start path', async () => {
    await deliverOneCase();
    ctx.db.prepare("UPDATE notifications SET due_at = NULL, closed_at = CASE WHEN item_code IN ('N01', 'N02', 'N04') THEN '2026-11-27T01:00:00.000Z' END").run();
    const filled = () => ctx.db.prepare('SELECT COUNT(*) FROM notifications WHERE due_at IS NOT NULL').pluck().get();
    const fill = startDueDateFill(ctx, 1, 5); // one row per page
    expect(filled()).toBe(2); // N08, N09: open, synchronously
    await until(() => filled() === 5, 5_000, 'backfill');
    fill.stop();
    expect(dueByItem().N02).toBe('2026-12-28T04:00:00.000Z'); // Mon 12:00 Taipei (§48 IV Saturday clause)
    // Resumable paging: the summary says where to go on.
    ctx.db.prepare('UPDATE notifications SET due_at = NULL').run();
    const first = fillDueDates(ctx, officeCalendar(), 'all', { maxPages: 1, size: 2 });
    expect(first).toMatchObject({ filled: 2, next: expect.any(Number) });
    expect(fillDueDates(ctx, officeCalendar(), 'all', { after: first.next!, size: 2 })).toMatchObject({ filled: 3, next: null });
  });

  it('a typhoon day added to the calendar moves open deadlines (§48) and leaves closed ones as judged', async () => {
    await deliverOneCase();
    expect(resetOnBasisChange(ctx, officeCalendar())).toBe(5); // first start with a basis: recomputed (same values)
    fillDueDates(ctx, officeCalendar(), 'open');
    expect(resetOnBasisChange(ctx, officeCalendar())).toBe(0); // unchanged
    ctx.db.prepare("UPDATE notifications SET closed_at = '2026-12-09T01:00:00.000Z' WHERE item_code = 'N04'").run();
    const file = CalendarFile.parse(JSON.parse(readFileSync(resourcePath('calendar', 'holidays.json'), 'utf8')));
    const typhoon = buildCalendar({ ...file, days: [...file.days, { date: '2026-12-10', kind: 'holiday', name: '颱風停止上班' }] });
    expect(resetOnBasisChange(ctx, typhoon)).toBe(4); // open: N01, N02, N08, N09
    fillDueDates(ctx, typhoon, 'all');
    expect(dueByItem()).toMatchObject({ N01: '2026-12-11T15:59:59.999Z', N09: '2026-12-11T15:59:59.999Z', N04: '2026-12-10T15:59:59.999Z', N08: '2026-12-03T15:59:59.999Z' });
  });

  it('reports items missing from the catalogue and leaves their deadline empty', async () => {
    await deliverOneCase();
    ctx.db.prepare('UPDATE notifications SET due_at = NULL').run();
    const without = { ...ctx, catalogue: { ...ctx.catalogue, items: ctx.catalogue.items.filter((i) => i.code !== 'N09') } };
    expect(fillDueDates(without, officeCalendar(), 'all')).toEqual({ filled: 4, unknownItems: 1, next: null });
    expect(dueByItem().N09).toBeNull();
  });

  it('is filled after a pulled page of changes too (a delivery first recorded by a pull)', async () => {
    const runtime = await deliverOneCase();
    // The ack's delivery is forgotten (as if another process had recorded it without a fill)…
    ctx.db.prepare('UPDATE notifications SET due_at = NULL').run();
    const id = ctx.db.prepare("SELECT id FROM notifications WHERE item_code = 'N01'").pluck().get() as string;
    platform.act(id, 'received', { at: '2026-11-26T03:00:00.000Z' });
    await runtime.engine()!.syncOnce('pull');
    // …and the fill after the applied page restores every open row's deadline.
    expect(Object.values(dueByItem()).every((d) => d !== null)).toBe(true);
  });
});

describe('overdue list', () => {
  it('lists this office\'s notifications past their deadline and not closed, most days overdue first', async () => {
    const runtime = await deliverOneCase();
    const ids = Object.fromEntries((ctx.db.prepare('SELECT item_code, id FROM notifications').all() as { item_code: string; id: string }[]).map((r) => [r.item_code, r.id]));
    platform.act(ids.N04!, 'completed', { at: '2026-12-01T02:00:00.000Z' });
    await runtime.engine()!.syncOnce('pull');

    nowIso = '2026-12-10T15:59:59.999Z'; // the last instant of 12-10 in Taipei: only N08 is late
    expect(listOverdue(ctx).rows.map((r) => [r.itemCode, r.daysOverdue])).toEqual([['N08', 7]]);

    nowIso = '2026-12-11T02:00:00.000Z'; // Fri 12-11 10:00 Taipei
    const list = listOverdue(ctx);
    expect(list.total).toBe(3);
    expect(list.rows.map((r) => [r.itemCode, r.daysOverdue])).toEqual([['N08', 8], ['N01', 1], ['N09', 1]]);
    expect(list.rows[0]).toMatchObject({
      caseNo: expect.stringMatching(/^FS01-/), itemTitle: expect.any(String), receiverAgency: 'THB-KH-MV', receiverName: '交通部公路局高雄區監理所',
      deliveredAt: TEST_NOW, dueAt: '2026-12-03T15:59:59.999Z', status: 'delivered',
    });
    expect(countOverdue(ctx)).toBe(3);
    expect(listOverdue(ctx, 2)).toMatchObject({ total: 3, rows: [{ itemCode: 'N08' }, { itemCode: 'N01' }] });
  });

  it('is scoped to the office', async () => {
    await deliverOneCase();
    ensureOffice(ctx.db, 'XX99', '他所');
    ctx.db.prepare("UPDATE cases SET office_code = 'XX99'").run();
    nowIso = '2027-02-01T00:00:00.000Z';
    expect(listOverdue(ctx).total).toBe(0);
    expect(countOverdue(ctx)).toBe(0);
  });

  it('the case view flags overdue notifications with their deadline', async () => {
    await deliverOneCase();
    nowIso = '2026-12-04T02:00:00.000Z';
    const caseNo = ctx.db.prepare('SELECT case_no FROM cases').pluck().get() as string;
    const actor = { user: { id: 1, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: ctx.config.officeCode }, workstation: 'FS01-W01', ip: null };
    const view = getCase(ctx, actor, caseNo);
    const flags = Object.fromEntries(view.notifications.map((x) => [x.itemCode, [x.overdue, x.dueAt]]));
    expect(flags.N08).toEqual([true, '2026-12-03T15:59:59.999Z']);
    expect(flags.N01).toEqual([false, '2026-12-10T15:59:59.999Z']);
  });
});

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import type { ServiceContext } from '../context';
import { startFakePlatform, type FakePlatform } from '../testing/fakePlatform';
import { makeContext, moveDraft, tempDir } from '../testing/fixtures';
import { engineFor, queueCases, until } from '../testing/syncFixtures';
import { readCursor, STATE, writeState } from './state';

const tmp = tempDir('nin1-pull-');
afterAll(() => tmp.cleanup());

let platform: FakePlatform;
let ctx: ServiceContext;
let n = 0;
beforeEach(async () => {
  platform = await startFakePlatform();
  ctx = makeContext(tmp.file(`pull-${n++}.sqlite`));
});
afterEach(async () => {
  await platform.close();
  ctx.db.close();
});

/** A 遷徙 case without the house-tax bill: five notifications plus the V01 稅單查證. */
const withVerification = () =>
  moveDraft({
    hasHouseTaxBill: false,
    items: [...moveDraft().items, { code: 'V01', fields: { houseAddress: '高雄市鳳山區光復路二段132號', houseOwner: '王大同', question: '房屋稅籍及所有權人' } }],
  });

const eventsOf = (id: string) => ctx.db.prepare('SELECT status, reason, at FROM notification_events WHERE notification_id = ? ORDER BY id').all(id) as { status: string; reason: string | null; at: string }[];
const idOf = (item: string) => ctx.db.prepare('SELECT id FROM notifications WHERE item_code = ? ORDER BY rowid LIMIT 1').pluck().get(item) as string;

describe('pulling status changes', () => {
  it('applies receipts, completions, rejections and verification answers as events with a persisted cursor', async () => {
    queueCases(ctx, 1, withVerification());
    const engine = engineFor(ctx, platform.url);
    await engine.syncOnce('drain');
    const n01 = idOf('N01');
    const n04 = idOf('N04');
    const v01 = idOf('V01');
    platform.act(n01, 'received');
    platform.act(n01, 'completed');
    platform.act(n04, 'rejected', { reason: '地號有誤，請確認' });
    platform.act(v01, 'received');
    platform.act(v01, 'completed', { answer: { found: true, text: '查有房屋稅籍，所有權人王大同' } });
    const report = await engine.syncOnce('pull');
    expect(report.pulled).toBe(5);
    expect(eventsOf(n01).map((e) => e.status)).toEqual(['queued', 'delivered', 'received', 'completed']);
    expect(ctx.db.prepare('SELECT status, status_reason FROM notifications WHERE id = ?').get(n04)).toEqual({ status: 'rejected', status_reason: '地號有誤，請確認' });
    const answer = ctx.db.prepare('SELECT found, text FROM verification_answers WHERE notification_id = ?').get(v01);
    expect(answer).toEqual({ found: 1, text: '查有房屋稅籍，所有權人王大同' });
    expect(readCursor(ctx.db)).toBe(platform.changes.length);
    expect(engine.status().changeSeq).toBe(ctx.db.prepare('SELECT MAX(id) FROM notification_events').pluck().get());
  });

  it('ignores replayed and stale changes: history is never written twice', async () => {
    queueCases(ctx, 1);
    const engine = engineFor(ctx, platform.url);
    await engine.syncOnce('drain');
    const id = idOf('N08');
    platform.act(id, 'received');
    platform.act(id, 'completed');
    await engine.syncOnce('pull');
    const before = ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get();
    // Cursor lost (restored backup, second process): everything comes again.
    ctx.db.transaction(() => writeState(ctx.db, STATE.changesCursor, '0', ctx.clock.now().toISOString()))();
    await engine.syncOnce('pull again');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get()).toBe(before);
    expect(eventsOf(id).map((e) => e.status)).toEqual(['queued', 'delivered', 'received', 'completed']);
  });

  it('pages through a long change list', async () => {
    queueCases(ctx, 30); // 150 notifications → 150 delivered changes
    const engine = engineFor(ctx, platform.url, { changesPageSize: 40 });
    await engine.syncOnce('drain');
    for (const id of ctx.db.prepare('SELECT id FROM notifications').pluck().all() as string[]) platform.act(id, 'received');
    const before = platform.requests.filter((r) => r.path.endsWith('/changes')).length;
    const report = await engine.syncOnce('pull');
    expect(report.pulled).toBe(150);
    expect(platform.requests.filter((r) => r.path.endsWith('/changes')).length - before).toBe(Math.ceil(150 / 40)); // the drain's own pull took the 150 `delivered` changes
    expect(ctx.db.prepare("SELECT COUNT(*) FROM notifications WHERE status = 'received'").pluck().get()).toBe(150);
  });

  it('the push channel makes the counter pull at once (no waiting for the poll)', async () => {
    queueCases(ctx, 1, withVerification());
    const engine = engineFor(ctx, platform.url, { push: true, pollMs: 60_000, pushPollMs: 60_000 });
    engine.start();
    try {
      await until(() => engine.status().pushConnected && engine.status().queued === 0, 5000, 'push connected and drained');
      const v01 = idOf('V01');
      const t = performance.now();
      platform.act(v01, 'completed', { answer: { found: false, text: '查無房屋稅籍' } });
      await until(() => ctx.db.prepare('SELECT COUNT(*) FROM verification_answers').pluck().get() === 1, 3000, 'answer applied');
      expect(performance.now() - t).toBeLessThan(1000);
    } finally {
      await engine.stop();
    }
  });
});

describe('clock skew between counter and platform', () => {
  const skewed = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) });
  const DAY = 86_400_000;

  it.each([
    ['counter +1 day, platform −1 day', DAY, -DAY],
    ['counter −1 day, platform +1 day', -DAY, DAY],
  ])('%s: nothing reordered, nothing lost', async (_name, counterSkew, platformSkew) => {
    await platform.close();
    platform = await startFakePlatform({ now: () => new Date(Date.now() + platformSkew) });
    const counterClock = skewed(counterSkew);
    ctx.clock = counterClock;
    queueCases(ctx, 2, moveDraft({ moveDate: new Date(Date.now() + counterSkew - 5 * DAY).toISOString().slice(0, 10) }));
    const engine = engineFor(ctx, platform.url, {}, { clock: counterClock });
    // A failed first attempt leaves a retry time on the counter's (skewed) clock.
    platform.misbehave('500');
    await engine.syncOnce('first');
    platform.misbehave('none');
    await engine.syncOnce('retry', { force: true });
    const ids = ctx.db.prepare('SELECT notification_id FROM outbox ORDER BY seq').pluck().all() as string[];
    expect(platform.stored.size).toBe(10);
    // The platform saw them in the counter's local order, whatever either clock said.
    expect([...platform.stored.values()].map((e) => e.localSeq)).toEqual([...platform.stored.values()].map((e) => e.localSeq).sort((a, b) => a - b));
    for (const id of ids) platform.act(id, 'received');
    for (const id of ids) platform.act(id, 'completed');
    await engine.syncOnce('pull');
    for (const id of ids) expect(eventsOf(id).map((e) => e.status)).toEqual(['queued', 'delivered', 'received', 'completed']);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM notifications WHERE status = 'completed'").pluck().get()).toBe(10);
  });

  it('a counter clock set back by a day does not strand rows in backoff', async () => {
    let offset = 0;
    const clock: Clock = { now: () => new Date(Date.now() + offset) };
    ctx.clock = clock;
    queueCases(ctx, 1);
    const engine = engineFor(ctx, platform.url, {}, { clock });
    platform.misbehave('500');
    await engine.syncOnce('fails');
    platform.misbehave('none');
    offset = -DAY; // IT corrects the PC clock: every persisted retry time is now "a day ahead"
    const report = await engine.syncOnce('timer');
    expect(report).toMatchObject({ delivered: 5, remaining: 0 });
  });
});

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../../platform/testing/clock';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { ServiceContext } from '../context';
import { startFaultyEdge, type FaultyEdge } from '../testing/faultyEdge';
import { makeContext, TEST_NOW, tempDir } from '../testing/fixtures';
import { engineFor, outboxStates, queueCases } from '../testing/syncFixtures';

/**
 * Issue 17 finding 7: one row the platform always answers 500 for, first in a queue of 605, used to
 * hold back everything (0 delivered; rows 501–605 never tried) while the status strip said online
 * with no error. The platform here is the real one behind a loopback edge that answers 500 to any
 * batch holding the poison row (a test double at the network edge, see faultyEdge.ts).
 */
const tmp = tempDir('nin1-sync-poison-');
afterAll(() => tmp.cleanup());

const INTERNAL = { status: 500, body: { error: { code: 'INTERNAL', message: '平台發生未預期的錯誤，請稍後再試' } } };

let platform: TestPlatform;
let edge: FaultyEdge;
let ctx: ServiceContext;
let clock: ManualClock;
let n = 0;
beforeEach(async () => {
  platform = await startTestPlatform();
  clock = manualClock(TEST_NOW);
  ctx = makeContext(tmp.file(`poison-${n++}.sqlite`), clock);
});
afterEach(async () => {
  await edge.close();
  await platform.close();
  ctx.db.close();
});

const seqOrder = () => ctx.db.prepare('SELECT notification_id FROM outbox ORDER BY seq').pluck().all() as string[];

describe('a row the platform always fails on', () => {
  it('finding 7: a row that always gets a 5xx does not block the queue, and the strip keeps the error', async () => {
    queueCases(ctx, 121); // 605 notifications
    const poison = seqOrder()[0]!;
    let poisoned = true;
    edge = await startFaultyEdge(platform.url, (envelopes) => (poisoned && envelopes.some((e) => e.id === poison) ? INTERNAL : null));
    const engine = engineFor(ctx, edge.url, {}, { token: await platform.workstationToken() }); // batches of 500

    const first = await engine.syncOnce('timer');
    expect(first).toMatchObject({ delivered: 0, error: { code: 'INTERNAL' } }); // once may be a blip: all back off

    clock.advance(60_000); // past the backoff (test policy: at most 400 ms)
    const second = await engine.syncOnce('timer');
    expect(second).toMatchObject({ delivered: 604, failed: 0, remaining: 1, error: { code: 'INTERNAL' } });
    expect(second.error?.message).toContain('已暫緩該筆');
    expect(outboxStates(ctx)).toEqual({ done: 604, pending: 1 });
    const aside = ctx.db.prepare('SELECT notification_id, attempts, next_attempt_at, last_error FROM outbox WHERE state = ?').get('pending') as { notification_id: string; attempts: number; next_attempt_at: string; last_error: string };
    expect(aside).toMatchObject({ notification_id: poison, attempts: 2 });
    expect(Date.parse(aside.next_attempt_at)).toBeGreaterThan(clock.now().getTime());
    expect(aside.last_error).toContain('暫緩重送');
    // Rows 501–605 went out; the isolation cost a handful of requests, not one per row.
    const sent = new Set(edge.submits.filter((s) => s.status === 200).flatMap((s) => s.ids));
    expect(seqOrder().slice(500).every((id) => sent.has(id))).toBe(true);
    expect(edge.submits.length).toBeLessThan(40);

    // The pull in that run succeeded, yet the strip still shows the drain's error, and says online.
    expect(engine.status()).toMatchObject({ online: true, queued: 1, lastError: { code: 'INTERNAL' } });
    const waiting = await engine.syncOnce('timer'); // nothing due: no request for the set-aside row
    expect(waiting).toMatchObject({ sent: 0, error: null });
    expect(engine.status().lastError?.message).toContain('已暫緩該筆');

    // Once the platform takes it, the error clears.
    poisoned = false;
    clock.advance(10 * 60_000);
    const healed = await engine.syncOnce('timer');
    expect(healed).toMatchObject({ delivered: 1, remaining: 0, error: null });
    expect(engine.status()).toMatchObject({ online: true, lastError: null, queued: 0 });
  });

  it('a platform that answers 5xx to everything is not walked row by row: one row set aside, then the run stops', async () => {
    queueCases(ctx, 20); // 100 notifications
    edge = await startFaultyEdge(platform.url, () => INTERNAL);
    const engine = engineFor(ctx, edge.url, { batchSize: 64 }, { token: await platform.workstationToken() });
    await engine.syncOnce('timer'); // 1 request, everything backs off
    clock.advance(60_000);
    const before = edge.submits.length;
    const report = await engine.syncOnce('timer');
    // 64 → 32 → 16 → 8 → 4 → 2 → 1 (set aside), then one more request fails and the run stops.
    expect(edge.submits.length - before).toBe(8);
    expect(report).toMatchObject({ delivered: 0, remaining: 100, error: { code: 'INTERNAL' } });
    expect(outboxStates(ctx)).toEqual({ pending: 100 });
    expect(engine.status().lastError?.code).toBe('INTERNAL');
  });
});

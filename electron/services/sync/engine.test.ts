import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit';
import type { ServiceContext } from '../context';
import { startFakePlatform, type FakePlatform } from '../testing/fakePlatform';
import { makeContext, tempDir } from '../testing/fixtures';
import { engineFor, outboxStates, queueCases } from '../testing/syncFixtures';

const tmp = tempDir('nin1-sync-');
afterAll(() => tmp.cleanup());

let platform: FakePlatform;
let ctx: ServiceContext;
let n = 0;
beforeEach(async () => {
  platform = await startFakePlatform();
  ctx = makeContext(tmp.file(`engine-${n++}.sqlite`));
});
afterEach(async () => {
  await platform.close();
  ctx.db.close();
});

const statuses = () => ctx.db.prepare('SELECT status, COUNT(*) AS n FROM notifications GROUP BY status').all();
const seqOrder = () => ctx.db.prepare('SELECT notification_id FROM outbox ORDER BY seq').pluck().all() as string[];

describe('drain', () => {
  it('sends the outbox FIFO by local seq in batches and records each ack as an event', async () => {
    queueCases(ctx, 24); // 120 notifications
    const engine = engineFor(ctx, platform.url, { batchSize: 50 });
    const report = await engine.syncOnce('test');
    expect(report).toMatchObject({ sent: 120, delivered: 120, failed: 0, remaining: 0, error: null });
    expect(platform.submits.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(platform.submits.flat()).toEqual(seqOrder());
    expect(outboxStates(ctx)).toEqual({ done: 120 });
    expect(statuses()).toEqual([{ status: 'delivered', n: 120 }]);
    // Acks commit without an fsync (losing one only means a duplicate resend); case saves keep FULL.
    expect(ctx.db.pragma('synchronous', { simple: true })).toBe(2);
    const events = ctx.db.prepare("SELECT status FROM notification_events WHERE notification_id = ? ORDER BY id").pluck().all(seqOrder()[0]);
    expect(events).toEqual(['queued', 'delivered']);
    // Every request carried the credential and its own request id.
    expect(platform.requests.every((r) => r.auth === 'Bearer test-token' && /^[0-9a-f-]{36}$/.test(r.requestId ?? ''))).toBe(true);
    expect(new Set(platform.requests.map((r) => r.requestId)).size).toBe(platform.requests.length);
  });

  it('fails a rejected item with the reason and never lets it block the rest', async () => {
    platform.rejectItems.add('N04');
    queueCases(ctx, 3);
    const report = await engineFor(ctx, platform.url).syncOnce('test');
    expect(report).toMatchObject({ sent: 15, delivered: 12, failed: 3, remaining: 0 });
    const failed = ctx.db.prepare("SELECT item_code, status, status_reason FROM notifications WHERE status = 'failed'").all() as { item_code: string; status_reason: string }[];
    expect(failed.map((f) => f.item_code)).toEqual(['N04', 'N04', 'N04']);
    expect(failed[0]!.status_reason).toContain('未知的通報／檢證項目代碼（ITEM_UNKNOWN）');
    expect(outboxStates(ctx)).toEqual({ done: 12, failed: 3 });
    const status = engineFor(ctx, platform.url).status();
    expect(status.failedCount).toBe(3);
    expect(status.failed[0]).toMatchObject({ itemCode: 'N04', reason: expect.stringContaining('平台退回') });
  });

  it('isolates a row the platform refuses with a batch-level 4xx by halving the batch', async () => {
    queueCases(ctx, 4); // 20
    const poison = seqOrder()[13]!;
    platform.poisonIds.add(poison);
    const report = await engineFor(ctx, platform.url, { batchSize: 20 }).syncOnce('test');
    expect(report).toMatchObject({ delivered: 19, failed: 1, remaining: 0 });
    expect(ctx.db.prepare('SELECT status FROM notifications WHERE id = ?').pluck().get(poison)).toBe('failed');
    expect(platform.stored.size).toBe(19);
  });

  it('a lost acknowledgement is harmless: the resend is answered duplicate and nothing is stored twice', async () => {
    queueCases(ctx, 2);
    const engine = engineFor(ctx, platform.url);
    platform.misbehave('drop-ack');
    const first = await engine.syncOnce('test');
    expect(first.error?.code).toBe('PLATFORM_UNREACHABLE');
    expect(platform.stored.size).toBe(10);
    expect(outboxStates(ctx)).toEqual({ pending: 10 });
    platform.misbehave('none');
    const second = await engine.syncOnce('retry', { force: true });
    expect(second).toMatchObject({ sent: 10, delivered: 10, remaining: 0, error: null });
    expect(platform.stored.size).toBe(10);
    const reasons = ctx.db.prepare("SELECT DISTINCT reason FROM notification_events WHERE status = 'delivered'").pluck().all();
    expect(reasons).toEqual(['平台先前已收到（重送確認）']);
  });
});

describe('misbehaving platform: backs off, reports, keeps its state', () => {
  it.each([
    ['500', 'INTERNAL'],
    ['hang', 'PLATFORM_TIMEOUT'],
    ['close', 'PLATFORM_UNREACHABLE'],
    ['invalid-json', 'PLATFORM_INVALID_JSON'],
    ['wrong-shape', 'PLATFORM_WRONG_SHAPE'],
  ] as const)('answer %s → error %s, rows pending with a persisted retry time', async (mode, code) => {
    queueCases(ctx, 2);
    const engine = engineFor(ctx, platform.url, { requestTimeoutMs: 300 });
    platform.misbehave(mode);
    const report = await engine.syncOnce('test');
    expect(report).toMatchObject({ sent: 0, delivered: 0, failed: 0, remaining: 10 });
    expect(report.error?.code).toBe(code);
    expect(report.error?.message).toMatch(/[\u4e00-\u9fff]/);
    const rows = ctx.db.prepare('SELECT state, attempts, next_attempt_at, last_error FROM outbox').all() as { state: string; attempts: number; next_attempt_at: string | null; last_error: string }[];
    expect(rows.every((r) => r.state === 'pending' && r.attempts === 1 && r.next_attempt_at !== null && r.last_error.length > 0)).toBe(true);
    expect(statuses()).toEqual([{ status: 'queued', n: 10 }]);
    const status = engine.status();
    expect(status).toMatchObject({ online: false, queued: 10, lastError: { code } });
    expect(status.nextAttemptAt).not.toBeNull();

    // Within the backoff window a normal run waits; it does not hammer the platform.
    const before = platform.requests.length;
    const waiting = await engine.syncOnce('timer');
    expect(waiting.sent).toBe(0);
    expect(platform.requests.length - before).toBeLessThanOrEqual(1); // at most the pull

    platform.misbehave('none');
    const healed = await engine.syncOnce('retry', { force: true });
    expect(healed).toMatchObject({ sent: 10, delivered: 10, remaining: 0, error: null });
    expect(engine.status()).toMatchObject({ online: true, lastError: null, queued: 0 });
    expect(platform.stored.size).toBe(10);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
  });

  it('a platform that is not there at all: offline, nothing lost', async () => {
    queueCases(ctx, 1);
    await platform.close();
    const engine = engineFor(ctx, platform.url);
    const report = await engine.syncOnce('test');
    expect(report).toMatchObject({ sent: 0, remaining: 5, error: { code: 'PLATFORM_UNREACHABLE' } });
    expect(report.error?.message).toContain('連線被拒絕');
    expect(engine.status().online).toBe(false);
    platform = await startFakePlatform(); // afterEach closes it
  });

  it('backoff grows with each failed attempt of the head row and is capped', async () => {
    queueCases(ctx, 1);
    const engine = engineFor(ctx, platform.url, { backoff: { baseMs: 1000, maxMs: 8000, random: () => 1 } });
    platform.misbehave('500');
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await engine.syncOnce('test', { force: true });
      const next = ctx.db.prepare("SELECT next_attempt_at FROM outbox ORDER BY seq LIMIT 1").pluck().get() as string;
      waits.push(Date.parse(next) - ctx.clock.now().getTime());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});

describe('guards and cancel', () => {
  it('two overlapping syncs share one run (no batch sent twice)', async () => {
    queueCases(ctx, 4);
    const engine = engineFor(ctx, platform.url, { batchSize: 5 });
    const [a, b] = await Promise.all([engine.syncOnce('one'), engine.syncOnce('two')]);
    expect(a).toBe(b);
    expect(platform.submits.flat().length).toBe(20);
    expect(new Set(platform.submits.flat()).size).toBe(20);
  });

  it('stop() cancels a request that hangs and leaves the rows pending', async () => {
    queueCases(ctx, 1);
    const engine = engineFor(ctx, platform.url, { requestTimeoutMs: 30_000 });
    platform.misbehave('hang');
    const run = engine.syncOnce('test');
    await new Promise((r) => setTimeout(r, 100));
    const t = Date.now();
    await engine.stop();
    const report = await run;
    expect(Date.now() - t).toBeLessThan(1000);
    expect(report.error?.code).toBe('SYNC_CANCELLED');
    expect(outboxStates(ctx)).toEqual({ pending: 5 });
  });
});

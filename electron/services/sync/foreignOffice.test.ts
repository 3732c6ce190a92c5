import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { ensureOffice } from '../auth/users';
import type { ServiceContext } from '../context';
import { startFaultyEdge, type FaultyEdge } from '../testing/faultyEdge';
import { makeContext, tempDir } from '../testing/fixtures';
import { engineFor, outboxStates, queueCases } from '../testing/syncFixtures';

/**
 * Issue 17 finding 6: rows of another office (10 FS01 rows saved before this workstation was
 * enrolled as FS02) used to stop the whole queue with FORBIDDEN "enrol again". Each foreign row now
 * fails alone with the platform's reason and the FS02 rows behind it are delivered — whether the
 * platform refuses the whole batch with a 403 naming the envelope (release 0.1.0) or rejects per item.
 */
const tmp = tempDir('nin1-sync-foreign-');
afterAll(() => tmp.cleanup());

let platform: TestPlatform;
let edge: FaultyEdge | null = null;
let ctx: ServiceContext;
let n = 0;
beforeEach(async () => {
  platform = await startTestPlatform();
  ctx = makeContext(tmp.file(`foreign-${n++}.sqlite`));
});
afterEach(async () => {
  await edge?.close();
  edge = null;
  await platform.close();
  ctx.db.close();
});

/** 10 FS01 rows, then 15 FS02 rows; returns the counter as the FS02 workstation sees itself. */
function mixedQueue(): ServiceContext {
  queueCases(ctx, 2);
  ensureOffice(ctx.db, 'FS02', '高雄市鳳山區第二戶政事務所');
  const fs02 = { ...ctx, config: { ...ctx.config, officeCode: 'FS02', workstationId: 'FS02-W01' } };
  queueCases(fs02, 3);
  return fs02;
}

async function expectForeignRowsFailedAlone(fs02: ServiceContext, url: string): Promise<void> {
  const token = await platform.workstationToken('FS02', 'FS02-W01');
  const report = await engineFor(fs02, url, {}, { token }).syncOnce('test');
  expect(report).toMatchObject({ delivered: 15, failed: 10, remaining: 0, error: null });
  expect(outboxStates(ctx)).toEqual({ done: 15, failed: 10 });
  const failed = ctx.db.prepare("SELECT DISTINCT c.office_code FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.status = 'failed'").pluck().all();
  expect(failed).toEqual(['FS01']);
  const reasons = ctx.db.prepare("SELECT DISTINCT status_reason FROM notifications WHERE status = 'failed'").pluck().all() as string[];
  expect(reasons.every((r) => r.includes('FS02') && r.includes('FS01'))).toBe(true); // names both offices, not "enrol again"
}

describe('rows of another office', () => {
  it('finding 6: one row of another office does not block the queue (platform refuses the batch with a 403 naming the row)', async () => {
    const fs02 = mixedQueue();
    // As platform release 0.1.0 answered: the first foreign envelope refuses the whole batch.
    edge = await startFaultyEdge(platform.url, (envelopes) => {
      const i = envelopes.findIndex((e) => e.officeCode !== 'FS02');
      if (i < 0) return null;
      return { status: 403, body: { error: { code: 'FORBIDDEN', message: `工作站屬於「FS02」，不能代「${envelopes[i]!.officeCode}」送件`, path: `notifications[${i}].officeCode` } } };
    });
    await expectForeignRowsFailedAlone(fs02, edge.url);
  });

  it('finding 6: one row of another office does not block the queue (the real platform as it is)', async () => {
    await expectForeignRowsFailedAlone(mixedQueue(), platform.url);
  });

  it('a 403 that names no envelope is about the credential: the run stops and no row is failed', async () => {
    const fs02 = mixedQueue();
    edge = await startFaultyEdge(platform.url, () => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: '此憑證不能送件' } } }));
    const token = await platform.workstationToken('FS02', 'FS02-W01');
    const report = await engineFor(fs02, edge.url, {}, { token }).syncOnce('test');
    expect(report).toMatchObject({ delivered: 0, failed: 0, remaining: 25, error: { code: 'FORBIDDEN' } });
    expect(outboxStates(ctx)).toEqual({ pending: 25 });
    expect(edge.submits.length).toBe(1);
  });
});

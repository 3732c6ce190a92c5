import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { Actor, ServiceContext } from '../context';
import type { SyncEngine } from '../sync/engine';
import { makeContext, moveDraft, tempDir } from '../testing/fixtures';
import { engineFor, queueCases } from '../testing/syncFixtures';
import { reissueProgressCode } from './reissue';
import { progressCodeOf } from './store';

/** Reissue against a real platform: the new record travels on a resend the platform answers `duplicate`. */
const tmp = tempDir('nin1-reissue-');
let platform: TestPlatform;
let ctx: ServiceContext;
let engine: SyncEngine;
let actor: Actor;

beforeAll(async () => {
  platform = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  queueCases(ctx, 1, moveDraft());
  const id = ctx.db.prepare("SELECT id FROM users WHERE username = 'clerk'").pluck().get() as number;
  actor = { user: { id, username: 'clerk', displayName: '王怡君', role: 'counter_clerk', officeCode: 'FS01' }, workstation: 'FS01-W01', ip: null };
  engine = engineFor(ctx, platform.url, {}, { token: await platform.workstationToken() });
});
afterAll(async () => {
  ctx.db.close();
  await platform.close();
  tmp.cleanup();
});

const caseIdOf = (caseNo: string) => ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
const codeOf = (caseNo: string) => progressCodeOf(ctx.db, caseIdOf(caseNo))!.code;
const lookup = async (caseNo: string, code: string) => (await platform.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo, code }) })).status;
const sync = () => engine.syncOnce('test', { force: true, pull: false });

describe('reissuing the progress code', () => {
  it('after the case went out: old code stops working, new one works, nothing stored twice, no status moves', async () => {
    expect((await sync()).delivered).toBe(5);
    const caseNo = ctx.db.prepare('SELECT case_no FROM cases').pluck().get() as string;
    const old = codeOf(caseNo);
    expect(await lookup(caseNo, old)).toBe(200);
    const events = ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get();

    const r = reissueProgressCode(ctx, actor, caseNo);
    expect(r).toEqual({ caseNo, issue: 2, resent: true });
    const fresh = codeOf(caseNo);
    expect(fresh).not.toBe(old);
    const audit = ctx.db.prepare("SELECT actor, detail FROM audit WHERE action = 'case.progress.reissue'").all() as { actor: string; detail: string }[];
    expect(audit).toEqual([{ actor: 'clerk', detail: JSON.stringify({ issue: 2, resent: true }) }]);
    expect(JSON.stringify(audit)).not.toContain(fresh);

    const report = await sync();
    expect([report.sent, report.remaining, report.failed]).toEqual([1, 0, 0]);
    expect(await lookup(caseNo, old)).toBe(404);
    expect(await lookup(caseNo, fresh)).toBe(200);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get()).toBe(events);
    expect((await platform.store.counts()).notifications).toBe(5);
  });

  it('while the case is still queued: the pending envelopes carry the new record, nothing re-queued', async () => {
    queueCases(ctx, 1, moveDraft());
    const caseNo = ctx.db.prepare('SELECT case_no FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
    expect(reissueProgressCode(ctx, actor, caseNo)).toEqual({ caseNo, issue: 2, resent: false });
    expect((await sync()).delivered).toBe(5);
    expect(await lookup(caseNo, codeOf(caseNo))).toBe(200);
  });

  it('a case saved before codes existed gets its first code that way', async () => {
    queueCases(ctx, 1, moveDraft());
    await sync();
    const caseNo = ctx.db.prepare('SELECT case_no FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
    ctx.db.prepare('DELETE FROM case_progress_codes WHERE case_id = ?').run(caseIdOf(caseNo));
    // (the platform got a record with the first sync; a real pre-006 case would have none)
    expect(reissueProgressCode(ctx, actor, caseNo)).toMatchObject({ issue: 1, resent: true });
    await sync();
    expect(await platform.store.progressRecord(caseNo)).toMatchObject({ issue: 1 });
  });

  it('an unknown case: typed refusal, nothing written', () => {
    const audit = ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get();
    expect(() => reissueProgressCode(ctx, actor, 'FS01-1151126-9999')).toThrow(/查無案件/);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(audit);
  });
});

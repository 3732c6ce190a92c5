import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { createCase } from '../cases/createCase';
import { recordConsentException } from '../consent/exceptions';
import type { Actor, ServiceContext } from '../context';
import { createPlatformClient } from '../platform-client/client';
import type { SyncEngine } from '../sync/engine';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { engineFor } from '../testing/syncFixtures';
import { anyUnregistered, registrationOf, unregisteredCases } from './register';
import { reissueProgressCode } from './reissue';
import { progressCodeOf } from './store';

/**
 * Issue 13, last finding, over the real platform on loopback: a case whose notifications wait for
 * the signed consent scan is registered with the platform by the sync engine's drain, so the
 * receipt's code answers 已受理，待送出 per item the same day; a wrong code and an unknown case
 * still get the identical answer.
 */
const tmp = tempDir('nin1-progress-register-');
let platform: TestPlatform;
let ctx: ServiceContext;
let actor: Actor;
let engine: SyncEngine;

beforeAll(async () => {
  platform = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  actor = seedClerk(ctx);
  engine = engineFor(ctx, platform.url, {}, { token: await platform.workstationToken() });
});
afterAll(async () => {
  ctx.db.close();
  await platform.close();
  tmp.cleanup();
});

type Answer = { status: number; body: unknown };
const lookup = async (caseNo: string, code: string): Promise<Answer> => {
  const r = await platform.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo, code }) });
  return { status: r.status, body: r.body };
};
const codeOf = (caseNo: string) => progressCodeOf(ctx.db, ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number)!.code;
const labels = (a: Answer) => (a.body as { items: { statusLabel: string; status: string }[] }).items.map((i) => i.statusLabel);
/** A code that is well formed and not this case's. */
const wrong = (code: string) => (code[0] === 'A' ? 'B' : 'A') + code.slice(1);

describe('a case held for consent is found by its receipt the same day', () => {
  it('finding: the receipt lookup the same day answers 已受理，待送出 per item while notifications wait for the signed consent; wrong code and unknown case answer identically', async () => {
    const { caseNo } = createCase(ctx, actor, moveDraft());
    const code = codeOf(caseNo);
    // Saving never waited for the network: the record is only marked to register.
    expect(anyUnregistered(ctx.db)).toBe(true);
    const before = await lookup(caseNo, code);
    expect(before.status).toBe(404);

    const report = await engine.syncOnce('test', { force: true, pull: false });
    expect(report).toMatchObject({ sent: 0, delivered: 0, error: null }); // every notification waits for consent
    expect(anyUnregistered(ctx.db)).toBe(false);
    expect((await platform.store.counts()).notifications).toBe(0);

    const found = await lookup(caseNo, code);
    expect(found.status).toBe(200);
    expect(labels(found)).toEqual(Array(5).fill('已受理，待送出'));
    const text = JSON.stringify(found.body);
    const draft = moveDraft();
    for (const secret of [draft.person.id, draft.person.name, draft.newAddress, draft.oldAddress]) expect(text).not.toContain(secret);

    // Wrong code and unknown case: the same status and the same body, byte for byte.
    const wrongCode = await lookup(caseNo, wrong(code));
    const unknownCase = await lookup(caseNo.replace(/\d{4}$/, '9999'), code);
    expect(wrongCode.status).toBe(404);
    expect(unknownCase).toEqual(wrongCode);
    expect(before).toEqual(wrongCode);

    // The signed consent arrives: the notifications go, and the lookup shows their real status in the same places.
    const agencies = [...new Set(ctx.db.prepare('SELECT receiver_agency FROM notifications').pluck().all() as string[])];
    for (const a of agencies) recordConsentException(ctx, actor, caseNo, a, '測試：簽名同意書另行歸檔');
    expect((await engine.syncOnce('test', { force: true, pull: false })).delivered).toBe(5);
    expect(labels(await lookup(caseNo, code))).toEqual(Array(5).fill('已送達'));
  });

  it('a reissued code registers again (once per issue); the old code stops answering', async () => {
    const { caseNo } = createCase(ctx, actor, moveDraft());
    const old = codeOf(caseNo);
    await engine.syncOnce('test', { force: true, pull: false });
    expect((await lookup(caseNo, old)).status).toBe(200);

    reissueProgressCode(ctx, actor, caseNo);
    expect(unregisteredCases(ctx.db, 10).map((r) => [r.case_no, r.issue])).toEqual([[caseNo, 2]]);
    await engine.syncOnce('test', { force: true, pull: false });
    expect(anyUnregistered(ctx.db)).toBe(false);
    expect((await lookup(caseNo, old)).status).toBe(404);
    expect(labels(await lookup(caseNo, codeOf(caseNo)))).toEqual(Array(5).fill('已受理，待送出'));
  });

  it('another office cannot register a case number of FS01: one fixed refusal, nothing stored; a re-post is idempotent', async () => {
    const { caseNo } = createCase(ctx, actor, moveDraft());
    const row = unregisteredCases(ctx.db, 10).find((r) => r.case_no === caseNo)!;
    const record = registrationOf(ctx.db, row);
    const foreign = createPlatformClient({ baseUrl: platform.url, token: await platform.workstationToken('FS02', 'FS02-W01', 'KH-HR-FS') });
    const refused = await foreign.call('registerProgress', { body: { records: [record] } });
    expect(refused.results).toEqual([{ caseNo, outcome: 'rejected', error: { code: 'OFFICE_MISMATCH', message: expect.stringContaining('案件編號不屬於此工作站的戶所'), path: 'records[0].caseNo' } }]);
    expect(JSON.stringify(refused)).not.toMatch(/查無|已存在|exists/);
    expect((await lookup(caseNo, codeOf(caseNo))).status).toBe(404);

    const own = createPlatformClient({ baseUrl: platform.url, token: await platform.workstationToken() });
    for (let i = 0; i < 2; i++) expect((await own.call('registerProgress', { body: { records: [record] } })).results).toEqual([{ caseNo, outcome: 'registered' }]);
    expect(labels(await lookup(caseNo, codeOf(caseNo)))).toHaveLength(5);
  });
});

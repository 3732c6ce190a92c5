import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { n04LandEnvelope } from '../../../platform/testing/envelopes';
import { createCase } from '../cases/createCase';
import type { ServiceContext } from '../context';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { applyChanges } from './changes';

const tmp = tempDir('nin1-transfer-');
let platform: TestPlatform;
let ctx: ServiceContext;
beforeAll(async () => {
  platform = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
});
afterAll(async () => {
  ctx.db.close();
  await platform.close();
  tmp.cleanup();
});

/** Saves a 遷徙 case at the counter and puts its N04 on the real platform under the same id and case number. */
async function deliveredN04(): Promise<{ id: string; caseNo: string; ws: string }> {
  const { caseNo } = createCase(ctx, seedClerk(ctx, `clerk${Date.now()}`), moveDraft());
  const id = ctx.db.prepare("SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ? AND n.item_code = 'N04'").pluck().get(caseNo) as string;
  const ws = await platform.workstationToken();
  const r = await platform.http.call('submitNotifications', { body: { notifications: [n04LandEnvelope({ id, caseNo })] } }, ws);
  expect(r.body.results[0]!.outcome).toBe('accepted');
  return { id, caseNo, ws };
}

const pull = async (ws: string) => {
  const page = (await platform.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0 } }, ws)).body;
  return applyChanges(ctx.db, page.changes, page.nextCursor, new Date().toISOString());
};

describe('the counter follows a transfer (issue 14 §1)', () => {
  it('finding 2: a pulled transfer moves the case notification to the new office and is in its event history', async () => {
    const { id, ws } = await deliveredN04();
    const agency = await platform.agencyToken('KH-LAND-FS');
    await platform.http.call('notificationAction', { params: { id }, body: { action: 'transfer', to: 'KH-LAND-GANGSHAN', reason: '土地位於岡山區' } }, agency);
    await pull(ws);
    expect(ctx.db.prepare('SELECT receiver_agency, status FROM notifications WHERE id = ?').get(id)).toEqual({ receiver_agency: 'KH-LAND-GANGSHAN', status: 'delivered' });
    const events = ctx.db.prepare('SELECT status, reason FROM notification_events WHERE notification_id = ? ORDER BY id').all(id);
    expect(events).toContainEqual({ status: 'delivered', reason: '改分：土地位於岡山區' });
    // Pulled again (cursor lost): nothing is written twice.
    const before = ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get();
    await pull(ws);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM notification_events').pluck().get()).toBe(before);
  });
});

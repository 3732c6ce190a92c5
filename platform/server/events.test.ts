import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { openSse } from '../testing/sse';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('GET /v1/events (SSE hints)', () => {
  it('tells the receiving agency and the sending office to pull, each only about itself', async () => {
    const ws = await t.workstationToken();
    const otherOffice = await t.workstationToken('FS02', 'FS02-W01');
    const tax = await t.agencyToken('KH-TAX');
    const office = await openSse(`${t.url}/v1/events`, ws);
    const agency = await openSse(`${t.url}/v1/events`, tax);
    const stranger = await openSse(`${t.url}/v1/events`, otherOffice);
    try {
      expect(office.status).toBe(200);
      expect(await office.next('ready')).toEqual({ scope: 'office' });
      expect(await agency.next('ready')).toEqual({ scope: 'inbox' });
      await stranger.next('ready');

      const [e] = [notificationEnvelope()];
      await t.http.call('submitNotifications', { body: { notifications: [e!] } }, ws);
      expect(await agency.next('changed')).toEqual({ scope: 'inbox', cursor: null });
      expect(await office.next('changed')).toEqual({ scope: 'office', cursor: null });

      const act = await t.http.call('notificationAction', { params: { id: e!.id }, body: { action: 'receive' } }, tax);
      const hint = (await office.next('changed')) as { cursor: number };
      expect(hint.cursor).toBe(act.body.changes[0]!.cursor);
      await expect(stranger.next('changed', 300)).rejects.toThrow(/no SSE event/);
    } finally {
      office.close();
      agency.close();
      stranger.close();
    }
  });

  it('refuses a stream without a valid token', async () => {
    const s = await openSse(`${t.url}/v1/events`, 'nin1.bad.token');
    expect(s.status).toBe(401);
    s.close();
  });
});

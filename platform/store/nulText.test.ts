import { describe, expect, it } from 'vitest';
import { notificationEnvelope } from '../testing/envelopes';
import { driverEngines } from '../testing/driverEngines';
import { startTestPlatform } from '../testing/harness';
import { createSqlStore } from './sqlStore';

/**
 * Issue 14 §5: U+0000 in text answered 500 on PostgreSQL (TEXT cannot hold it) and 200 on SQLite.
 * Refused at the schema (shared/platform/text.ts), the same typed 400 on both, nothing stored.
 */
const engines = await driverEngines('NUL in text');

describe.each(engines)('NUL in text on $name', (engine) => {
  it('finding d: ?office=%00, ?item=%00, a reject reason "a\\u0000b" and a batch period with NUL are a typed 400 and store nothing', async () => {
    const h = await engine.open();
    const t = await startTestPlatform({ store: createSqlStore(h.driver) });
    try {
      const ws = await t.workstationToken();
      const agency = await t.agencyToken('KH-TAX');
      const env = notificationEnvelope();
      expect((await t.http.call('submitNotifications', { body: { notifications: [env] } }, ws)).status).toBe(200);
      const before = await t.store.counts();

      const refused = [
        await t.http.raw('GET', '/v1/stats?office=%00', { token: agency }),
        await t.http.raw('GET', '/v1/stats?item=%00', { token: agency }),
        await t.http.raw('GET', '/v1/agencies/KH-TAX/inbox?item=%00', { token: agency }),
        await t.http.call('notificationAction', { params: { id: env.id }, body: { action: 'reject', reason: 'a\u0000b' } }, agency),
        await t.http.call('notificationAction', { params: { id: env.id }, body: { action: 'complete', note: 'a\u0000b' } }, agency),
        await t.http.call(
          'uploadBatch',
          { body: { receiverAgency: 'KH-TAX', dataset: 'tax.addresses', period: '2026\u000011', fileName: 'a.csv', mime: 'text/csv', contentBase64: Buffer.from('a,b\n').toString('base64') } },
          ws,
        ),
      ];
      for (const r of refused) {
        expect(r.status).toBe(400);
        expect((r.body as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('NUL') });
      }
      const after = await t.store.counts();
      expect({ changes: after.changes, batches: after.batches, audit: after.audit }).toEqual({ changes: before.changes, batches: before.batches, audit: before.audit });
      expect((await t.store.getEntry(env.id))!.status).toBe('delivered');
    } finally {
      await t.close();
      await h.dispose();
    }
  }, 60_000);
});

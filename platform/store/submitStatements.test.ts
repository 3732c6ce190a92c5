import { describe, expect, it } from 'vitest';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import { driverEngines } from '../testing/driverEngines';
import { n04LandEnvelope, notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import type { SqlDriver, SqlExec } from './sql';
import { createSqlStore } from './sqlStore';

/**
 * What made platform-ingest-postgres regress (8.1 s for 10,000; budget 5 s): statements per
 * envelope inside the submit transaction (a message-log look-up and insert each, a progress upsert
 * per case, rollups read back per part). On PostgreSQL each statement is a round trip while the
 * writers' lock is held, so a batch of 500 must stay a handful of multi-row statements whatever
 * its envelopes carry. Counted, not timed (timings live in bench/platformIngest.ts).
 */
const engines = await driverEngines('submit statements');

/** The real driver, counting the statements run inside its write transactions. */
function counting(driver: SqlDriver): { driver: SqlDriver; count(): number } {
  let n = 0;
  const counted = (q: SqlExec): SqlExec => ({
    all: (sql, params) => (n++, q.all(sql, params)),
    get: (sql, params) => (n++, q.get(sql, params)),
    run: (sql, params) => (n++, q.run(sql, params)),
  });
  return {
    count: () => n,
    driver: {
      dialect: driver.dialect,
      all: (sql, params) => driver.all(sql, params),
      get: (sql, params) => driver.get(sql, params),
      run: (sql, params) => driver.run(sql, params),
      tx: (fn) => driver.tx((q) => fn(counted(q))),
      auditTx: (fn) => driver.auditTx((q) => fn(counted(q))),
      ping: () => driver.ping(),
      close: () => driver.close(),
    },
  };
}

const progress = (c: number) => ({ alg: 'hmac-sha256-v1' as const, salt: 's'.repeat(22), hash: String(c % 10).repeat(43), issue: 1 + (c % 3) });

/** 500 envelopes as counters send them: cases of several items with their progress record, 檢證 requests with alert mails, several agencies. */
function batch(): NotificationEnvelope[] {
  return Array.from({ length: 500 }, (_, i) => {
    const c = Math.floor(i / 4);
    const over = { caseNo: `FS01-1151204-${String(c).padStart(4, '0')}`, progress: progress(c) };
    return i % 4 === 0 ? verificationEnvelope(over) : i % 4 === 1 ? n04LandEnvelope(over) : notificationEnvelope(over);
  });
}

describe.each(engines)('a submit of 500 envelopes on $name', (engine) => {
  it('is a handful of statements, accepted or resent, each envelope logged once', async () => {
    const h = await engine.open();
    const c = counting(h.driver);
    const store = createSqlStore(c.driver);
    try {
      const envs = batch();
      const items = envs.map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64), message: { id: envelope.id, hash: 'a'.repeat(64), body: JSON.stringify(envelope), notificationId: envelope.id } }));
      const mails = envs.filter((e) => e.kind === 'verification').map((e) => ({ notificationId: e.id, to: 'verify@kh-tax.example.gov.tw', subject: 's', body: 'b' }));
      const audit = { at: new Date().toISOString(), actor: 'test', action: 'notifications.submit' };

      const first = await store.submit('FS01', items, mails, 'w', new Date(), audit);
      expect(first.every((r) => r.outcome === 'accepted')).toBe(true);
      const accepting = c.count();
      const again = await store.submit('FS01', items, mails, 'w', new Date(), audit);
      expect(again.every((r) => r.outcome === 'duplicate')).toBe(true);
      const resending = c.count() - accepting;

      // 14 and 7 today (per envelope or per case it would be hundreds); room for a few more, not for a loop.
      expect(accepting).toBeLessThanOrEqual(20);
      expect(resending).toBeLessThanOrEqual(20);
      expect(await store.counts()).toMatchObject({ notifications: 500, changes: 500, mails: 125 });
      expect((await store.evidenceLog.head()).seq).toBe(500);
    } finally {
      await store.close();
      await h.dispose();
    }
  });
});

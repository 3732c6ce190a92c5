import { describe, expect, it } from 'vitest';
import { percentile } from '../../shared/stats/percentile';
import { decide } from '../notifications/lifecycle';
import { ATTACH_MAIL_SQL } from '../overdue/repo';
import { purgeChangesSql } from '../retention/repo';
import { driverEngines } from '../testing/driverEngines';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';
import type { SqlDriver, SqlValue } from './sql';
import { createSqlStore } from './sqlStore';
import { turnaroundSql, whereOf } from './statsRepo';

/**
 * Issue 14 §5, "missing indexes at county size": the plans of the queries that scanned whole tables
 * at 220k notifications / 381k changes, and the turnaround statistics aggregated by the database.
 */
const engines = await driverEngines('county-size query plans');

/** The plan as text. On PostgreSQL with sequential scans priced out, so a small test table still shows whether an index can serve the query. */
async function plan(db: SqlDriver, sql: string, params: SqlValue[]): Promise<string> {
  if (db.dialect === 'sqlite') return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join('\n');
  return db.tx(async (q) => {
    await q.run('SET LOCAL enable_seqscan = off');
    return (await q.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n');
  });
}

const audit = { at: '2026-11-26T02:30:00.000Z', actor: 'test', action: 'test' };
const NOW = new Date('2026-11-26T02:30:00.000Z');

describe.each(engines)('county-size query plans on $name', (engine) => {
  it('finding e: the retention purge finds a notification\'s changes by index, not by scanning changes', async () => {
    const h = await engine.open();
    try {
      const p = await plan(h.driver, purgeChangesSql(2), ['a', 'b']);
      expect(p).toMatch(/changes_notification/);
      expect(p).not.toMatch(/Seq Scan on changes|^SCAN changes/m);
    } finally {
      await h.driver.close();
      await h.dispose();
    }
  });

  it('finding e: the overdue reminder finds an agency\'s claims of the day by index, not by scanning overdue_reminders', async () => {
    const h = await engine.open();
    try {
      const p = await plan(h.driver, ATTACH_MAIL_SQL, [1, '2026-11-26', 'KH-TAX']);
      expect(p).toMatch(/overdue_reminders_day_agency/);
      expect(p).not.toMatch(/Seq Scan on overdue_reminders|^SCAN overdue_reminders/m);
    } finally {
      await h.driver.close();
      await h.dispose();
    }
  });

  it('finding e: turnaround median and p90 come out of the database, two rows per agency, equal to the nearest-rank definition', async () => {
    const h = await engine.open();
    const s = createSqlStore(h.driver);
    try {
      const envs = [...Array.from({ length: 25 }, () => notificationEnvelope()), ...Array.from({ length: 7 }, () => n04LandEnvelope())];
      await s.submit('FS01', envs.map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64) })), [], 'w', NOW, audit);
      for (const [i, e] of envs.entries()) {
        const opened = new Date(NOW.getTime() + ((i * 7919) % 97) * 60_000);
        await s.transition(e.id, (st) => decide({ action: 'receive' }, st, e.receiverAgency), 'a', opened, audit);
        if (i % 3 !== 0) await s.transition(e.id, (st) => decide({ action: 'complete' }, st, e.receiverAgency), 'a', new Date(opened.getTime() + ((i * 104729) % 13) * 3_600_000), audit);
      }

      const t = turnaroundSql(h.driver.dialect, whereOf({ groupBy: [] }));
      expect(await h.driver.all(t.sql, t.params)).toHaveLength(4); // 2 agencies × (received, closed), not 32 + 21 spans

      const spans = await h.driver.all<{ agency: string; received: number; closed: number | null }>(
        'SELECT receiver_agency AS agency, received_ms - delivered_ms AS received, closed_ms - delivered_ms AS closed FROM notifications',
      );
      const expected = ['KH-LAND-FS', 'KH-TAX'].map((agency) => {
        const mine = spans.filter((r) => r.agency === agency);
        const sum = (xs: number[]) => ({ n: xs.length, medianS: percentile(xs, 50) / 1000, p90S: percentile(xs, 90) / 1000 });
        return { agency, received: sum(mine.map((r) => Number(r.received))), closed: sum(mine.filter((r) => r.closed !== null).map((r) => Number(r.closed))) };
      });
      expect((await s.stats({ groupBy: ['agency'] })).timings).toEqual(expected);
    } finally {
      await s.close();
      await h.dispose();
    }
  }, 60_000);

  it('platform-stats-5m: the statistics aggregates are never JIT-compiled on PostgreSQL (compiling cost up to 2 s a query at 5,000,000 rows, for no gain)', async () => {
    if (engine.name !== 'postgres') return;
    const h = await engine.open();
    try {
      expect(await h.driver.get('SHOW jit')).toEqual({ jit: 'off' });
    } finally {
      await h.driver.close();
      await h.dispose();
    }
  });
});

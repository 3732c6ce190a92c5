import { describe, expect, it } from 'vitest';
import type { StatsResponse } from '../../shared/platform/stats';
import { decide, decideSupplementAnswer } from '../notifications/lifecycle';
import { driverEngines } from '../testing/driverEngines';
import { n04LandEnvelope, notificationEnvelope, verificationEnvelope } from '../testing/envelopes';
import { statsByDefinition } from '../testing/statsReference';
import { STATS_ROLLUP_TABLES, STATS_ROLLUPS_BACKFILL } from './migrations/statsRollups';
import type { StatsFilter } from './repository';
import type { SqlDriver } from './sql';
import { MAX_RELATIVE_ERROR } from './statsBuckets';
import { statsIn } from './statsRepo';
import { createSqlStore } from './sqlStore';

/**
 * Issue 14 §4: the statistics read rollups kept by the write path. Random lifecycle writes over four
 * months (submits, 簽收, 完成, 退回, 改分, 補件 and answers, in an order that opens the months'
 * histogram slices out of order), then every filter below answered from the rollups equals the
 * answer by definition (platform/testing/statsReference.ts): counts and referrals exactly, timings
 * exactly on this small population, and within 1 % from the histograms when those are forced.
 * Rebuilding the rollups with migration 14's back-fill gives the same answers.
 */
const engines = await driverEngines('statistics rollups');
const audit = { at: '2026-11-26T02:30:00.000Z', actor: 'test', action: 'test' };
const LAND = ['KH-LAND-FS', 'KH-LAND-GS', 'KH-LAND-XZ'];
const kindOf = (code: string) => (code.startsWith('KH-LAND') ? 'land' : code === 'KH-TAX' ? 'tax' : undefined);

/** Deterministic pseudo-random numbers (a test that fails must fail the same way again). */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 48271) % 2147483647) / 2147483647);
}

const FILTERS: StatsFilter[] = [
  { groupBy: ['item', 'agency', 'office', 'day', 'status'] },
  { groupBy: ['item'] },
  { groupBy: ['agency', 'status'] },
  { groupBy: ['day'], from: '2026-09-01', to: '2026-10-31' },
  { groupBy: ['day'], agency: 'KH-TAX', from: '2026-08-20', to: '2026-11-10' },
  { groupBy: ['item', 'office'], from: '2026-08-31', to: '2026-11-02' },
  { groupBy: ['agency'], from: '2026-09-15', to: '2026-09-20' },
  { groupBy: ['status'], office: 'FS02' },
  { groupBy: ['agency', 'day'], item: 'N04', to: '2026-10-15' },
  { groupBy: ['status'], kind: 'verification', from: '2026-10-01' },
  { groupBy: ['agency'], agency: 'KH-LAND-GS' },
  { groupBy: ['agency'], from: '2026-11-30', to: '2026-08-01' },
];

async function answers(db: SqlDriver, exactUpTo?: number): Promise<StatsResponse[]> {
  const out: StatsResponse[] = [];
  for (const f of FILTERS) out.push(await statsIn(db, f, exactUpTo === undefined ? {} : { exactUpTo }));
  return out;
}

describe.each(engines)('statistics rollups on $name', (engine) => {
  it('random writes: every filter answers from the rollups what the rows say by definition; histograms within 1 %; the back-fill rebuilds the same', async () => {
    const h = await engine.open();
    const s = createSqlStore(h.driver);
    try {
      const random = rng(20261126);
      const days = ['2026-08-31T03:00:00Z', '2026-09-15T20:00:00Z', '2026-10-01T01:00:00Z', '2026-10-31T17:30:00Z', '2026-11-20T02:00:00Z'];
      const made: { id: string; office: string; agency: string; at: number }[] = [];
      for (const [i, at] of days.entries()) {
        const envs = Array.from({ length: 14 }, (_, j) => {
          const officeCode = (i + j) % 3 === 0 ? 'FS02' : 'FS01';
          const over = { officeCode, workstationId: `${officeCode}-W01` };
          return j % 3 === 0 ? n04LandEnvelope(over) : j % 3 === 1 ? notificationEnvelope(over) : verificationEnvelope(over);
        });
        for (const office of ['FS01', 'FS02']) {
          const mine = envs.filter((e) => e.officeCode === office);
          await s.submit(office, mine.map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64) })), [], 'w', new Date(at), audit);
        }
        made.push(...envs.map((e) => ({ id: e.id, office: e.officeCode, agency: e.receiverAgency, at: Date.parse(at) })));
      }
      // Newest first, so older months' slices are opened after newer ones (the copy-from-before path).
      const order = [...made].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
      let clock = Date.parse('2026-11-21T00:00:00Z');
      for (let round = 0; round < 3; round++) {
        for (const m of order) {
          const now = new Date((clock += Math.round(60_000 + random() * 40 * 3_600_000)));
          const r = random();
          const agency = m.agency;
          if (r < 0.3) await s.transition(m.id, (st) => decide({ action: 'receive' }, st, agency), 'a', now, audit);
          else if (r < 0.45) await s.transition(m.id, (st) => decide({ action: 'complete' }, st, agency), 'a', now, audit);
          else if (r < 0.5) await s.transition(m.id, (st) => decide({ action: 'answer', answer: { found: true, text: '相符' } }, st, agency), 'a', now, audit);
          else if (r < 0.6) await s.transition(m.id, (st) => decide({ action: 'reject', reason: '資料不符' }, st, agency), 'a', now, audit);
          else if (r < 0.72) {
            const to = LAND.find((a) => a !== agency)!;
            if ((await s.transition(m.id, (st) => decide({ action: 'transfer', to, reason: '非本所轄區' }, st, agency, kindOf), 'a', now, audit)).ok) m.agency = to;
          } else if (r < 0.85) await s.transition(m.id, (st) => decide({ action: 'request-supplement', missing: ['房屋位置略圖'], dueDate: '2026-12-31' }, st, agency), 'a', now, audit);
          else {
            await s.transition(m.id, (st) => decideSupplementAnswer({ round: st.openSupplement ?? 0, fields: {}, note: '已補' } as never, st, m.office), 'w', now, audit);
          }
          m.at = now.getTime();
        }
      }

      const exact = await answers(h.driver);
      for (const [i, f] of FILTERS.entries()) expect({ f, answer: exact[i] }).toEqual({ f, answer: await statsByDefinition(h.driver, f) });
      expect(exact.some((a) => (a.referrals ?? []).length > 0)).toBe(true);
      expect(exact[0]!.timings.length).toBeGreaterThan(1);

      // Histograms forced (what a county's large ranges get): same counts and n, medians and p90 within 1 %.
      const bucketed = await answers(h.driver, 0);
      for (const [i, f] of FILTERS.entries()) {
        const a = bucketed[i]!;
        const e = exact[i]!;
        expect({ f, rows: a.rows, referrals: a.referrals, n: a.timings.map((t) => [t.agency, t.received.n, t.closed.n]) }).toEqual({
          f, rows: e.rows, referrals: e.referrals, n: e.timings.map((t) => [t.agency, t.received.n, t.closed.n]),
        });
        if (f.item || f.office || e.total === 0) continue; // exact by design, or nothing to time
        expect(a.timingsMaxRelativeError).toBe(MAX_RELATIVE_ERROR);
        for (const [j, t] of a.timings.entries()) {
          for (const m of ['received', 'closed'] as const) {
            for (const p of ['medianS', 'p90S'] as const) {
              const want = e.timings[j]![m][p];
              if (want === null) expect(t[m][p]).toBeNull();
              else expect(Math.abs(t[m][p]! - want)).toBeLessThanOrEqual(want * MAX_RELATIVE_ERROR + 0.001);
            }
          }
        }
      }

      // Migration 14's back-fill over the same rows rebuilds rollups that answer the same.
      for (const t of STATS_ROLLUP_TABLES) await h.driver.run(`DELETE FROM ${t}`);
      await h.driver.tx(async (q) => {
        for (const stmt of STATS_ROLLUPS_BACKFILL.split(';').map((x) => x.trim()).filter(Boolean)) await q.run(stmt);
      });
      expect(await answers(h.driver)).toEqual(exact);
      expect(await answers(h.driver, 0)).toEqual(bucketed);
    } finally {
      await s.close();
      await h.dispose();
    }
  }, 60_000);
});

import type { AgencyReferrals } from '../../shared/platform/stats';
import type { SqlDriver, Where } from './sql';

const DAY_MS = 86_400_000;

/** 改分 and 補件 sums of one agency, before the mean wait is taken (so parts of a range add up). */
export type ReferralTotals = { agency: string; transfersOut: number; transfersIn: number; rounds: number; open: number; waitMs: number; answered: number };

type Num = number | string;

/**
 * 改分 and 補件 per agency over the notifications a statistics filter selects (the same WHERE as the
 * cross-tab, as a subquery, so both count the same population), read from the tables themselves: the
 * days at the edges of a range, and small ranges. Aggregated by the database.
 */
export async function referralTotalsIn(q: SqlDriver, w: Where): Promise<ReferralTotals[]> {
  const scope = `notification_id IN (SELECT id FROM notifications ${w.sql})`;
  const [out, inn, rounds] = await Promise.all([
    q.all<{ agency: string; n: Num }>(`SELECT from_agency AS agency, COUNT(*) AS n FROM transfers WHERE ${scope} GROUP BY from_agency`, w.params),
    q.all<{ agency: string; n: Num }>(`SELECT to_agency AS agency, COUNT(*) AS n FROM transfers WHERE ${scope} GROUP BY to_agency`, w.params),
    q.all<{ agency: string; n: Num; open: Num; wait: Num; answered: Num }>(
    `SELECT agency, COUNT(*) AS n, SUM(CASE WHEN answered_ms IS NULL THEN 1 ELSE 0 END) AS open,
       SUM(CASE WHEN answered_ms IS NULL THEN 0 ELSE answered_ms - requested_ms END) AS wait, SUM(CASE WHEN answered_ms IS NULL THEN 0 ELSE 1 END) AS answered
     FROM supplement_rounds WHERE ${scope} GROUP BY agency`,
      w.params,
    ),
  ]);
  return [
    ...out.map((r) => ({ ...ZERO, agency: r.agency, transfersOut: Number(r.n) })),
    ...inn.map((r) => ({ ...ZERO, agency: r.agency, transfersIn: Number(r.n) })),
    ...rounds.map((r) => ({ ...ZERO, agency: r.agency, rounds: Number(r.n), open: Number(r.open), waitMs: Number(r.wait), answered: Number(r.answered) })),
  ];
}

/** The same sums for whole months, from stats_month_referrals (migration 14); `w` filters its month/item/agency/office/kind columns. */
export async function referralTotalsRolled(q: SqlDriver, w: Where): Promise<ReferralTotals[]> {
  const rows = await q.all<{ agency: string; o: Num; i: Num; r: Num; op: Num; w: Num; a: Num }>(
    `SELECT agency, SUM(transfers_out) AS o, SUM(transfers_in) AS i, SUM(rounds) AS r, SUM(open_rounds) AS op, SUM(wait_ms) AS w, SUM(answered) AS a
     FROM stats_month_referrals ${w.sql} GROUP BY agency`,
    w.params,
  );
  return rows.map((r) => ({ agency: r.agency, transfersOut: Number(r.o), transfersIn: Number(r.i), rounds: Number(r.r), open: Number(r.op), waitMs: Number(r.w), answered: Number(r.a) }));
}

const ZERO: Omit<ReferralTotals, 'agency'> = { transfersOut: 0, transfersIn: 0, rounds: 0, open: 0, waitMs: 0, answered: 0 };

/** Adds the parts up per agency; agencies with no transfer and no round left (a rollup row that went back to 0) are not listed. */
export function referralsOf(parts: readonly ReferralTotals[]): AgencyReferrals[] {
  const by = new Map<string, ReferralTotals>();
  for (const p of parts) {
    const a = by.get(p.agency) ?? { ...ZERO, agency: p.agency };
    by.set(p.agency, {
      agency: p.agency, transfersOut: a.transfersOut + p.transfersOut, transfersIn: a.transfersIn + p.transfersIn, rounds: a.rounds + p.rounds,
      open: a.open + p.open, waitMs: a.waitMs + p.waitMs, answered: a.answered + p.answered,
    });
  }
  return [...by.values()]
    .filter((a) => a.transfersOut + a.transfersIn + a.rounds > 0)
    .sort((a, b) => a.agency.localeCompare(b.agency))
    .map((a) => ({
      agency: a.agency, transfersOut: a.transfersOut, transfersIn: a.transfersIn, supplementRounds: a.rounds, supplementsOpen: a.open,
      supplementWaitDays: a.answered === 0 ? null : Math.round((a.waitMs / a.answered / DAY_MS) * 10) / 10,
    }));
}

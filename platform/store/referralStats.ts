import type { AgencyReferrals } from '../../shared/platform/stats';
import type { SqlDriver, Where } from './sql';

const DAY_MS = 86_400_000;

/**
 * 改分 and 補件 per agency over the notifications the statistics filter selects (the same WHERE as
 * the cross-tab, as a subquery, so both count the same population). Aggregated by the database.
 */
export async function referralStats(q: SqlDriver, w: Where): Promise<AgencyReferrals[]> {
  const scope = `notification_id IN (SELECT id FROM notifications ${w.sql})`;
  const out = await q.all<{ agency: string; n: number | string }>(`SELECT from_agency AS agency, COUNT(*) AS n FROM transfers WHERE ${scope} GROUP BY from_agency`, w.params);
  const inn = await q.all<{ agency: string; n: number | string }>(`SELECT to_agency AS agency, COUNT(*) AS n FROM transfers WHERE ${scope} GROUP BY to_agency`, w.params);
  const rounds = await q.all<{ agency: string; n: number | string; open: number | string; wait: number | string | null }>(
    `SELECT agency, COUNT(*) AS n, SUM(CASE WHEN answered_ms IS NULL THEN 1 ELSE 0 END) AS open,
       AVG(CASE WHEN answered_ms IS NOT NULL THEN answered_ms - requested_ms END) AS wait
     FROM supplement_rounds WHERE ${scope} GROUP BY agency`,
    w.params,
  );
  const by = new Map<string, AgencyReferrals>();
  const of = (agency: string) => {
    let a = by.get(agency);
    if (!a) by.set(agency, (a = { agency, transfersOut: 0, transfersIn: 0, supplementRounds: 0, supplementsOpen: 0, supplementWaitDays: null }));
    return a;
  };
  for (const r of out) of(r.agency).transfersOut = Number(r.n);
  for (const r of inn) of(r.agency).transfersIn = Number(r.n);
  for (const r of rounds) {
    const a = of(r.agency);
    a.supplementRounds = Number(r.n);
    a.supplementsOpen = Number(r.open);
    a.supplementWaitDays = r.wait === null ? null : Math.round((Number(r.wait) / DAY_MS) * 10) / 10;
  }
  return [...by.values()].sort((a, b) => a.agency.localeCompare(b.agency));
}

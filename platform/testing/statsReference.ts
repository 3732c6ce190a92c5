import type { AgencyReferrals, AgencyTimings, StatsResponse, StatsRow } from '../../shared/platform/stats';
import { percentile } from '../../shared/stats/percentile';
import type { StatsFilter } from '../store/repository';
import type { SqlDriver } from '../store/sql';

/**
 * What GET /v1/stats must answer, computed in Node from the raw rows, by definition: no rollup, no
 * SQL aggregate. Tests compare the platform's answer (rollups, histograms, edge reads) with it.
 */
export async function statsByDefinition(db: SqlDriver, f: StatsFilter): Promise<StatsResponse> {
  type N = { id: string; day: string; item: string; agency: string; office: string; kind: string; status: string; d: number; r: number | null; c: number | null };
  const all = await db.all<Record<string, string | number | null>>(
    'SELECT id, delivered_day, item_code, receiver_agency, office_code, kind, status, delivered_ms, received_ms, closed_ms FROM notifications',
  );
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const rows: N[] = all
    .map((r) => ({
      id: String(r.id), day: String(r.delivered_day), item: String(r.item_code), agency: String(r.receiver_agency), office: String(r.office_code),
      kind: String(r.kind), status: String(r.status), d: Number(r.delivered_ms), r: num(r.received_ms), c: num(r.closed_ms),
    }))
    .filter((n) => (!f.from || n.day >= f.from) && (!f.to || n.day <= f.to) && (!f.item || n.item === f.item) && (!f.agency || n.agency === f.agency) && (!f.office || n.office === f.office) && (!f.kind || n.kind === f.kind));

  const value = (n: N, d: StatsFilter['groupBy'][number]) => ({ item: n.item, agency: n.agency, office: n.office, day: n.day, status: n.status })[d];
  const groups = new Map<string, StatsRow>();
  for (const n of rows) {
    const key = JSON.stringify(f.groupBy.map((d) => value(n, d)));
    const g = groups.get(key) ?? (Object.fromEntries([...f.groupBy.map((d) => [d, value(n, d)]), ['count', 0]]) as StatsRow);
    g.count++;
    groups.set(key, g);
  }
  const out = [...groups.values()].sort((a, b) => {
    for (const d of f.groupBy) if (a[d] !== b[d]) return a[d]! < b[d]! ? -1 : 1;
    return 0;
  });

  const timings: AgencyTimings[] = [];
  for (const agency of [...new Set(rows.filter((n) => n.r !== null).map((n) => n.agency))].sort((a, b) => a.localeCompare(b))) {
    const mine = rows.filter((n) => n.agency === agency && n.r !== null);
    const sum = (xs: number[]) => (xs.length === 0 ? { n: 0, medianS: null, p90S: null } : { n: xs.length, medianS: percentile(xs, 50) / 1000, p90S: percentile(xs, 90) / 1000 });
    timings.push({ agency, received: sum(mine.map((n) => n.r! - n.d)), closed: sum(mine.filter((n) => n.c !== null).map((n) => n.c! - n.d)) });
  }

  const ids = new Set(rows.map((n) => n.id));
  const transfers = (await db.all<{ notification_id: string; from_agency: string; to_agency: string }>('SELECT notification_id, from_agency, to_agency FROM transfers')).filter((t) => ids.has(t.notification_id));
  const rounds = (await db.all<{ notification_id: string; agency: string; requested_ms: number | string; answered_ms: number | string | null }>(
    'SELECT notification_id, agency, requested_ms, answered_ms FROM supplement_rounds',
  )).filter((r) => ids.has(r.notification_id));
  const agencies = [...new Set([...transfers.flatMap((t) => [t.from_agency, t.to_agency]), ...rounds.map((r) => r.agency)])].sort((a, b) => a.localeCompare(b));
  const referrals: AgencyReferrals[] = agencies.map((agency) => {
    const mine = rounds.filter((r) => r.agency === agency);
    const waits = mine.filter((r) => r.answered_ms !== null).map((r) => Number(r.answered_ms) - Number(r.requested_ms));
    return {
      agency, transfersOut: transfers.filter((t) => t.from_agency === agency).length, transfersIn: transfers.filter((t) => t.to_agency === agency).length,
      supplementRounds: mine.length, supplementsOpen: mine.length - waits.length,
      supplementWaitDays: waits.length === 0 ? null : Math.round((waits.reduce((s, w) => s + w, 0) / waits.length / 86_400_000) * 10) / 10,
    };
  });
  return { groupBy: f.groupBy, total: rows.length, rows: out, timings, ...(referrals.length > 0 ? { referrals } : {}) };
}

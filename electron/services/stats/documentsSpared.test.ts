import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsFilter, type StatsFilterInput } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import { makeContext, TEST_NOW, tempDir } from '../testing/fixtures';
import { documentsSparedByLifeEvent } from './documentsSpared';
import { filterSql } from './filter';
import { generateRecords, seedStaff, type GenWorld } from './statsFixtures';

/**
 * Migration 021 changed the shape of the documents-spared query (per life event over an index led
 * by the event, instead of a GROUP BY that sorted the period's cases). This compares it, on a small
 * real database, with the answer of the query it replaced, kept here verbatim (minus the index it
 * named, which 021 dropped).
 */
const tmp = tempDir('nin1-stats-spared-');
let ctx: ServiceContext;
let world: GenWorld;

beforeAll(() => {
  ctx = makeContext(tmp.file('spared.sqlite'));
  const clerks = seedStaff(ctx);
  const records = generateRecords(ctx, clerks, { seed: 21, count: 900, startMs: Date.parse('2026-08-20T00:00:00Z'), endMs: Date.parse('2026-11-26T02:00:00Z'), nowMs: Date.parse(TEST_NOW) });
  world = { records, clerks, offices: ['FS01', 'FS02'] };
  // A case of an event the catalogue no longer lists still counts, under its own code.
  ctx.db.prepare("UPDATE cases SET life_event = 'retired-event' WHERE id = (SELECT MIN(id) FROM cases WHERE documents_spared > 0)").run();
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

function oldAnswer(f: StatsFilter): Map<string, number> {
  const sql = filterSql(f);
  const parts: string[] = [];
  const params: unknown[] = [sql.fromUtc, sql.toUtc];
  const eq = (column: string, value: unknown): void => {
    if (value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  eq('c.office_code', f.office);
  eq('c.clerk_id', f.clerkId);
  eq('c.life_event', f.lifeEvent);
  if (f.item !== undefined || f.agency !== undefined || f.kind !== undefined || f.status !== undefined) {
    parts.push(`EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = c.id AND ${sql.rest})`);
    params.push(...sql.restParams);
  }
  const rows = ctx.db
    .prepare(`SELECT c.life_event, SUM(c.documents_spared) FROM cases c WHERE c.created_at >= ? AND c.created_at < ?${parts.map((p) => ` AND ${p}`).join('')} GROUP BY c.life_event`)
    .raw()
    .all(...params) as [string, number][];
  return new Map(rows);
}

describe('documents spared per life event after migration 021', () => {
  it('is the answer of the query it replaced, under every kind of filter', () => {
    const filters: StatsFilterInput[] = [
      { from: '2026-08-20', to: '2026-11-27' },
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-11-26', lifeEvent: 'death' },
      { from: '2026-08-20', to: '2026-11-27', office: 'FS02' },
      { from: '2026-08-20', to: '2026-11-27', clerkId: world.clerks[1]!.id, item: 'N01' },
      { from: '2026-08-20', to: '2026-11-27', agency: 'KH-TAX', status: 'completed' },
      { from: '2026-08-20', to: '2026-11-27', kind: 'verification', lifeEvent: 'birth' },
      { from: '2026-12-01', to: '2026-12-31' },
    ];
    let total = 0;
    for (const input of filters) {
      const f = StatsFilter.parse(input);
      const mine = documentsSparedByLifeEvent(ctx, f, filterSql(f));
      expect(mine, JSON.stringify(input)).toEqual(oldAnswer(f));
      total += [...mine.values()].reduce((a, b) => a + b, 0);
    }
    expect(total).toBeGreaterThan(0);
    expect(documentsSparedByLifeEvent(ctx, StatsFilter.parse(filters[0]!), filterSql(StatsFilter.parse(filters[0]!))).has('retired-event')).toBe(true);
  });
});

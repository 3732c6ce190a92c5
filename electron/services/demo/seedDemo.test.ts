import { afterAll, describe, expect, it } from 'vitest';
import { makeContext, tempDir } from '../testing/fixtures';
import { LIFE_EVENT_SHARES } from './lifeEventMix';
import { seedDemo } from './seedDemo';

const tmp = tempDir('nin1-demo-');
afterAll(() => tmp.cleanup());

describe('seedDemo', () => {
  const ctx = makeContext(tmp.file('demo.sqlite'));
  seedDemo(ctx);
  const count = (sql: string, ...params: unknown[]): number => ctx.db.prepare(sql).pluck().get(...params) as number;
  const cases = count('SELECT COUNT(*) FROM cases');
  const share = (event: string): number => count('SELECT COUNT(*) FROM cases WHERE life_event = ?', event) / cases;

  it('demo data: past cases of every life event, 遷徙 the large majority, the others in the shares of a 鳳山-sized office', () => {
    expect(cases).toBe(300);
    for (const [event, expected] of Object.entries(LIFE_EVENT_SHARES)) {
      expect(share(event), event).toBeGreaterThan(0);
      expect(Math.abs(share(event) - expected), event).toBeLessThan(0.06);
    }
    expect(share('move')).toBeGreaterThan(0.6);
    expect(share('death')).toBeGreaterThan(share('birth'));
    expect(share('birth')).toBeGreaterThan(share('assistance'));
  });

  it('demo data: varied participants and conditions — deaths with vehicles and land, a twin birth, 救生圈 cases still 待補件 and complete ones', () => {
    const items = (event: string, item: string): number =>
      count('SELECT COUNT(DISTINCT c.id) FROM cases c JOIN notifications n ON n.case_id = c.id WHERE c.life_event = ? AND n.item_code = ?', event, item);
    expect(items('death', 'D05')).toBeGreaterThan(0); // 監理: the deceased owned a vehicle
    expect(items('death', 'D03')).toBeGreaterThan(0); // 地價稅: land
    expect(items('death', 'D05')).toBeLessThan(count("SELECT COUNT(*) FROM cases WHERE life_event = 'death'"));
    const births = count("SELECT COUNT(*) FROM cases WHERE life_event = 'birth'");
    const twins = count("SELECT COUNT(*) FROM (SELECT case_id FROM participants WHERE role = 'newborn' GROUP BY case_id HAVING COUNT(*) > 1)");
    expect(twins).toBeGreaterThan(0);
    expect(twins / births).toBeLessThan(0.1);
    expect(count("SELECT COUNT(*) FROM cases WHERE life_event = 'assistance' AND status = 'awaiting-documents' AND documents_complete_on IS NULL")).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM cases WHERE life_event = 'assistance' AND status = 'submitted' AND documents_complete_on IS NOT NULL")).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM case_documents WHERE status = 'missing'")).toBe(count("SELECT COUNT(*) FROM cases WHERE status = 'awaiting-documents'"));
    // Household sizes vary (the applicant alone up to several members), and documents are spared in every event but 遷徙's 0.1 bundle.
    expect(count("SELECT COUNT(DISTINCT n) FROM (SELECT COUNT(*) n FROM participants p JOIN cases c ON c.id = p.case_id WHERE c.life_event = 'assistance' GROUP BY c.id)")).toBeGreaterThan(2);
    for (const event of ['death', 'birth', 'assistance']) expect(count('SELECT SUM(documents_spared) FROM cases WHERE life_event = ?', event), event).toBeGreaterThan(0);
  });

  it("demo data: this morning's cases are 遷徙 awaiting their scans, past ones carry the demo consent exception", () => {
    expect(ctx.db.prepare("SELECT DISTINCT life_event FROM cases WHERE local_date = '2026-11-26'").pluck().all()).toEqual(['move']);
    expect(count("SELECT COUNT(*) FROM consent_holds h JOIN cases c ON c.id = h.case_id WHERE c.local_date < '2026-11-26'")).toBe(0);
  });
});

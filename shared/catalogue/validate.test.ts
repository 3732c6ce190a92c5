import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCatalogue, type RawCatalogue } from './validate';

const dir = new URL('../../resources/catalogue/', import.meta.url);
const read = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>;
const shipped = (): { agencies: { agencies: Record<string, unknown>[] }; items: { items: Record<string, unknown>[] }; lifeEvents: { lifeEvents: Record<string, unknown>[] } } =>
  ({ agencies: read('agencies.json'), items: read('items.json'), lifeEvents: read('life-events.json') }) as never;

const problemsOf = (raw: RawCatalogue) => {
  const r = validateCatalogue(raw);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('shipped catalogue', () => {
  it('is valid and holds the 10 notification items of table 4-15 and the 3 verification items of table 4-16', () => {
    const r = validateCatalogue(shipped());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const notes = r.catalogue.items.filter((i) => i.kind === 'notification' && i.seedRow !== undefined);
    const checks = r.catalogue.items.filter((i) => i.kind === 'verification' && i.seedRow !== undefined);
    expect(notes.map((i) => i.seedRow)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(checks.map((i) => i.seedRow)).toEqual([1, 2, 3]);
    for (const item of r.catalogue.items) expect(item.consentText.length).toBeGreaterThan(10);
    expect(r.catalogue.items.find((i) => i.code === 'N03')?.attachments.map((a) => a.name)).toContain('房屋位置略圖');
  });

  it('bundles the move items and the conditional 稅單查證 in 遷徙', () => {
    const r = validateCatalogue(shipped());
    if (!r.ok) throw new Error('invalid');
    const move = r.catalogue.lifeEvents.find((e) => e.code === 'move')!;
    const titles = move.items.map((ref) => r.catalogue.items.find((i) => i.code === ref.item)!.title);
    expect(titles).toEqual(expect.arrayContaining(['稅單投遞地址變更', '地價稅自用住宅優惠稅率申請', '駕照更名、地址更正登記同意書', '辦理戶籍遷入時稅單查證']));
    expect(move.items.find((ref) => ref.item === 'V01')?.when).toEqual({ field: 'hasHouseTaxBill', equals: false });
  });
});

describe('catalogue errors name the file and the path', () => {
  it('unknown receiving agency', () => {
    const c = shipped();
    c.items.items[2]!.receiverAgency = 'NOPE';
    expect(problemsOf(c)).toEqual([{ file: 'items.json', path: 'items[2].receiverAgency', message: expect.stringContaining('未知的接收機關「NOPE」') }]);
  });

  it('duplicate item code', () => {
    const c = shipped();
    c.items.items[5]!.code = 'N01';
    expect(problemsOf(c)).toContainEqual({ file: 'items.json', path: 'items[5].code', message: expect.stringContaining('重複') });
  });

  it('duplicate agency code', () => {
    const c = shipped();
    c.agencies.agencies[3]!.code = 'KH-TAX';
    expect(problemsOf(c)).toContainEqual({ file: 'agencies.json', path: 'agencies[3].code', message: expect.stringContaining('機關代碼「KH-TAX」重複') });
  });

  it('bad field type, with a zh-TW schema message', () => {
    const c = shipped();
    (c.items.items[0]!.fields as Record<string, unknown>[])[1]!.type = 'colour';
    const [p] = problemsOf(c);
    expect(p).toMatchObject({ file: 'items.json', path: 'items[0].fields[1].type' });
    expect(p!.message).toMatch(/無效|選項|預期/);
  });

  it('select without options and unknown agency kind', () => {
    const c = shipped();
    delete (c.items.items[0]!.fields as Record<string, unknown>[])[1]!.options;
    c.agencies.agencies[0]!.kind = 'police';
    const paths = problemsOf(c).map((p) => `${p.file}:${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(['agencies.json:agencies[0].kind', 'items.json:items[0].fields[1].options']));
  });

  it('life event referencing an unknown item, and an item listed twice', () => {
    const c = shipped();
    (c.lifeEvents.lifeEvents[0]!.items as Record<string, unknown>[]).push({ item: 'N99' }, { item: 'N01' });
    const problems = problemsOf(c);
    expect(problems).toContainEqual({ file: 'life-events.json', path: 'lifeEvents[0].items[6].item', message: expect.stringContaining('N99') });
    expect(problems).toContainEqual({ file: 'life-events.json', path: 'lifeEvents[0].items[7].item', message: expect.stringContaining('重複') });
  });

  it('unknown property is rejected (typos must not pass silently)', () => {
    const c = shipped();
    c.items.items[0]!.recieverAgency = 'KH-TAX';
    expect(problemsOf(c)[0]).toMatchObject({ file: 'items.json', path: 'items[0]' });
  });

  it('a file that is not an object at all', () => {
    expect(problemsOf({ ...shipped(), items: [] })[0]).toMatchObject({ file: 'items.json', path: '' });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBSIDY_KINDS } from '../assistance/subsidyKinds';
import { countingScope, type CountingMember } from './countingScope';

const AS_OF = '2025-09-10';
const decide = (kind: string, members: CountingMember[], extra: Partial<{ specialCircumstancesSingleParent: boolean; singleParentFamily: boolean }> = {}) => {
  const r = countingScope(kind, members, { asOf: AS_OF, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const one = (kind: string, member: CountingMember, extra = {}) => decide(kind, [{ relation: 'self', birthDate: '1975-04-01' }, member], extra)[1]!;

describe('社會救助法 §5 I: who counts', () => {
  it("the seed's three-generation household (低收入戶): applicant, spouse, children and the grandparent at home count; a married-out sister and a grandparent elsewhere do not", () => {
    const members: CountingMember[] = [
      { relation: 'self', birthDate: '1975-04-01', sameHousehold: true },
      { relation: 'spouse', sameHousehold: true, livingTogether: true },
      { relation: 'child', sameHousehold: true, livingTogether: true },
      { relation: 'child', sameHousehold: false, livingTogether: false },
      { relation: 'grandparent', sameHousehold: true, livingTogether: true },
      { relation: 'grandparent', sameHousehold: false, livingTogether: false },
      { relation: 'sibling', sameHousehold: false },
      { relation: 'grandchild', sameHousehold: false, livingTogether: true },
    ];
    const out = decide('low-income', members);
    expect(out.map((d) => d.counts)).toEqual([true, true, true, true, true, false, false, true]);
    expect(out[1]!.reason).toBe('社會救助法第5條第1項第1款：配偶，列入應計算人口');
    expect(out[3]!.reason).toContain('第5條第1項第2款：一親等之直系血親（子女）');
    expect(out[4]!.reason).toContain('第5條第1項第3款：同一戶籍之其他直系血親');
    expect(out[7]!.reason).toContain('第5條第1項第3款：共同生活之其他直系血親');
    expect(out[5]!.reason).toContain('不屬社會救助法第5條第1項第3款');
    expect(out[6]!.reason).toContain('非社會救助法第5條第1項所列人員');
  });

  it('a taxpayer outside §5 I(1)–(3) who claims a dependant counts by §5 I(4); an in-law who does not, does not', () => {
    expect(one('middle-low-income', { relation: 'sibling', claimsTaxDependant: true })).toEqual({ relation: 'sibling', counts: true, reason: '社會救助法第5條第1項第4款：認列綜合所得稅扶養親屬免稅額之納稅義務人，列入應計算人口' });
    expect(one('middle-low-income', { relation: 'parentInLaw', sameHousehold: true }).counts).toBe(false);
  });

  it('the two-generation subsidies (seed 000 line 521) leave out a grandparent even at home, unless a tax dependant claim counts them', () => {
    const grandparent: CountingMember = { relation: 'grandparent', sameHousehold: true, livingTogether: true };
    expect(one('low-income', grandparent).counts).toBe(true);
    expect(one('child-youth-living', grandparent).counts).toBe(true);
    for (const kind of ['disability-living', 'middle-low-income-elderly']) {
      const d = one(kind, grandparent);
      expect(d.counts).toBe(false);
      expect(d.reason).toContain('僅計算二代');
      expect(one(kind, { ...grandparent, claimsTaxDependant: true }).counts).toBe(true);
      expect(one(kind, { relation: 'father' }).counts).toBe(true);
    }
  });
});

describe('社會救助法 §5 III: the nine exclusions, each in the law’s words', () => {
  const cases: [string, CountingMember, object, number][] = [
    ['尚未設有戶籍之非本國籍配偶', { relation: 'spouse', unregisteredForeignSpouse: true }, {}, 1],
    ['特定境遇單親家庭之直系血親尊親屬，未共同生活且無扶養事實', { relation: 'father', livingTogether: false }, { specialCircumstancesSingleParent: true }, 2],
    ['已結婚、未共同生活且無扶養能力之子女', { relation: 'child', married: true, livingTogether: false, ableToSupport: false }, {}, 3],
    ['服兵役', { relation: 'child', inMilitaryService: true }, {}, 5],
    ['在學領有公費', { relation: 'child', publicFundedStudent: true }, {}, 6],
    ['入獄服刑', { relation: 'spouse', detained: true }, {}, 7],
    ['失蹤報案達六個月以上', { relation: 'spouse', missingReportedOn: '2025-03-09' }, {}, 8],
    ['主管機關訪視評估', { relation: 'mother', excludedByAssessment: true }, {}, 9],
  ];
  for (const [name, member, extra, n] of cases) {
    it(`第${n}款：${name}`, () => {
      const d = one('low-income', member, extra);
      expect(d.counts).toBe(false);
      expect(d.reason).toMatch(new RegExp(`^社會救助法第5條第3項第${n}款：`));
    });
  }

  it('第4款: the absent parent of a minor applicant in a single-parent family, only when all three facts hold', () => {
    const absent: CountingMember = { relation: 'father', livingTogether: false, providesSupport: false, exercisesParentalRights: false };
    const minor = [{ relation: 'self', birthDate: '2010-05-05' }, absent];
    const out = decide('low-income', minor, { singleParentFamily: true });
    expect(out[1]!.reason).toMatch(/^社會救助法第5條第3項第4款：/);
    expect(decide('low-income', [minor[0]!, { ...absent, providesSupport: true }], { singleParentFamily: true })[1]!.counts).toBe(true);
    expect(decide('low-income', [{ relation: 'self', birthDate: '2007-09-10' }, absent], { singleParentFamily: true })[1]!.counts).toBe(true);
    expect(decide('low-income', [{ relation: 'self', birthDate: '2007-09-11' }, absent], { singleParentFamily: true })[1]!.counts).toBe(false);
  });

  it('each exclusion needs its facts: a married child living at home, a missing person under six months, an ascendant of an ordinary family still count', () => {
    expect(one('low-income', { relation: 'child', married: true, livingTogether: true }).counts).toBe(true);
    expect(one('low-income', { relation: 'spouse', missingReportedOn: '2025-03-10' }).counts).toBe(true);
    expect(one('low-income', { relation: 'father', livingTogether: false }).counts).toBe(true);
  });

  it('the applicant always counts: §5 III applies to 第一項各款人員, not to the applicant', () => {
    expect(decide('low-income', [{ relation: 'self', detained: true }])[0]!.counts).toBe(true);
  });

  it('an exclusion never adds someone §5 I leaves out: a detained sibling is out for not being listed, not for 第7款', () => {
    expect(one('low-income', { relation: 'sibling', detained: true }).reason).toContain('非社會救助法第5條第1項所列人員');
  });
});

describe('bad input is a zh-TW error naming the member', () => {
  it('unknown relation, unknown kind, a second applicant, a date that is no date', () => {
    const r = countingScope('low-income', [{ relation: 'self' }, { relation: 'cousin' }], { asOf: AS_OF });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'RELATION_UNKNOWN', path: 'members[1].relation', message: expect.stringContaining('未知的關係「cousin」') }) });
    expect(countingScope('rich', [], { asOf: AS_OF })).toMatchObject({ ok: false, error: { code: 'SUBSIDY_KIND_UNKNOWN' } });
    expect(countingScope('low-income', [{ relation: 'self' }, { relation: 'self' }], { asOf: AS_OF })).toMatchObject({ ok: false, error: { code: 'APPLICANT_DUPLICATE' } });
    expect(countingScope('low-income', [{ relation: 'spouse', missingReportedOn: '2025-02-30' }], { asOf: AS_OF })).toMatchObject({ ok: false, error: { code: 'DATE_INVALID', path: 'members[0].missingReportedOn' } });
  });
});

it('the subsidy labels are the options of the assistance event in the shipped catalogue', () => {
  const events = JSON.parse(readFileSync(new URL('../../resources/catalogue/life-events.json', import.meta.url), 'utf8')) as {
    lifeEvents: { code: string; fields: { key: string; options?: string[] }[] }[];
  };
  const options = events.lifeEvents.find((e) => e.code === 'assistance')!.fields.find((f) => f.key === 'subsidy')!.options;
  expect(options).toEqual(Object.values(SUBSIDY_KINDS).map((k) => k.label));
});

import { isSubsidyKind, SUBSIDY_KINDS } from '../assistance/subsidyKinds';
import { isIsoDate } from '../dates/isoDate';
import { err, ok, type Result } from '../result';
import { isRelation, RELATIONS, type Relation } from './relations';
import { exclusionOf, type CountingMember, type HouseholdContext } from './socialAssistanceExclusions';

export type { CountingMember, HouseholdContext } from './socialAssistanceExclusions';

/** One member's standing, in the order the members were given: does the member count, and why (citing the paragraph). */
export type CountingDecision = { relation: Relation; counts: boolean; reason: string };

const I = (n: number, text: string) => `社會救助法第5條第1項第${n}款：${text}，列入應計算人口`;
const TAX = I(4, '認列綜合所得稅扶養親屬免稅額之納稅義務人');

/** Which paragraph of §5 I counts this member, or why none does. */
function inclusionOf(m: CountingMember, relation: Relation, generations: 2 | 3): { counts: boolean; reason: string } {
  const r = RELATIONS[relation];
  if (relation === 'self') return { counts: true, reason: '社會救助法第5條第1項：申請人本人，列入應計算人口' };
  if (relation === 'spouse') return { counts: true, reason: I(1, '配偶') };
  if (r.lineal && r.degree === 1) return { counts: true, reason: I(2, `一親等之直系血親（${r.label}）`) };
  if (r.lineal) {
    // Seed 000 line 521: 身心障礙生活補助 and 中低老人生活津貼 look at two generations only, so a
    // grandparent or grandchild counts for them only as a taxpayer claiming a dependant (§5 I(4)).
    if (generations === 2) {
      return m.claimsTaxDependant ? { counts: true, reason: TAX } : { counts: false, reason: `本項補助僅計算二代（申請人及一親等直系血親），${r.label}不列入應計算人口` };
    }
    if (m.sameHousehold || m.livingTogether) {
      return { counts: true, reason: I(3, `${m.sameHousehold ? '同一戶籍' : '共同生活'}之其他直系血親（${r.label}）`) };
    }
    if (m.claimsTaxDependant) return { counts: true, reason: TAX };
    return { counts: false, reason: `${r.label}非同一戶籍亦未共同生活，不屬社會救助法第5條第1項第3款，不列入應計算人口` };
  }
  if (m.claimsTaxDependant) return { counts: true, reason: TAX };
  return { counts: false, reason: `${r.label}非社會救助法第5條第1項所列人員（配偶、直系血親或認列扶養之納稅義務人），不列入應計算人口` };
}

/**
 * 家庭應計算人口範圍 of 社會救助法 §5 for one subsidy: for each member, whether the member counts and
 * why. §5 I counts the applicant, the spouse, first-degree lineal relatives, other lineal relatives in
 * the same household or living together, and any taxpayer who claims a counted person as a dependant;
 * §5 III then takes out the nine exclusions (shared/household/socialAssistanceExclusions.ts). Bad
 * input (unknown kind or relation, a second `self`, a date that is no date) is a zh-TW error naming
 * the member; nothing is decided then.
 */
export function countingScope(kind: string, members: readonly CountingMember[], household: HouseholdContext): Result<CountingDecision[]> {
  if (!isSubsidyKind(kind)) return err('SUBSIDY_KIND_UNKNOWN', `未知的補助項目「${kind}」`, 'kind');
  if (!isIsoDate(household.asOf)) return err('DATE_INVALID', `審核基準日「${household.asOf}」不是有效的日期`, 'asOf');
  const selfCount = members.filter((m) => m.relation === 'self').length;
  if (selfCount > 1) return err('APPLICANT_DUPLICATE', '申請人本人只能列出一次', 'members');
  for (const [i, m] of members.entries()) {
    if (!isRelation(m.relation)) {
      return err('RELATION_UNKNOWN', `第 ${i + 1} 位：未知的關係「${m.relation}」，須為：${Object.values(RELATIONS).map((r) => r.label).join('、')}`, `members[${i}].relation`);
    }
    for (const key of ['birthDate', 'missingReportedOn'] as const) {
      const v = m[key];
      if (v !== undefined && v !== null && !isIsoDate(v)) return err('DATE_INVALID', `第 ${i + 1} 位：日期「${v}」不是有效的日期`, `members[${i}].${key}`);
    }
  }
  const applicantBirthDate = household.applicantBirthDate ?? members.find((m) => m.relation === 'self')?.birthDate ?? null;
  const context = { ...household, applicantBirthDate };
  const { generations } = SUBSIDY_KINDS[kind];
  return ok(
    members.map((m) => {
      const relation = m.relation as Relation;
      const included = inclusionOf(m, relation, generations);
      const excluded = included.counts && relation !== 'self' ? exclusionOf(m, relation, context) : undefined;
      return excluded ? { relation, counts: false, reason: excluded } : { relation, ...included };
    }),
  );
}

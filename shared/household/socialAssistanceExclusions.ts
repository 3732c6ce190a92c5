import { legalDeadline } from '../dates/legalDeadline';
import type { Relation } from './relations';

/**
 * What the clerk records about one household member so the law can decide whether that member
 * counts (社會救助法 §5). Every flag is a fact the law names; absent means "no".
 */
export type CountingMember = {
  /** Relation to the applicant (shared/household/relations.ts); the applicant is `self`. */
  relation: string;
  /** ISO date; used for the applicant's minority (§5 III(4), 民法 §12: 18 years). */
  birthDate?: string | null;
  /** 同一戶籍 (§5 I(3)). */
  sameHousehold?: boolean;
  /** 共同生活 (§5 I(3), III(2)–(4)). */
  livingTogether?: boolean;
  /** 認列綜合所得稅扶養親屬免稅額之納稅義務人: files a tax return claiming the applicant (or a counted member) as a dependant (§5 I(4)). */
  claimsTaxDependant?: boolean;
  /** 尚未設有戶籍之非本國籍配偶或大陸地區配偶 (§5 III(1)). */
  unregisteredForeignSpouse?: boolean;
  /** 有扶養事實: actually supports the household (§5 III(2), (4)). */
  providesSupport?: boolean;
  /** 有扶養能力 (§5 III(3)). */
  ableToSupport?: boolean;
  married?: boolean;
  /** 行使、負擔對未成年子女之權利義務 (§5 III(4)). */
  exercisesParentalRights?: boolean;
  /** 應徵集召集入營服兵役或替代役現役 (§5 III(5)). */
  inMilitaryService?: boolean;
  /** 在學領有公費 (§5 III(6)). */
  publicFundedStudent?: boolean;
  /** 入獄服刑、因案羈押或依法拘禁 (§5 III(7)). */
  detained?: boolean;
  /** ISO date the police took the missing-person report (§5 III(8): missing 6 months or more). */
  missingReportedOn?: string | null;
  /** 經直轄市、縣（市）主管機關訪視評估認定不列入 (§5 III(9)); the clerk records the assessment. */
  excludedByAssessment?: boolean;
};

/** Facts about the applicant's family as a whole that some exclusions depend on. */
export type HouseholdContext = {
  /** ISO date the decision is made for (missing 6 months, the applicant's minority). */
  asOf: string;
  /** 特定境遇單親家庭 (特殊境遇家庭扶助條例), for §5 III(2). */
  specialCircumstancesSingleParent?: boolean;
  /** 單親家庭, for §5 III(4). */
  singleParentFamily?: boolean;
  /** The applicant's birth date when the applicant is not among the members (for §5 III(4)). */
  applicantBirthDate?: string | null;
};

const ASCENDANTS: readonly Relation[] = ['father', 'mother', 'grandparent'];
const DESCENDANTS: readonly Relation[] = ['child', 'grandchild'];
const PARENTS: readonly Relation[] = ['father', 'mother'];

/**
 * Under 18 on `asOf` (民法 §12 as in force from 2023-01-01). Age counts from the day of birth
 * (民法 §124 I), so the 18th birthday is the first adult day; a 29 February birthday falls on
 * 1 March in a common year, which the plain text comparison gives (…-02-29 sorts after -02-28).
 */
const isMinor = (birthDate: string | null | undefined, asOf: string): boolean =>
  !!birthDate && asOf < `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;

/**
 * The first exclusion of 社會救助法 §5 III that takes this member out of the count, as a zh-TW
 * reason, or undefined. Only called for a member §5 I counts (the paragraph applies to 第一項各款人員).
 * The nine items are checked in the law's order so the reason names the first that applies.
 */
export function exclusionOf(m: CountingMember, relation: Relation, household: HouseholdContext): string | undefined {
  const apart = !m.livingTogether;
  const law = (n: number, text: string) => `社會救助法第5條第3項第${n}款：${text}，不列入應計算人口`;
  if (relation === 'spouse' && m.unregisteredForeignSpouse) return law(1, '尚未設有戶籍之非本國籍配偶或大陸地區配偶');
  if (ASCENDANTS.includes(relation) && household.specialCircumstancesSingleParent && apart && !m.providesSupport) {
    return law(2, '未共同生活且無扶養事實之特定境遇單親家庭直系血親尊親屬');
  }
  if (DESCENDANTS.includes(relation) && m.married && apart && !m.ableToSupport) return law(3, '未共同生活且無扶養能力之已結婚直系血親卑親屬');
  if (
    PARENTS.includes(relation) && household.singleParentFamily && isMinor(household.applicantBirthDate, household.asOf) &&
    apart && !m.providesSupport && m.exercisesParentalRights === false
  ) {
    return law(4, '未與單親家庭未成年子女共同生活、無扶養事實，且未行使、負擔其對未成年子女權利義務之父或母');
  }
  if (m.inMilitaryService) return law(5, '應徵集召集入營服兵役或替代役現役');
  if (m.publicFundedStudent) return law(6, '在學領有公費');
  if (m.detained) return law(7, '入獄服刑、因案羈押或依法拘禁');
  if (m.missingReportedOn && legalDeadline(m.missingReportedOn, { months: 6 }) < household.asOf) {
    return law(8, '失蹤，經向警察機關報案協尋未獲，達六個月以上');
  }
  if (m.excludedByAssessment) return law(9, '因其他情形特殊未履行扶養義務，經主管機關訪視評估以申請人最佳利益考量認定不列入');
  return undefined;
}

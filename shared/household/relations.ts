/**
 * Relations of a household member to the applicant, as the counter records them. `degree` is the
 * 親等 of a blood relation (民法 §968); `lineal` marks 直系血親. The social-assistance counting rule
 * (社會救助法 §5, shared/household/countingScope.ts) reads these, never the 稱謂 text.
 */
export const RELATIONS = {
  self: { label: '本人', lineal: true, degree: 0 },
  spouse: { label: '配偶', lineal: false, degree: 0 },
  father: { label: '父', lineal: true, degree: 1 },
  mother: { label: '母', lineal: true, degree: 1 },
  child: { label: '子女', lineal: true, degree: 1 },
  grandparent: { label: '祖父母／外祖父母', lineal: true, degree: 2 },
  grandchild: { label: '孫子女／外孫子女', lineal: true, degree: 2 },
  sibling: { label: '兄弟姊妹', lineal: false, degree: 2 },
  parentInLaw: { label: '配偶之父母', lineal: false, degree: 1 },
  childInLaw: { label: '子女之配偶', lineal: false, degree: 1 },
  otherRelative: { label: '其他親屬', lineal: false, degree: 3 },
  nonRelative: { label: '非親屬（同居人）', lineal: false, degree: 99 },
} as const satisfies Record<string, { label: string; lineal: boolean; degree: number }>;

export type Relation = keyof typeof RELATIONS;
export const RELATION_CODES = Object.keys(RELATIONS) as Relation[];
export const isRelation = (code: string): code is Relation => Object.hasOwn(RELATIONS, code);

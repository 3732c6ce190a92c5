/**
 * The social-assistance subsidies the 救生圈 bundle takes (seed 000 line 500), keyed by a stable
 * code. `label` is the option text of the `assistance` life event's `subsidy` field in
 * resources/catalogue/life-events.json (a test keeps them equal). `generations` is how far the
 * household is checked (seed 000 line 521: 低收入戶 and 兒少 3 代; 身障生活補助 and 中低老人津貼 2 代;
 * 中低收入戶 is not named there and follows 社會救助法 §5 in full, like 低收入戶).
 */
export const SUBSIDY_KINDS = {
  'low-income': { label: '低收入戶', generations: 3 },
  'middle-low-income': { label: '中低收入戶', generations: 3 },
  'middle-low-income-elderly': { label: '中低收入老人生活津貼', generations: 2 },
  'disability-living': { label: '身心障礙者生活補助', generations: 2 },
  'child-youth-living': { label: '中低收入戶兒童及少年生活扶助', generations: 3 },
} as const satisfies Record<string, { label: string; generations: 2 | 3 }>;

export type SubsidyKind = keyof typeof SUBSIDY_KINDS;
export const SUBSIDY_KIND_CODES = Object.keys(SUBSIDY_KINDS) as SubsidyKind[];
export const isSubsidyKind = (code: string): code is SubsidyKind => Object.hasOwn(SUBSIDY_KINDS, code);

/** The kind a catalogue `subsidy` option names, or undefined for text no kind carries. */
export const subsidyKindOfLabel = (label: string): SubsidyKind | undefined =>
  SUBSIDY_KIND_CODES.find((k) => SUBSIDY_KINDS[k].label === label);

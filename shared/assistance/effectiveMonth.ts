import { isIsoDate } from '../dates/isoDate';
import { AppFailure } from '../result';
import { subsidyKindOfLabel } from './subsidyKinds';

export type EffectiveMonthKind = 'low-income' | 'middle-low-income';

/** The last day of the month on which 中低收入戶 documents still take effect that month (seed 000 line 545: 15 日前). */
const MIDDLE_LOW_INCOME_CUTOFF_DAY = 15;

/**
 * The month a subsidy starts, from the 證件備齊日 (the day the last document arrived), per seed
 * 000 lines 541–545: 低收入戶 is granted from the month the documents were complete (社會救助法
 * §10 II: 溯自備齊文件之當月); 中低收入戶 from that month when complete on or before the 15th,
 * else from the next month. ISO date in, 'YYYY-MM' out. A bad kind or date throws a typed zh-TW
 * AppFailure: this is a public rule (shared/index.ts) and must not guess.
 */
export function assistanceEffectiveMonth(kind: EffectiveMonthKind, documentsCompleteDate: string): string {
  if (kind !== 'low-income' && kind !== 'middle-low-income') {
    throw new AppFailure({ code: 'SUBSIDY_KIND_UNKNOWN', message: `未知的補助身分「${String(kind)}」，須為低收入戶（low-income）或中低收入戶（middle-low-income）`, path: 'kind' });
  }
  if (typeof documentsCompleteDate !== 'string' || !isIsoDate(documentsCompleteDate)) {
    throw new AppFailure({ code: 'DATE_INVALID', message: `證件備齊日「${documentsCompleteDate}」不是有效的日期（YYYY-MM-DD）`, path: 'documentsCompleteDate' });
  }
  const [y, m, d] = documentsCompleteDate.split('-').map(Number) as [number, number, number];
  const nextMonth = kind === 'middle-low-income' && d > MIDDLE_LOW_INCOME_CUTOFF_DAY;
  const month = nextMonth ? (m % 12) + 1 : m;
  const year = nextMonth && m === 12 ? y + 1 : y;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * The effective month of a stored 救生圈 case: its `subsidy` field names the kind (only 低收入戶 and
 * 中低收入戶 have the rule of seed 000 lines 541–545); null for other subsidies or before the
 * documents are complete.
 */
export function caseEffectiveMonth(subsidyLabel: unknown, documentsCompleteOn: string | null): string | null {
  if (!documentsCompleteOn || typeof subsidyLabel !== 'string') return null;
  const kind = subsidyKindOfLabel(subsidyLabel);
  return kind === 'low-income' || kind === 'middle-low-income' ? assistanceEffectiveMonth(kind, documentsCompleteOn) : null;
}

import type { Deadline, LifeEvent } from '../catalogue/schema';
import { isIsoDate } from '../dates/isoDate';
import { legalDeadline } from '../dates/legalDeadline';
import type { FieldValue } from './schema';

/** The last day of a deadline counted from the event date it names; null when that date is not given. */
export function deadlineFrom(deadline: Deadline | undefined, fields: Record<string, FieldValue | undefined>): string | null {
  const from = deadline ? fields[deadline.from] : undefined;
  return deadline && typeof from === 'string' && isIsoDate(from) ? legalDeadline(from, deadline) : null;
}

/** The citizen's legal deadline for one item of a life event (e.g. 遺產稅申報: 6 months from the death), if the law sets one. */
export function legalDueDateOf(event: LifeEvent | undefined, itemCode: string, fields: Record<string, FieldValue | undefined>): string | null {
  return deadlineFrom(event?.items.find((r) => r.item === itemCode)?.deadline, fields);
}

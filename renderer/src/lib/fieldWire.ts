import type { FieldValue } from '../../../shared/cases/schema';
import type { FieldDef, LifeEvent } from '../../../shared/catalogue/schema';
import { parseTaiwanAddress } from '../../../shared/address';
import { isIsoDate, parseDateInput } from '../../../shared/dates/isoDate';
import { formatRocDateShort } from '../../../shared/validators';

/**
 * The wizard keeps what the clerk typed (ROC dates, addresses as written); these convert on the way
 * to the contract and back. Invalid text passes through unchanged so the validator can name it.
 */
export const isoOr = (raw: string): string => {
  const d = parseDateInput(raw);
  return d.ok ? d.iso : raw.trim();
};

export const canonicalOr = (raw: string): string => {
  const a = parseTaiwanAddress(raw);
  return a.ok ? a.canonical : raw.trim();
};

/** A value as the contract wants it: ISO dates, canonical addresses, whole numbers as numbers, text trimmed. */
export function toWire(field: Pick<FieldDef, 'type'>, value: FieldValue): FieldValue {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text) return text;
  switch (field.type) {
    case 'date':
      return isoOr(text);
    case 'address':
      return canonicalOr(text);
    case 'personId':
      return text.toUpperCase();
    case 'number':
      return /^[0-9０-９]+$/.test(text) ? Number(text.normalize('NFKC')) : text;
    default:
      return text;
  }
}

/** A stored or prefilled value as the input shows it: ISO dates become ROC (115/11/27), lists are joined with 、. */
export function toDisplay(field: Pick<FieldDef, 'type'>, value: FieldValue | undefined): FieldValue {
  if (value === undefined) return field.type === 'boolean' ? false : '';
  if (field.type === 'date' && typeof value === 'string' && isIsoDate(value)) return formatRocDateShort(value);
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'number') return String(value);
  return value;
}

/**
 * Dates the law counts from (a deadline's or a cross-field rule's date: 死亡日期, 分娩日期) are
 * facts the clerk must type; a day that is usually the visit itself (遷入日期) may start as today.
 */
const countedFrom = (event: LifeEvent): Set<string> =>
  new Set([
    ...event.items.flatMap((r) => (r.deadline ? [r.deadline.from] : [])),
    ...event.schedule.flatMap((s) => (s.deadline ? [s.deadline.from] : [])),
    ...event.rules.flatMap((r) => ('different' in r ? r.different : [r.earlier, r.later])),
  ]);

/**
 * What an event field starts with: a required date nothing is counted from is the day of the visit
 * (the 遷入日期 clerks took from the calendar), a required choice its first option (as item fields
 * are prefilled), a yes/no "no". The catalogue has no default of its own yet.
 */
export function initialFields(event: LifeEvent, todayIso: string): Record<string, FieldValue> {
  const counted = countedFrom(event);
  const initial = (f: FieldDef): FieldValue => {
    if (f.type === 'boolean') return false;
    if (f.type === 'date' && f.required && !counted.has(f.key)) return formatRocDateShort(todayIso);
    if (f.type === 'select' && f.required) return f.options?.[0] ?? '';
    return '';
  };
  return Object.fromEntries(event.fields.map((f) => [f.key, initial(f)]));
}

/** The event's fields as the contract (and the catalogue's conditions and deadlines) read them. */
export const wireFields = (defs: readonly FieldDef[], raw: Record<string, FieldValue>): Record<string, FieldValue> =>
  Object.fromEntries(defs.filter((f) => raw[f.key] !== undefined).map((f) => [f.key, toWire(f, raw[f.key]!)]));

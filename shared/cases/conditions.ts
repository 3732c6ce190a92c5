import type { Condition } from '../catalogue/schema';
import type { FieldValue } from './schema';

const isFilled = (v: FieldValue | undefined): boolean =>
  v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

/** Does a catalogue condition hold for these (normalised) event field values? A missing yes/no counts as no. */
export function evaluateCondition(c: Condition, fields: Record<string, FieldValue | undefined>): boolean {
  if (c === 'always') return true;
  if ('all' in c) return c.all.every((x) => evaluateCondition(x, fields));
  if ('any' in c) return c.any.some((x) => evaluateCondition(x, fields));
  if ('not' in c) return !evaluateCondition(c.not, fields);
  const value = fields[c.field];
  if (c.filled !== undefined && isFilled(value) !== c.filled) return false;
  if (c.equals !== undefined) return (typeof c.equals === 'boolean' ? value === true : value) === c.equals;
  return c.filled !== undefined || isFilled(value);
}

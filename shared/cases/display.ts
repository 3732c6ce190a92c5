import type { FieldDef } from '../catalogue/schema';
import { formatRocDate } from '../validators';
import type { FieldValue } from './schema';

/** A stored value as printed and shown: 是／否, ROC dates, NT$ amounts with separators, lists joined with 、. */
export function displayValue(field: Pick<FieldDef, 'type'> | undefined, value: FieldValue): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join('、');
  if (field?.type === 'date' && typeof value === 'string') return formatRocDate(value);
  if (field?.type === 'money' && typeof value === 'number') return `新臺幣 ${value.toLocaleString('en-US')} 元`;
  return String(value);
}

/** The event's fields that hold a value, labelled and in catalogue order. */
export function labelledFields(defs: readonly FieldDef[], values: Record<string, FieldValue>): { key: string; label: string; value: string }[] {
  return defs
    .filter((f) => values[f.key] !== undefined && values[f.key] !== '')
    .map((f) => ({ key: f.key, label: f.label, value: displayValue(f, values[f.key]!) }));
}

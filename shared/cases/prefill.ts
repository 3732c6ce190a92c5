import type { CatalogueItem, LifeEvent } from '../catalogue/schema';
import type { FieldValue, ParticipantInput } from './schema';

/** What prefill reads: the participants and event fields the clerk has typed so far. */
export type PrefillSource = { participants: ParticipantInput[]; fields: Record<string, FieldValue | undefined> };

/** The value a `from` path names (`newAddress`, `deceased.name`, `person.id` for the primary participant). */
export function valueAt(event: LifeEvent, source: PrefillSource, path: string): FieldValue | undefined {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) return source.fields[head];
  const role = head === 'person' ? event.participants[0]?.role : head;
  const p = source.participants.find((x) => x.role === role);
  return p ? (p as Record<string, string | undefined>)[tail] : undefined;
}

/** Prefills an item's fields from the draft (the `from` links in the catalogue), so nothing is typed twice. */
export function prefillItemFields(item: CatalogueItem, event: LifeEvent, source: PrefillSource): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of item.fields) {
    if (f.from) out[f.key] = valueAt(event, source, f.from) ?? '';
    else if (f.type === 'boolean') out[f.key] = false;
    else if (f.type === 'select' && f.options) out[f.key] = f.options[0] ?? '';
    else if (f.type === 'parcels' || f.type === 'plates') out[f.key] = [];
    else out[f.key] = '';
  }
  return out;
}

import type { FieldValue, ParticipantInput } from '../../../shared/cases/schema';
import type { CatalogueItem, LifeEvent, LifeEventItem } from '../../../shared/catalogue/schema';
import { evaluateCondition } from '../../../shared/cases/conditions';
import { prefillItemFields } from '../../../shared/cases/prefill';
import { findItem, findLifeEvent, type Catalogue } from './catalogue';
import { toDisplay, wireFields } from './fieldWire';
import { participantsOf, type ParticipantRow } from './participantRows';

/** One agency item in the wizard: ticked or not, its payload as typed, and what was prefilled last time. */
export type ItemState = {
  selected: boolean;
  fields: Record<string, FieldValue>;
  /** The values prefilled last time, so a field the clerk has not edited follows its source. */
  prefill: Record<string, FieldValue>;
  /** The clerk's choice of another office than the routed one, and why (issue 14 §1); absent: the routed office. */
  receiver?: { agency: string; reason: string };
};

type ItemSource = { lifeEvent: string; participants: ParticipantRow[]; fields: Record<string, FieldValue>; items: Record<string, ItemState> };

/** Whether the event's condition forces the item on or off (稅單查證 iff no house-tax bill); undefined when the clerk decides. */
export const forcedSelection = (ref: LifeEventItem, fields: Record<string, FieldValue>): boolean | undefined =>
  ref.when === 'always' ? undefined : evaluateCondition(ref.when, fields);

/** Prefill values for an item from the participants and event fields typed so far (canonical addresses, ISO dates), as the inputs show them. */
export function prefillFor(item: CatalogueItem, event: LifeEvent, input: ItemSource): Record<string, FieldValue> {
  const source = { participants: participantsOf(event, input.participants).input as ParticipantInput[], fields: wireFields(event.fields, input.fields) };
  const raw = prefillItemFields(item, event, source);
  return Object.fromEntries(item.fields.map((f) => [f.key, toDisplay(f, raw[f.key])]));
}

/**
 * Brings the item states in line with the life event: new items get prefilled, fields the clerk
 * has not touched follow their source (e.g. a corrected new address), forced items follow the rule.
 */
export function syncItems(input: ItemSource, catalogue: Catalogue): Record<string, ItemState> {
  const event = findLifeEvent(catalogue, input.lifeEvent);
  if (!event) return input.items;
  const fields = wireFields(event.fields, input.fields);
  const out: Record<string, ItemState> = {};
  for (const ref of event.items) {
    const item = findItem(catalogue, ref.item);
    if (!item) continue;
    const prefill = prefillFor(item, event, input);
    const forced = forcedSelection(ref, fields);
    const existing = input.items[ref.item];
    if (!existing) {
      out[ref.item] = { selected: forced ?? ref.preselected, fields: { ...prefill }, prefill };
      continue;
    }
    const next = { ...existing.fields };
    for (const f of item.fields) {
      if (f.from && next[f.key] === existing.prefill[f.key]) next[f.key] = prefill[f.key] ?? '';
    }
    out[ref.item] = { ...existing, selected: forced ?? existing.selected, fields: next, prefill };
  }
  return out;
}

import type { Catalogue, CatalogueItem } from '../catalogue/schema';
import { resolveReceiver, type Receiver, type ReceiverOverride } from './override';

export type ReceiverError = { path: string; code: string; message: string };

/**
 * Every chosen item's receiving office for one case: what the counter stores when it saves and
 * what the wizard shows on its review step (same function, so the office shown is the office
 * saved). `choices` holds the clerk's overrides by item code. Errors carry the draft path the UI
 * shows them next to (`items.N04.agency`).
 */
export function receiversFor(
  catalogue: Pick<Catalogue, 'agencies' | 'items'>,
  items: readonly { item: CatalogueItem; fields: Record<string, unknown> }[],
  choices: ReadonlyMap<string, ReceiverOverride> = new Map(),
): { ok: true; value: Map<string, Receiver> } | { ok: false; errors: ReceiverError[] } {
  const value = new Map<string, Receiver>();
  const errors: ReceiverError[] = [];
  for (const { item, fields } of items) {
    const r = resolveReceiver(catalogue, item, fields, choices.get(item.code));
    if (r.ok) value.set(item.code, r.value);
    else errors.push({ path: `items.${item.code}.agency`, ...r.error });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The clerk's overrides a draft carries (`items[].agency`, `items[].agencyReason`), by item code. */
export function choicesOf(draft: { items?: readonly object[] }): Map<string, ReceiverOverride> {
  const choices = new Map<string, ReceiverOverride>();
  for (const entry of draft.items ?? []) {
    const { code, agency, agencyReason } = entry as { code?: unknown; agency?: unknown; agencyReason?: unknown };
    if (typeof code !== 'string' || typeof agency !== 'string') continue;
    choices.set(code, { agency, agencyReason: typeof agencyReason === 'string' ? agencyReason : undefined });
  }
  return choices;
}

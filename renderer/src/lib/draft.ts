import type { CaseDraft, FieldValue } from '../../../shared/cases/schema';
import { prefillItemFields, validateDraft, type FieldError } from '../../../shared/cases/validateDraft';
import type { CatalogueItem, ItemField, LifeEvent } from '../../../shared/catalogue/schema';
import { parseTaiwanAddress } from '../../../shared/address';
import { isIsoDate, parseDateInput } from '../../../shared/dates/isoDate';
import { formatRocDateShort } from '../../../shared/validators';
import type { Catalogue } from '../stores/session';

/** What the wizard holds: the clerk's raw text (ROC dates, addresses as typed), converted on the way out. */
export type ItemState = {
  selected: boolean;
  fields: Record<string, FieldValue>;
  /** The values prefilled last time, so a field the clerk has not edited follows its source. */
  prefill: Record<string, FieldValue>;
};

export type DraftInput = {
  lifeEvent: string;
  person: { id: string; name: string; birth: string; phone: string };
  oldAddress: string;
  newAddress: string;
  moveDate: string;
  hasHouseTaxBill: boolean;
  items: Record<string, ItemState>;
};

export type WizardStep = 1 | 2 | 3 | 4;

export const STEP_TITLES: Record<WizardStep, string> = { 1: '民眾資料', 2: '遷徙資料', 3: '通報機關', 4: '確認儲存' };

/** Which step shows the field an error path belongs to. */
export const stepOfPath = (path: string): WizardStep => {
  if (path.startsWith('person.')) return 1;
  if (path.startsWith('items')) return 3;
  return 2;
};

const isoOr = (raw: string): string => {
  const d = parseDateInput(raw);
  return d.ok ? d.iso : raw.trim();
};

const canonicalOr = (raw: string): string => {
  const a = parseTaiwanAddress(raw);
  return a.ok ? a.canonical : raw.trim();
};

export const findLifeEvent = (catalogue: Catalogue, code: string): LifeEvent | undefined =>
  catalogue.lifeEvents.find((e) => e.code === code);

export const findItem = (catalogue: Catalogue, code: string): CatalogueItem | undefined =>
  catalogue.items.find((i) => i.code === code);

/** Items the event forces on or off (稅單查證 iff no house-tax bill); undefined when the clerk decides. */
export const forcedSelection = (when: LifeEvent['items'][number]['when'], hasHouseTaxBill: boolean): boolean | undefined =>
  when === 'noHouseTaxBill' ? !hasHouseTaxBill : undefined;

/** A stored field value as the input shows it: ISO dates become ROC (115/11/27). */
export const toDisplay = (field: ItemField, value: FieldValue | undefined): FieldValue => {
  if (value === undefined) return field.type === 'boolean' ? false : '';
  if (field.type === 'date' && typeof value === 'string' && isIsoDate(value)) return formatRocDateShort(value);
  return value;
};

/** The field value as the contract wants it: ISO dates, numbers as numbers, text trimmed. */
const toWire = (field: ItemField, value: FieldValue): FieldValue => {
  if (typeof value !== 'string') return value;
  if (field.type === 'date' && value.trim()) return isoOr(value);
  if (field.type === 'number' && /^\s*[0-9０-９]+\s*$/.test(value)) return Number(value.trim().normalize('NFKC'));
  return value.trim();
};

/** Prefill values for an item from what the clerk typed in steps 1–2 (canonical addresses, ISO dates). */
export function prefillFor(item: CatalogueItem, input: DraftInput): Record<string, FieldValue> {
  const source = {
    person: { id: input.person.id.trim().toUpperCase(), name: input.person.name.trim(), birthDate: isoOr(input.person.birth) },
    oldAddress: canonicalOr(input.oldAddress),
    newAddress: canonicalOr(input.newAddress),
    moveDate: isoOr(input.moveDate),
  };
  const raw = prefillItemFields(item, source);
  const out: Record<string, FieldValue> = {};
  for (const f of item.fields) out[f.key] = toDisplay(f, raw[f.key]);
  return out;
}

/**
 * Brings the item states in line with the life event: new items get prefilled, fields the clerk
 * has not touched follow their source (e.g. a corrected new address), forced items follow the rule.
 */
export function syncItems(input: DraftInput, catalogue: Catalogue): Record<string, ItemState> {
  const event = findLifeEvent(catalogue, input.lifeEvent);
  if (!event) return input.items;
  const out: Record<string, ItemState> = {};
  for (const ref of event.items) {
    const item = findItem(catalogue, ref.item);
    if (!item) continue;
    const prefill = prefillFor(item, input);
    const forced = forcedSelection(ref.when, input.hasHouseTaxBill);
    const existing = input.items[ref.item];
    if (!existing) {
      out[ref.item] = { selected: forced ?? ref.preselected, fields: { ...prefill }, prefill };
      continue;
    }
    const fields = { ...existing.fields };
    for (const f of item.fields) {
      if (f.from && fields[f.key] === existing.prefill[f.key]) fields[f.key] = prefill[f.key] ?? '';
    }
    out[ref.item] = { selected: forced ?? existing.selected, fields, prefill };
  }
  return out;
}

/** The contract's CaseDraft from the wizard state, items in the life event's order. */
export function buildDraft(input: DraftInput, catalogue: Catalogue): CaseDraft {
  const event = findLifeEvent(catalogue, input.lifeEvent);
  const items: CaseDraft['items'] = [];
  for (const ref of event?.items ?? []) {
    const state = input.items[ref.item];
    const item = findItem(catalogue, ref.item);
    if (!state?.selected || !item) continue;
    const fields: Record<string, FieldValue> = {};
    for (const f of item.fields) {
      const v = state.fields[f.key];
      if (v !== undefined) fields[f.key] = toWire(f, v);
    }
    items.push({ code: ref.item, fields });
  }
  const phone = input.person.phone.trim();
  return {
    lifeEvent: input.lifeEvent,
    person: { id: input.person.id.trim(), name: input.person.name.trim(), birthDate: isoOr(input.person.birth), ...(phone ? { phone } : {}) },
    oldAddress: input.oldAddress.trim(),
    newAddress: input.newAddress.trim(),
    moveDate: isoOr(input.moveDate),
    hasHouseTaxBill: input.hasHouseTaxBill,
    items,
  };
}

/** Field errors for the whole draft, first message per path, in the validator's (= form) order. */
export function draftErrors(input: DraftInput, catalogue: Catalogue, todayIso: string): FieldError[] {
  const result = validateDraft(buildDraft(input, catalogue), catalogue, todayIso);
  if (result.ok) return [];
  const seen = new Set<string>();
  return result.errors.filter((e) => (seen.has(e.path) ? false : (seen.add(e.path), true)));
}

/** Has the clerk typed anything worth a "discard?" question. */
export function hasDraftData(input: DraftInput): boolean {
  const p = input.person;
  if ([p.id, p.name, p.birth, p.phone, input.oldAddress, input.newAddress].some((s) => s.trim() !== '')) return true;
  return Object.values(input.items).some((it) => Object.entries(it.fields).some(([k, v]) => v !== it.prefill[k]));
}

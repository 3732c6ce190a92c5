import { parseTaiwanAddress } from '../address';
import type { Catalogue, CatalogueItem, ItemField, LifeEvent } from '../catalogue/schema';
import { parseDateInput } from '../dates/isoDate';
import { validatePersonId } from '../validators';
import type { CaseDraft, FieldValue } from './schema';

/** A problem with one input, located by the form path the UI shows it next to (`person.id`, `items.N01.mailingAddress`). */
export type FieldError = { path: string; code: string; message: string };

export type NormalisedItem = { item: CatalogueItem; fields: Record<string, FieldValue> };

export type NormalisedDraft = {
  lifeEvent: LifeEvent;
  person: { id: string; idKind: 'national' | 'resident'; name: string; birthDate: string; phone: string | null };
  oldAddress: string;
  newAddress: string;
  moveDate: string;
  hasHouseTaxBill: boolean;
  items: NormalisedItem[];
};

export type DraftValidation = { ok: true; value: NormalisedDraft } | { ok: false; errors: FieldError[] };

/** Records a field error; returns undefined so a validator can `return fail(...)`. */
type Fail = (code: string, message: string) => undefined;

const PHONE = /^[0-9+\-() #]{6,20}$/;

/**
 * The one validator for a case: the wizard runs it live as the clerk types, the services run it
 * again before anything is stored. Every check returns a zh-TW message; nothing throws.
 */
export function validateDraft(draft: CaseDraft, catalogue: Catalogue, today: string): DraftValidation {
  const errors: FieldError[] = [];
  const fail = (path: string, code: string, message: string) => errors.push({ path, code, message });

  const lifeEvent = catalogue.lifeEvents.find((e) => e.code === draft.lifeEvent);
  if (!lifeEvent) fail('lifeEvent', 'LIFE_EVENT_UNKNOWN', `未知的生活事件「${draft.lifeEvent}」`);

  const id = validatePersonId(draft.person.id);
  if (!id.ok) fail('person.id', id.code, id.message);

  const name = draft.person.name.trim();
  if (!name) fail('person.name', 'PERSON_NAME_EMPTY', '請輸入姓名');
  else if (/[0-9<>{}]/.test(name)) fail('person.name', 'PERSON_NAME_FORMAT', '姓名含有不允許的字元');

  const birth = parseDateInput(draft.person.birthDate);
  if (!birth.ok) fail('person.birthDate', birth.code, birth.message);
  else if (birth.iso > today) fail('person.birthDate', 'BIRTH_DATE_FUTURE', '出生日期不可晚於今天');

  const phone = draft.person.phone?.trim() ?? '';
  if (phone && !PHONE.test(phone)) fail('person.phone', 'PHONE_FORMAT', '電話號碼格式不正確（僅限數字、+、-、括號）');

  const oldAddress = parseTaiwanAddress(draft.oldAddress);
  if (!oldAddress.ok) fail('oldAddress', oldAddress.code, `原住址：${oldAddress.message}`);
  const newAddress = parseTaiwanAddress(draft.newAddress);
  if (!newAddress.ok) fail('newAddress', newAddress.code, `新住址：${newAddress.message}`);
  if (oldAddress.ok && newAddress.ok && oldAddress.canonical === newAddress.canonical) {
    fail('newAddress', 'ADDRESS_UNCHANGED', '新住址與原住址相同');
  }

  const moveDate = parseDateInput(draft.moveDate);
  if (!moveDate.ok) fail('moveDate', moveDate.code, moveDate.message);
  else if (moveDate.iso > today) fail('moveDate', 'MOVE_DATE_FUTURE', '遷入日期不可晚於今天');

  const items: NormalisedItem[] = [];
  if (lifeEvent) {
    const chosen = resolveItems(draft, lifeEvent, fail);
    for (const { code, fields } of chosen) {
      const item = catalogue.items.find((it) => it.code === code);
      if (!item) {
        fail(`items.${code}`, 'ITEM_UNKNOWN', `未知的服務項目「${code}」`);
        continue;
      }
      const values = validateItemFields(item, fields, (key, c, m) => fail(`items.${code}.${key}`, c, m));
      items.push({ item, fields: values });
    }
    if (items.length === 0 && chosen.length === 0) fail('items', 'ITEMS_EMPTY', '請至少勾選一個通報機關');
  }

  if (errors.length > 0 || !lifeEvent || !id.ok || !birth.ok || !oldAddress.ok || !newAddress.ok || !moveDate.ok) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      lifeEvent,
      person: { id: id.id, idKind: id.kind, name, birthDate: birth.iso, phone: phone || null },
      oldAddress: oldAddress.canonical,
      newAddress: newAddress.canonical,
      moveDate: moveDate.iso,
      hasHouseTaxBill: draft.hasHouseTaxBill,
      items,
    },
  };
}

/**
 * Items the case will carry: what the clerk ticked, restricted to the life event's bundle, plus the
 * conditional ones the event requires (a citizen without the house-tax bill needs the 稅單查證).
 */
function resolveItems(
  draft: CaseDraft,
  lifeEvent: LifeEvent,
  fail: (path: string, code: string, message: string) => void,
): CaseDraft['items'] {
  const allowed = new Set(lifeEvent.items.map((r) => r.item));
  const seen = new Set<string>();
  const chosen: CaseDraft['items'] = [];
  for (const entry of draft.items) {
    if (!allowed.has(entry.code)) fail(`items.${entry.code}`, 'ITEM_NOT_IN_EVENT', `「${entry.code}」不屬於生活事件「${lifeEvent.name}」`);
    else if (seen.has(entry.code)) fail(`items.${entry.code}`, 'ITEM_DUPLICATE', `服務項目「${entry.code}」重複`);
    else {
      seen.add(entry.code);
      chosen.push(entry);
    }
  }
  for (const ref of lifeEvent.items) {
    if (ref.when === 'noHouseTaxBill' && !draft.hasHouseTaxBill && !seen.has(ref.item)) {
      fail(`items.${ref.item}`, 'ITEM_REQUIRED_BY_EVENT', '民眾未攜帶房屋稅單，須一併辦理稅單查證');
    }
    if (ref.when === 'noHouseTaxBill' && draft.hasHouseTaxBill && seen.has(ref.item)) {
      fail(`items.${ref.item}`, 'ITEM_NOT_NEEDED', '民眾已攜帶房屋稅單，不需辦理稅單查證');
    }
  }
  return chosen;
}

/** Checks one item's payload against its catalogue field list and returns normalised values. */
export function validateItemFields(
  item: CatalogueItem,
  input: Record<string, FieldValue>,
  fail: (key: string, code: string, message: string) => void,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const known = new Set(item.fields.map((f) => f.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) fail(key, 'FIELD_UNKNOWN', `「${item.title}」沒有欄位「${key}」`);
  }
  for (const field of item.fields) {
    const value = validateField(field, input[field.key], (c, m) => {
      fail(field.key, c, m);
      return undefined;
    });
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

function validateField(field: ItemField, raw: FieldValue | undefined, fail: Fail): FieldValue | undefined {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  const empty = text === undefined || text === '' || text === false;
  if (empty) {
    if (field.required) {
      if (field.type === 'boolean') fail('FIELD_MUST_CONFIRM', `請確認「${field.label}」`);
      else fail('FIELD_REQUIRED', `請填寫「${field.label}」`);
    }
    return field.type === 'boolean' ? false : undefined;
  }
  switch (field.type) {
    case 'boolean':
      if (typeof text !== 'boolean') return fail('FIELD_TYPE', `「${field.label}」須為是或否`);
      return text;
    case 'number': {
      const n = typeof text === 'number' ? text : Number(String(text).normalize('NFKC'));
      if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) return fail('FIELD_NUMBER', `「${field.label}」須為正整數`);
      return n;
    }
    default: {
      if (typeof text !== 'string') return fail('FIELD_TYPE', `「${field.label}」須為文字`);
      if (field.maxLength !== undefined && [...text].length > field.maxLength) {
        return fail('FIELD_TOO_LONG', `「${field.label}」最多 ${field.maxLength} 字`);
      }
      return validateTextField(field, text, fail);
    }
  }
}

function validateTextField(field: ItemField, text: string, fail: Fail): string | undefined {
  switch (field.type) {
    case 'address': {
      const a = parseTaiwanAddress(text);
      return a.ok ? a.canonical : fail(a.code, `「${field.label}」：${a.message}`);
    }
    case 'date': {
      const d = parseDateInput(text);
      return d.ok ? d.iso : fail(d.code, `「${field.label}」：${d.message}`);
    }
    case 'personId': {
      const p = validatePersonId(text);
      return p.ok ? p.id : fail(p.code, `「${field.label}」：${p.message}`);
    }
    case 'select':
      return field.options?.includes(text) ? text : fail('FIELD_OPTION', `「${field.label}」須為：${field.options?.join('、')}`);
    default:
      return text;
  }
}

/** Prefills an item's fields from the draft (the `from` links in the catalogue). */
export function prefillItemFields(item: CatalogueItem, draft: Pick<CaseDraft, 'person' | 'oldAddress' | 'newAddress' | 'moveDate'>): Record<string, FieldValue> {
  const source: Record<string, string> = {
    'person.name': draft.person.name,
    'person.id': draft.person.id,
    oldAddress: draft.oldAddress,
    newAddress: draft.newAddress,
    moveDate: draft.moveDate,
  };
  const out: Record<string, FieldValue> = {};
  for (const f of item.fields) {
    if (f.from) out[f.key] = source[f.from] ?? '';
    else if (f.type === 'boolean') out[f.key] = false;
    else if (f.type === 'select' && f.options) out[f.key] = f.options[0] ?? '';
    else out[f.key] = '';
  }
  return out;
}

import type { Catalogue, CatalogueItem, LifeEvent, ParticipantRole } from '../catalogue/schema';
import { parseDateInput } from '../dates/isoDate';
import { isRelation, RELATIONS } from '../household/relations';
import { validatePersonId } from '../validators';
import { evaluateCondition } from './conditions';
import { validateField } from './fieldValues';
import { checkRules } from './rules';
import { deadlineFrom } from './deadlines';
import { CaseDraft, type FieldValue, type GeneralDraftValue as GeneralDraft } from './schema';
import { formatIssuePath } from '../zod';
import { parseTaiwanAddress } from '../address';

export type { FieldError, NormalisedDocument, NormalisedDraft, NormalisedItem, NormalisedParticipant } from './normalised';
import type { FieldError, NormalisedDocument, NormalisedDraft, NormalisedItem, NormalisedParticipant } from './normalised';

export type DraftValidation = { ok: true; value: NormalisedDraft } | { ok: false; errors: FieldError[] };

type Fail = (path: string, code: string, message: string) => void;

const PHONE = /^[0-9+\-() #]{6,20}$/;

/**
 * The one validator for a case, for every life event: the wizard runs it live as the clerk types,
 * the services run it again before anything is stored. It reads the life event's definition
 * (participants, fields, rules, items, checklist) and knows no event by name. Nothing throws.
 */
export function validateDraft(input: unknown, catalogue: Catalogue, today: string): DraftValidation {
  const parsed = CaseDraft.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), code: 'DRAFT_SHAPE', message: i.message })) };
  }
  const draft = parsed.data;
  const errors: FieldError[] = [];
  const fail: Fail = (path, code, message) => errors.push({ path, code, message });

  const lifeEvent = catalogue.lifeEvents.find((e) => e.code === draft.lifeEvent);
  if (!lifeEvent) {
    fail('lifeEvent', 'LIFE_EVENT_UNKNOWN', `未知的生活事件「${draft.lifeEvent}」`);
    return { ok: false, errors };
  }

  const people = validateParticipants(draft.participants, lifeEvent, today, fail);
  const given = validateEventFields(lifeEvent, draft.fields, today, fail);
  // Cross-field rules run on whatever is already valid, so a clerk sees "the mother is younger than
  // the newborn" while other fields are still being typed.
  checkRules(lifeEvent, people.list, given.values, fail);
  const participants = people.ok && people.list.length > 0 ? people.list : undefined;
  const fields = given.ok ? given.values : undefined;
  const items = fields ? validateItems(draft.items, lifeEvent, catalogue, fields, fail) : [];
  const documents = fields ? validateDocuments(draft.documents, lifeEvent, fields, fail) : [];

  if (errors.length > 0 || !participants || !fields) return { ok: false, errors };
  const chosen = new Set(items.map((i) => i.item.code));
  const spared = lifeEvent.items.filter((r) => chosen.has(r.item)).reduce((n, r) => n + r.spares.length, 0);
  return {
    ok: true,
    value: {
      lifeEvent,
      participants,
      fields,
      items,
      documents,
      documentsSpared: spared + documents.filter((d) => d.status === 'spared').length,
      language: draft.language ?? null,
    },
  };
}

function validateParticipants(
  input: GeneralDraft['participants'],
  event: LifeEvent,
  today: string,
  fail: Fail,
): { list: NormalisedParticipant[]; ok: boolean } {
  let ok = true;
  const bad: Fail = (p, c, m) => {
    ok = false;
    fail(p, c, m);
  };
  const out: { index: number; value: NormalisedParticipant }[] = [];
  const idsByRole = new Map<string, Map<string, number>>();
  input.forEach((p, i) => {
    const at = (f: string) => `participants[${i}].${f}`;
    const role = event.participants.find((r) => r.role === p.role);
    if (!role) {
      bad(at('role'), 'PARTICIPANT_ROLE_UNKNOWN', `生活事件「${event.name}」沒有「${p.role}」這個角色`);
      return;
    }
    const who = role.label;
    const name = p.name.trim();
    if (!name) bad(at('name'), 'PERSON_NAME_EMPTY', `請輸入${who}姓名`);
    else if (/[0-9<>{}]/.test(name)) bad(at('name'), 'PERSON_NAME_FORMAT', `${who}姓名含有不允許的字元`);

    let id: string | null = null;
    let idKind: NormalisedParticipant['idKind'] = null;
    const rawId = p.id?.trim() ?? '';
    if (rawId || role.idRequired) {
      const v = validatePersonId(rawId);
      if (!v.ok) bad(at('id'), v.code, `${who}：${v.message}`);
      else {
        id = v.id;
        idKind = v.kind;
        const seen = idsByRole.get(role.role) ?? new Map<string, number>();
        const first = seen.get(v.id);
        if (first !== undefined) bad(at('id'), 'PARTICIPANT_DUPLICATE', `${who}「${name}」重複列出（與第 ${first + 1} 位相同）`);
        else seen.set(v.id, i);
        idsByRole.set(role.role, seen);
      }
    }

    const want = (f: keyof ParticipantRole['person']) => role.person[f];
    const textOf = (f: 'birthDate' | 'phone' | 'address' | 'relation' | 'title') => (p[f] ?? '').trim();
    for (const f of ['birthDate', 'phone', 'address', 'relation', 'title'] as const) {
      if (!want(f) && textOf(f)) bad(at(f), 'PERSON_FIELD_UNKNOWN', `${who}不需填寫此欄位`);
      if (want(f) === 'required' && !textOf(f)) bad(at(f), 'PERSON_FIELD_REQUIRED', `請填寫${who}的${PERSON_FIELD_LABEL[f]}`);
    }
    let birthDate: string | null = null;
    if (textOf('birthDate')) {
      const b = parseDateInput(textOf('birthDate'));
      if (!b.ok) bad(at('birthDate'), b.code, `${who}出生日期：${b.message}`);
      else if (b.iso > today) bad(at('birthDate'), 'BIRTH_DATE_FUTURE', `${who}出生日期不可晚於今天`);
      else birthDate = b.iso;
    }
    const phone = textOf('phone');
    if (phone && !PHONE.test(phone)) bad(at('phone'), 'PHONE_FORMAT', '電話號碼格式不正確（僅限數字、+、-、括號）');
    let address: string | null = null;
    if (textOf('address')) {
      const a = parseTaiwanAddress(textOf('address'));
      if (!a.ok) bad(at('address'), a.code, `${who}地址：${a.message}`);
      else address = a.canonical;
    }
    const relation = textOf('relation');
    if (relation && !isRelation(relation)) {
      bad(at('relation'), 'RELATION_UNKNOWN', `未知的關係「${relation}」，須為：${Object.values(RELATIONS).map((r) => r.label).join('、')}`);
    }
    out.push({
      index: event.participants.indexOf(role),
      value: { role, id, idKind, name, birthDate, phone: phone || null, address, relation: relation || null, title: textOf('title') || null },
    });
  });

  for (const role of event.participants) {
    const n = out.filter((p) => p.value.role === role).length;
    if (n < role.min) fail('participants', 'PARTICIPANT_MISSING', role.min === 1 ? `請填寫${role.label}資料` : `${role.label}至少 ${role.min} 位`);
    if (n > role.max) fail('participants', 'PARTICIPANT_TOO_MANY', `${role.label}最多 ${role.max} 位`);
  }
  // Stable sort: the event's role order, then the order given (the primary participant comes first).
  return { list: out.sort((a, b) => a.index - b.index).map((p) => p.value), ok };
}

const PERSON_FIELD_LABEL = { birthDate: '出生日期', phone: '電話', address: '地址', relation: '關係', title: '稱謂' } as const;

/** The event fields that are valid (normalised), and whether all were. */
function validateEventFields(event: LifeEvent, input: Record<string, FieldValue>, today: string, fail: Fail): { values: Record<string, FieldValue>; ok: boolean } {
  let ok = true;
  const out: Record<string, FieldValue> = {};
  const known = new Set(event.fields.map((f) => f.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      ok = false;
      fail(`fields.${key}`, 'FIELD_UNKNOWN', `生活事件「${event.name}」沒有欄位「${key}」`);
    }
  }
  for (const field of event.fields) {
    const value = validateField(field, input[field.key], today, (code, message) => {
      ok = false;
      fail(`fields.${field.key}`, code, message);
    });
    if (value !== undefined) out[field.key] = value;
  }
  return { values: out, ok };
}

/**
 * Items the case will carry: what the clerk ticked, within the event's bundle, checked against the
 * event's conditions (an item with a condition is in the case exactly when it holds).
 */
function validateItems(
  input: GeneralDraft['items'],
  event: LifeEvent,
  catalogue: Catalogue,
  fields: Record<string, FieldValue>,
  fail: Fail,
): NormalisedItem[] {
  const refs = new Map(event.items.map((r) => [r.item, r]));
  const seen = new Set<string>();
  const items: NormalisedItem[] = [];
  for (const entry of input) {
    const ref = refs.get(entry.code);
    const item = catalogue.items.find((it) => it.code === entry.code);
    if (!ref || !item) {
      fail(`items.${entry.code}`, 'ITEM_NOT_IN_EVENT', `「${entry.code}」不屬於生活事件「${event.name}」`);
      continue;
    }
    if (seen.has(entry.code)) {
      fail(`items.${entry.code}`, 'ITEM_DUPLICATE', `服務項目「${entry.code}」重複`);
      continue;
    }
    seen.add(entry.code);
    if (ref.when !== 'always' && !evaluateCondition(ref.when, fields)) {
      fail(`items.${entry.code}`, 'ITEM_NOT_NEEDED', `依本案資料不需辦理「${item.title}」`);
      continue;
    }
    const values = validateItemFields(item, entry.fields, (key, c, m) => fail(`items.${entry.code}.${key}`, c, m));
    items.push({ item, fields: values, dueDate: deadlineFrom(ref.deadline, fields) });
  }
  for (const ref of event.items) {
    if (ref.when !== 'always' && !seen.has(ref.item) && evaluateCondition(ref.when, fields)) {
      const title = catalogue.items.find((it) => it.code === ref.item)?.title ?? ref.item;
      fail(`items.${ref.item}`, 'ITEM_REQUIRED_BY_EVENT', `${ref.reason ?? '依本案資料'}，須一併辦理「${title}」`);
    }
  }
  if (input.length === 0) fail('items', 'ITEMS_EMPTY', '請至少勾選一個通報機關');
  // The catalogue's order, so the form and the envelope list items the same way every time.
  const order = event.items.map((r) => r.item);
  return items.sort((a, b) => order.indexOf(a.item.code) - order.indexOf(b.item.code));
}

function validateDocuments(
  input: GeneralDraft['documents'],
  event: LifeEvent,
  fields: Record<string, FieldValue>,
  fail: Fail,
): NormalisedDocument[] {
  const applicable = event.documents.filter((d) => evaluateCondition(d.when, fields));
  const given = new Map<string, GeneralDraft['documents'][number]['status']>();
  input.forEach((d, i) => {
    const def = applicable.find((a) => a.code === d.code);
    if (!def) fail(`documents[${i}].code`, 'DOCUMENT_UNKNOWN', `本案的文件清單沒有「${d.code}」`);
    else if (given.has(d.code)) fail(`documents[${i}].code`, 'DOCUMENT_DUPLICATE', `文件「${def.name}」重複`);
    else if (d.status === 'spared' && !def.spareable) fail(`documents[${i}].status`, 'DOCUMENT_NOT_SPAREABLE', `「${def.name}」無法由機關查調，須由民眾提供`);
    else given.set(d.code, d.status);
  });
  const out: NormalisedDocument[] = [];
  for (const def of applicable) {
    const status = given.get(def.code);
    if (status) out.push({ code: def.code, name: def.name, status });
    else if (def.required) fail(`documents.${def.code}`, 'DOCUMENT_UNMARKED', `請註記「${def.name}」為已備、免附或欠缺`);
  }
  return out;
}

/** Checks one item's payload against its catalogue field list and returns normalised values. */
export function validateItemFields(
  item: CatalogueItem,
  input: Record<string, FieldValue>,
  fail: (key: string, code: string, message: string) => void,
  today = '9999-12-31',
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const known = new Set(item.fields.map((f) => f.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) fail(key, 'FIELD_UNKNOWN', `「${item.title}」沒有欄位「${key}」`);
  }
  for (const field of item.fields) {
    // Item dates (a doorplate date, a due date) are not limited to the past; event dates are.
    const value = validateField({ ...field, future: true }, input[field.key], today, (c, m) => fail(field.key, c, m));
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}


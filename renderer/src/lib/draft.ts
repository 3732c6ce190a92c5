import type { FieldValue, GeneralDraft } from '../../../shared/cases/schema';
import type { z } from '../../../shared/zod';
import type { Language } from '../../../shared/language/languages';
import { evaluateCondition } from '../../../shared/cases/conditions';
import { validateDraft, type FieldError } from '../../../shared/cases/validateDraft';
import type { ChecklistDocument, LifeEvent } from '../../../shared/catalogue/schema';
import { findItem, findLifeEvent, type Catalogue } from './catalogue';
import { initialFields, toWire, wireFields } from './fieldWire';
import type { ItemState } from './itemStates';
import { participantsOf, type ParticipantRow } from './participantRows';

export type { ItemState } from './itemStates';

/** A checklist document's mark; '' until the clerk has said (the validator wants every required one marked). */
export type DocumentMark = '' | 'present' | 'spared' | 'missing';

/** What the wizard holds: the clerk's raw text (ROC dates, addresses as typed), converted on the way out. */
export type DraftInput = {
  lifeEvent: string;
  participants: ParticipantRow[];
  fields: Record<string, FieldValue>;
  items: Record<string, ItemState>;
  documents: Record<string, DocumentMark>;
  /** The citizen's language for the printouts; absent or zh-TW: Chinese only. */
  language?: Language;
};

/** The general draft `cases.create` takes (defaults not yet applied). */
export type GeneralDraftInput = z.input<typeof GeneralDraft>;

/** The checklist documents that apply to this case (e.g. 身心障礙證明 only for that subsidy). */
export const applicableDocuments = (event: LifeEvent, fields: Record<string, FieldValue>): ChecklistDocument[] =>
  event.documents.filter((d) => evaluateCondition(d.when, wireFields(event.fields, fields)));

/**
 * The contract's draft from the wizard state (participants in the event's role order, items in the
 * event's order), with the participant row each draft participant came from.
 */
export function toDraft(input: DraftInput, catalogue: Catalogue): { draft: GeneralDraftInput; rowOf: number[]; documentCodes: string[] } {
  const event = findLifeEvent(catalogue, input.lifeEvent);
  if (!event) return { draft: { lifeEvent: input.lifeEvent, participants: [], fields: {}, items: [], documents: [] }, rowOf: [], documentCodes: [] };
  const { input: participants, rowOf } = participantsOf(event, input.participants);
  const items: GeneralDraftInput['items'] = [];
  for (const ref of event.items) {
    const state = input.items[ref.item];
    const item = findItem(catalogue, ref.item);
    if (!state?.selected || !item) continue;
    const fields: Record<string, FieldValue> = {};
    for (const f of item.fields) {
      const v = state.fields[f.key];
      if (v !== undefined) fields[f.key] = toWire(f, v);
    }
    items.push(state.receiver ? { code: ref.item, fields, agency: state.receiver.agency, agencyReason: state.receiver.reason } : { code: ref.item, fields });
  }
  const documents: NonNullable<GeneralDraftInput['documents']> = [];
  for (const d of applicableDocuments(event, input.fields)) {
    const mark = input.documents[d.code];
    if (mark) documents.push({ code: d.code, status: mark });
  }
  const draft: GeneralDraftInput = {
    lifeEvent: event.code,
    participants,
    fields: wireFields(event.fields, input.fields),
    items,
    documents,
    ...(input.language && input.language !== 'zh-TW' ? { language: input.language } : {}),
  };
  return { draft, rowOf, documentCodes: documents.map((d) => d.code) };
}

export const buildDraft = (input: DraftInput, catalogue: Catalogue): GeneralDraftInput => toDraft(input, catalogue).draft;

/**
 * A validator path in the screen's terms: `participants[i]` names the i-th row on screen (blank
 * optional rows are not sent), `documents[i]` the document's own select.
 */
export function screenPath(path: string, rowOf: readonly number[], documentCodes: readonly string[]): string {
  const p = /^participants\[(\d+)\](.*)$/.exec(path);
  if (p) return `participants[${rowOf[Number(p[1])] ?? p[1]}]${p[2]}`;
  const d = /^documents\[(\d+)\]/.exec(path);
  if (d && documentCodes[Number(d[1])]) return `documents.${documentCodes[Number(d[1])]}`;
  return path;
}

/** Field errors for the whole draft at screen paths, in the validator's (= form) order, each message once per path. */
export function draftErrors(input: DraftInput, catalogue: Catalogue, todayIso: string): FieldError[] {
  const { draft, rowOf, documentCodes } = toDraft(input, catalogue);
  const result = validateDraft(draft, catalogue, todayIso);
  if (result.ok) return [];
  const seen = new Set<string>();
  return result.errors
    .map((e) => ({ ...e, path: screenPath(e.path, rowOf, documentCodes) }))
    .filter((e) => (seen.has(`${e.path}\n${e.message}`) ? false : (seen.add(`${e.path}\n${e.message}`), true)));
}

/** Has the clerk typed anything worth a "discard?" question. */
export function hasDraftData(input: DraftInput, catalogue: Catalogue, todayIso: string): boolean {
  const keys = ['id', 'name', 'birthDate', 'phone', 'address', 'relation', 'title'] as const;
  if (input.participants.some((p) => keys.some((k) => p[k].trim() !== ''))) return true;
  const event = findLifeEvent(catalogue, input.lifeEvent);
  const initial = event ? initialFields(event, todayIso) : {};
  if (Object.entries(input.fields).some(([k, v]) => v !== initial[k])) return true;
  if (Object.values(input.documents).some((m) => m !== '')) return true;
  return Object.values(input.items).some((it) => Object.entries(it.fields).some(([k, v]) => v !== it.prefill[k]));
}

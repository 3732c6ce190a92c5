import { create } from 'zustand';
import type { FieldValue } from '../../../shared/cases/schema';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language/languages';
import { isoFromDate } from '../../../shared/validators';
import { findLifeEvent, type Catalogue } from '../lib/catalogue';
import type { DocumentMark, DraftInput } from '../lib/draft';
import { initialFields } from '../lib/fieldWire';
import { syncItems } from '../lib/itemStates';
import { insertRow, rowsFor, type PersonKey } from '../lib/participantRows';
import { fieldId } from '../lib/fieldIds';
import type { StepKind } from '../lib/wizardSteps';

/** Where focus should go after the next render: an element id, or a rule the step screen applies. */
export type FocusTarget = { target: string; seq: number };

/** The life event a new case starts with: 遷徙, the counter's everyday visit. */
export const DEFAULT_LIFE_EVENT = 'move';

export type WizardState = DraftInput & {
  active: boolean;
  /** ISO date the case is taken on (臺灣時間), fixed when the wizard opens. */
  today: string;
  step: StepKind;
  /** Paths the clerk has left at least once: their errors show. */
  touched: Record<string, true>;
  /** Steps the clerk tried to leave: all their errors show. */
  attempted: Partial<Record<StepKind, true>>;
  focus: FocusTarget | null;
  saving: boolean;
  /** Username the draft belongs to (kept across a session timeout, for that clerk only). */
  owner: string | null;

  start(catalogue: Catalogue, owner: string): void;
  reset(): void;
  /** Another life event: its roles, fields and items; the person at the desk stays the primary participant. */
  chooseLifeEvent(code: string, catalogue: Catalogue): void;
  setParticipant(row: number, key: PersonKey, value: string): void;
  addParticipant(role: string, catalogue: Catalogue): void;
  removeParticipant(row: number, focusAfter: string): void;
  setField(key: string, value: FieldValue, catalogue: Catalogue): void;
  setItemSelected(code: string, selected: boolean): void;
  setItemField(code: string, key: string, value: FieldValue): void;
  /** Another office than the routed one for this item (undefined: back to the routed office). */
  setItemReceiver(code: string, receiver: { agency: string; reason: string } | undefined): void;
  setDocument(code: string, mark: DocumentMark): void;
  /** The citizen's language for the printouts (the MRZ nationality suggests one; the clerk decides). */
  setLanguage(language: Language): void;
  touch(path: string): void;
  attempt(step: StepKind): void;
  goStep(step: StepKind, catalogue: Catalogue, focus: string): void;
  focusOn(target: string): void;
  setSaving(saving: boolean): void;
};

type Data = Omit<WizardState, keyof WizardActions>;

/** A fresh draft of one life event (an unknown code gets no rows; the validator names it). */
function draftOf(code: string, catalogue: Catalogue | null, today: string, keep?: DraftInput['participants'][number]): Pick<Data, keyof DraftInput> {
  const event = catalogue ? findLifeEvent(catalogue, code) : undefined;
  const base = {
    lifeEvent: code,
    participants: event ? rowsFor(event, keep) : [],
    fields: event ? initialFields(event, today) : {},
    items: {},
    documents: {},
  };
  return { ...base, items: catalogue ? syncItems(base, catalogue) : {} };
}

const blank = (catalogue: Catalogue | null = null): Data => {
  const today = isoFromDate(new Date());
  return {
    active: false,
    today,
    step: 'participants',
    ...draftOf(DEFAULT_LIFE_EVENT, catalogue, today),
    language: DEFAULT_LANGUAGE,
    touched: {},
    attempted: {},
    focus: null,
    saving: false,
    owner: null,
  };
};

type WizardActions = Pick<
  WizardState,
  | 'start' | 'reset' | 'chooseLifeEvent' | 'setParticipant' | 'addParticipant' | 'removeParticipant' | 'setField'
  | 'setItemSelected' | 'setItemField' | 'setItemReceiver' | 'setDocument' | 'setLanguage' | 'touch' | 'attempt' | 'goStep' | 'focusOn' | 'setSaving'
>;

let seq = 0;

export const useWizard = create<WizardState>()((set, get) => ({
  ...blank(),

  start(catalogue, owner) {
    set({ ...blank(catalogue), active: true, owner, focus: { target: '@first', seq: ++seq } });
  },
  reset: () => set(blank()),
  chooseLifeEvent(code, catalogue) {
    const s = get();
    if (code === s.lifeEvent) return;
    set({ ...draftOf(code, catalogue, s.today, s.participants[0]), touched: {}, attempted: {} });
  },
  setParticipant(row, key, value) {
    const rows = get().participants;
    if (rows[row]) set({ participants: rows.map((r, i) => (i === row ? { ...r, [key]: value } : r)) });
  },
  addParticipant(role, catalogue) {
    const s = get();
    const event = findLifeEvent(catalogue, s.lifeEvent);
    if (!event) return;
    const { rows, index } = insertRow(s.participants, event, role);
    set({ participants: rows, focus: { target: fieldId(`participants[${index}].id`), seq: ++seq } });
  },
  removeParticipant(row, focusAfter) {
    set({ participants: get().participants.filter((_, i) => i !== row), focus: { target: focusAfter, seq: ++seq } });
  },
  setField(key, value, catalogue) {
    const s = get();
    const fields = { ...s.fields, [key]: value };
    // Conditions read the event fields: an item or document may come or go with this value.
    set({ fields, items: syncItems({ ...s, fields }, catalogue) });
  },
  setItemSelected(code, selected) {
    const item = get().items[code];
    if (item) set({ items: { ...get().items, [code]: { ...item, selected } } });
  },
  setItemField(code, key, value) {
    const item = get().items[code];
    if (item) set({ items: { ...get().items, [code]: { ...item, fields: { ...item.fields, [key]: value } } } });
  },
  setItemReceiver(code, receiver) {
    const item = get().items[code];
    if (!item) return;
    const { receiver: _previous, ...rest } = item;
    set({ items: { ...get().items, [code]: receiver ? { ...rest, receiver } : rest } });
  },
  setDocument: (code, mark) => set({ documents: { ...get().documents, [code]: mark } }),
  setLanguage: (language) => set({ language }),
  touch(path) {
    if (!get().touched[path]) set({ touched: { ...get().touched, [path]: true } });
  },
  attempt(step) {
    set({ attempted: { ...get().attempted, [step]: true } });
  },
  goStep(step, catalogue, focus) {
    const s = get();
    // Items follow what steps 1–2 say each time the clerk moves on (prefill of untouched fields).
    set({ step, items: syncItems(s, catalogue), focus: { target: focus, seq: ++seq } });
  },
  focusOn: (target) => set({ focus: { target, seq: ++seq } }),
  setSaving: (saving) => set({ saving }),
}));

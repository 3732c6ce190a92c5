import { create } from 'zustand';
import type { FieldValue } from '../../../shared/cases/schema';
import { formatRocDateShort, isoFromDate } from '../../../shared/validators';
import { syncItems, type DraftInput, type WizardStep } from '../lib/draft';
import type { Catalogue } from './session';

/** Where focus should go after the next render: an element id, or a rule the step screen applies. */
export type FocusTarget = { target: string; seq: number };

type PersonKey = keyof DraftInput['person'];
type TopKey = 'oldAddress' | 'newAddress' | 'moveDate';

export type WizardState = DraftInput & {
  active: boolean;
  /** ISO date the case is taken on (臺灣時間), fixed when the wizard opens. */
  today: string;
  step: WizardStep;
  /** Paths the clerk has left at least once: their errors show. */
  touched: Record<string, true>;
  /** Steps the clerk tried to leave: all their errors show. */
  attempted: Partial<Record<WizardStep, true>>;
  focus: FocusTarget | null;
  saving: boolean;
  /** Username the draft belongs to (kept across a session timeout, for that clerk only). */
  owner: string | null;

  start(catalogue: Catalogue, owner: string): void;
  reset(): void;
  setPerson(key: PersonKey, value: string): void;
  setTop(key: TopKey, value: string): void;
  setHouseTaxBill(value: boolean, catalogue: Catalogue): void;
  setItemSelected(code: string, selected: boolean): void;
  setItemField(code: string, key: string, value: FieldValue): void;
  touch(path: string): void;
  attempt(step: WizardStep): void;
  goStep(step: WizardStep, catalogue: Catalogue, focus: string): void;
  focusOn(target: string): void;
  setSaving(saving: boolean): void;
};

const blank = (): Omit<WizardState, keyof WizardActions> => {
  const today = isoFromDate(new Date());
  return {
    active: false,
    today,
    step: 1,
    lifeEvent: 'move',
    person: { id: '', name: '', birth: '', phone: '' },
    oldAddress: '',
    newAddress: '',
    moveDate: formatRocDateShort(today),
    hasHouseTaxBill: false,
    items: {},
    touched: {},
    attempted: {},
    focus: null,
    saving: false,
    owner: null,
  };
};

type WizardActions = Pick<
  WizardState,
  'start' | 'reset' | 'setPerson' | 'setTop' | 'setHouseTaxBill' | 'setItemSelected' | 'setItemField' | 'touch' | 'attempt' | 'goStep' | 'focusOn' | 'setSaving'
>;

let seq = 0;

export const useWizard = create<WizardState>()((set, get) => ({
  ...blank(),

  start(catalogue, owner) {
    const fresh = { ...blank(), active: true, owner };
    set({ ...fresh, items: syncItems(fresh, catalogue), focus: { target: '@first', seq: ++seq } });
  },
  reset: () => set(blank()),
  setPerson: (key, value) => set({ person: { ...get().person, [key]: value } }),
  setTop: (key, value) => set({ [key]: value } as Pick<WizardState, TopKey>),
  setHouseTaxBill(value, catalogue) {
    const next = { ...get(), hasHouseTaxBill: value };
    set({ hasHouseTaxBill: value, items: syncItems(next, catalogue) });
  },
  setItemSelected(code, selected) {
    const item = get().items[code];
    if (item) set({ items: { ...get().items, [code]: { ...item, selected } } });
  },
  setItemField(code, key, value) {
    const item = get().items[code];
    if (item) set({ items: { ...get().items, [code]: { ...item, fields: { ...item.fields, [key]: value } } } });
  },
  touch(path) {
    if (!get().touched[path]) set({ touched: { ...get().touched, [path]: true } });
  },
  attempt(step) {
    set({ attempted: { ...get().attempted, [step]: true } });
  },
  goStep(step, catalogue, focus) {
    const s = get();
    set({ step, items: step >= 3 ? syncItems(s, catalogue) : s.items, focus: { target: focus, seq: ++seq } });
  },
  focusOn: (target) => set({ focus: { target, seq: ++seq } }),
  setSaving: (saving) => set({ saving }),
}));

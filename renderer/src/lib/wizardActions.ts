import { call } from '../api/client';
import { confirmDialog } from '../stores/confirm';
import { go } from '../stores/route';
import { useSession } from '../stores/session';
import { toast } from '../stores/toasts';
import { useWizard } from '../stores/wizard';
import { findLifeEvent } from './catalogue';
import { draftErrors, hasDraftData, screenPath, toDraft } from './draft';
import { fieldId } from './fieldIds';
import { stepOfPath, stepsOf, type StepKind } from './wizardSteps';

/**
 * What the wizard's keys and buttons do (Enter/F10 next, Esc back, F9 save). Plain functions over
 * the stores so the keyboard handler and the buttons share one behaviour.
 */

const catalogue = () => useSession.getState().catalogue;

/** The steps of the case being taken (they follow its life event). */
export function currentSteps(): StepKind[] {
  const cat = catalogue();
  return stepsOf(cat ? findLifeEvent(cat, useWizard.getState().lifeEvent) : undefined);
}

/** Focus rule for entering a step: 通報機關 jumps to the first field still missing, 確認儲存 to 儲存. */
const entryFocus = (step: StepKind): string => (step === 'items' ? '@firstError' : step === 'review' ? saveFocus() : '@first');

/** A card session's save starts at the card PIN (issue 15 §1: the save is signed on the card), others at 儲存. */
const saveFocus = (): string => (useSession.getState().user?.cardSession ? CARD_PIN_FIELD : 'wizard-save');
export const CARD_PIN_FIELD = 'wizard-card-pin';

export function currentErrors() {
  const cat = catalogue();
  if (!cat) return [];
  const w = useWizard.getState();
  return draftErrors(w, cat, w.today);
}

/** Leave the current step forward, or stay and focus its first bad field. */
export function nextStep(): void {
  const cat = catalogue();
  const w = useWizard.getState();
  if (!cat || w.saving) return;
  if (w.step === 'review') {
    void save();
    return;
  }
  const steps = currentSteps();
  const here = steps.indexOf(w.step);
  const bad = currentErrors().filter((e) => steps.indexOf(stepOfPath(e.path)) <= here);
  if (bad.length > 0) {
    const first = bad[0]!;
    const step = stepOfPath(first.path);
    w.attempt(step);
    if (step !== w.step) w.goStep(step, cat, fieldId(first.path));
    else w.focusOn(fieldId(first.path));
    return;
  }
  const next = steps[here + 1] ?? 'review';
  w.goStep(next, cat, entryFocus(next));
}

/** Esc: one step back; on the first step leave the wizard (asking first when something was typed). */
export function previousStep(): void {
  const cat = catalogue();
  const w = useWizard.getState();
  if (!cat || w.saving) return;
  const steps = currentSteps();
  const here = steps.indexOf(w.step);
  if (here > 0) w.goStep(steps[here - 1]!, cat, '@first');
  else void cancelWizard();
}

export async function cancelWizard(): Promise<void> {
  const w = useWizard.getState();
  const cat = catalogue();
  if (cat && hasDraftData(w, cat, w.today)) {
    const discard = await confirmDialog({
      title: '放棄這筆案件？',
      message: '已輸入的民眾資料將不會儲存。',
      confirmLabel: '放棄草稿',
      cancelLabel: '繼續編輯',
    });
    if (!discard) {
      useWizard.getState().focusOn('@first');
      return;
    }
  }
  useWizard.getState().reset();
  go({ screen: 'home', focus: 'search' });
}

/** F9: from any step, check everything; go to the first problem, or to the review step; on review, save. */
export function saveShortcut(): void {
  const cat = catalogue();
  const w = useWizard.getState();
  if (!cat || w.saving) return;
  if (w.step === 'review') {
    void save();
    return;
  }
  const errors = currentErrors();
  if (errors.length === 0) {
    w.goStep('review', cat, saveFocus());
    return;
  }
  const first = errors[0]!;
  const step = stepOfPath(first.path);
  w.attempt(step);
  w.goStep(step, cat, fieldId(first.path));
}

/** `cardPin`: the review step's PIN field in a card session, handed to the card through the save call and kept nowhere. */
export async function save(cardPin?: string): Promise<void> {
  const cat = catalogue();
  const w = useWizard.getState();
  if (!cat || w.saving) return;
  const errors = currentErrors();
  if (errors.length > 0) {
    saveShortcut();
    toast.error(`尚有 ${errors.length} 個欄位需要修正`);
    return;
  }
  if (useSession.getState().user?.cardSession && !cardPin) {
    w.focusOn(CARD_PIN_FIELD);
    toast.error('請輸入憑證卡 PIN 碼，案件將以承辦人卡片簽章後儲存');
    return;
  }
  w.setSaving(true);
  const { draft, rowOf, documentCodes } = toDraft(w, cat);
  const result = await call('cases.create', cardPin ? { ...draft, cardPin } : draft);
  useWizard.getState().setSaving(false);
  if (!result.ok) {
    toast.error(`案件未儲存：${result.error.message}`);
    if (result.error.code.startsWith('CARD_')) {
      useWizard.getState().focusOn(CARD_PIN_FIELD);
      return;
    }
    const path = result.error.path ? screenPath(result.error.path, rowOf, documentCodes) : undefined;
    if (path) {
      const step = stepOfPath(path);
      useWizard.getState().attempt(step);
      useWizard.getState().goStep(step, cat, fieldId(path));
    }
    return;
  }
  useWizard.getState().reset();
  toast.success(`案件 ${result.value.caseNo} 已儲存`);
  go({ screen: 'print', caseNo: result.value.caseNo, fresh: true });
}

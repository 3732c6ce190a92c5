import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { findLifeEvent } from '../../lib/catalogue';
import { draftErrors } from '../../lib/draft';
import { fieldId } from '../../lib/fieldIds';
import { stepOfPath, stepsOf, stepTitle } from '../../lib/wizardSteps';
import { currentErrors, nextStep, previousStep, saveShortcut } from '../../lib/wizardActions';
import { fieldsIn, focusField, isComposing } from '../../keyboard/focus';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { WizardErrorsContext } from './errorsContext';
import { DocumentsStep } from './DocumentsStep';
import { EventFieldsStep } from './EventFieldsStep';
import { ItemsStep } from './ItemsStep';
import { ParticipantsStep } from './ParticipantsStep';
import { ReviewStep } from './ReviewStep';
import { StepIndicator } from './StepIndicator';

const isField = (el: HTMLElement) => el.matches('input, select, textarea');

/**
 * Where a focus request lands: `@first` is the step's first field (the life-event picker is left
 * out: the person comes first, as in 0.1), `@firstError` the step's first bad field; a path that
 * names a group (documents, participants) lands on the group's first empty field; a button (儲存) on itself.
 */
function focusTarget(root: HTMLElement, target: string): HTMLElement | null {
  let el: HTMLElement | null = null;
  if (target === '@firstError') {
    const current = useWizard.getState().step;
    const first = currentErrors().find((e) => stepOfPath(e.path) === current);
    el = first ? document.getElementById(fieldId(first.path)) : null;
  } else if (target !== '@first') {
    el = document.getElementById(target);
  }
  const inside = el && !isField(el) ? fieldsIn(el) : [];
  if (inside.length > 0) el = inside.find((f) => !(f as HTMLInputElement).value) ?? inside[0]!;
  if (el && !(el as HTMLInputElement).disabled) return el;
  return fieldsIn(root).find((f) => !f.hasAttribute('data-skip-entry')) ?? null;
}

/** The new-case wizard: the life event's steps; Enter moves field to field and then to the next step. */
export function WizardScreen() {
  const catalogue = useSession((s) => s.catalogue);
  const wizard = useWizard();
  const bodyRef = useRef<HTMLDivElement>(null);
  const { step, focus } = wizard;
  const event = catalogue ? findLifeEvent(catalogue, wizard.lifeEvent) : undefined;
  const steps = stepsOf(event);
  const here = steps.indexOf(step);

  const errors = useMemo(() => (catalogue ? draftErrors(wizard, catalogue, wizard.today) : []), [wizard, catalogue]);

  // Apply focus requests after the step has rendered (entering a step, refusing to leave one).
  useEffect(() => {
    const root = bodyRef.current;
    if (!focus || !root) return;
    focusField(focusTarget(root, focus.target));
  }, [focus]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || isComposing(e.nativeEvent)) return;
    const t = e.target;
    // Textareas keep Enter for new lines; buttons and links keep their own Enter.
    if (!(t instanceof HTMLInputElement || t instanceof HTMLSelectElement) || !bodyRef.current) return;
    e.preventDefault();
    if (t.dataset.path) wizard.touch(t.dataset.path);
    const fields = fieldsIn(bodyRef.current);
    const next = fields[fields.indexOf(t) + 1];
    if (fields.includes(t) && next) focusField(next);
    else nextStep();
  };

  const stepErrors = errors.filter((e) => stepOfPath(e.path) === step).length;
  const showCount = wizard.attempted[step] && stepErrors > 0;

  return (
    <WizardErrorsContext.Provider value={errors}>
      <div className="wizard">
        <div className="wizard__head">
          <h1 className="page-title">新案件</h1>
          <StepIndicator steps={steps} step={step} event={event} />
        </div>
        <section className="card wizard__card" aria-labelledby="wizard-step-title">
          <h2 id="wizard-step-title" className="card__title">
            步驟 {here + 1}／{steps.length} {stepTitle(step, event)}
          </h2>
          {/* Always present, so the count is read out when it appears (a new live region is often not). */}
          <div role="status">
            {showCount && <p className="banner banner--error">本步驟尚有 {stepErrors} 個欄位需要修正，已移到第一個錯誤欄位。</p>}
          </div>
          <div ref={bodyRef} onKeyDown={onKeyDown} className="wizard__body">
            {step === 'participants' && <ParticipantsStep />}
            {step === 'fields' && <EventFieldsStep />}
            {step === 'items' && <ItemsStep />}
            {step === 'documents' && <DocumentsStep />}
            {step === 'review' && <ReviewStep />}
          </div>
          <div className="wizard__nav">
            <button type="button" className="button" onClick={previousStep} disabled={wizard.saving}>
              {here === 0 ? '取消' : '上一步'} <kbd>Esc</kbd>
            </button>
            {step !== 'review' ? (
              <>
                <button type="button" className="button button--primary" onClick={nextStep}>
                  下一步 <kbd>F10</kbd>
                </button>
                <button type="button" className="button" onClick={saveShortcut}>
                  檢核全部 <kbd>F9</kbd>
                </button>
              </>
            ) : null}
          </div>
        </section>
      </div>
    </WizardErrorsContext.Provider>
  );
}

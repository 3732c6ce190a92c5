import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { draftErrors, stepOfPath, STEP_TITLES } from '../../lib/draft';
import { fieldId } from '../../lib/fieldIds';
import { currentErrors, nextStep, previousStep, saveShortcut } from '../../lib/wizardActions';
import { fieldsIn, focusField, isComposing } from '../../keyboard/focus';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { WizardErrorsContext } from './errorsContext';
import { ItemsStep } from './ItemsStep';
import { MoveStep } from './MoveStep';
import { PersonStep } from './PersonStep';
import { ReviewStep } from './ReviewStep';
import { StepIndicator } from './StepIndicator';

/** The new-case wizard: four steps, Enter moves field to field and then to the next step. */
export function WizardScreen() {
  const catalogue = useSession((s) => s.catalogue);
  const wizard = useWizard();
  const bodyRef = useRef<HTMLDivElement>(null);
  const { step, focus } = wizard;

  const errors = useMemo(() => (catalogue ? draftErrors(wizard, catalogue, wizard.today) : []), [wizard, catalogue]);
  const byPath = useMemo(() => new Map(errors.map((e) => [e.path, e])), [errors]);

  // Apply focus requests after the step has rendered (entering a step, refusing to leave one).
  useEffect(() => {
    const root = bodyRef.current;
    if (!focus || !root) return;
    let target: HTMLElement | null = null;
    if (focus.target === '@firstError') {
      const current = useWizard.getState().step;
      const first = currentErrors().find((e) => stepOfPath(e.path) === current);
      target = first ? document.getElementById(fieldId(first.path)) : null;
    } else if (focus.target !== '@first') {
      target = document.getElementById(focus.target);
    }
    focusField(target && !(target as HTMLInputElement).disabled ? target : (fieldsIn(root)[0] ?? null));
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
    <WizardErrorsContext.Provider value={byPath}>
      <div className="wizard">
        <div className="wizard__head">
          <h1 className="page-title">新案件</h1>
          <StepIndicator step={step} />
        </div>
        <section className="card wizard__card" aria-labelledby="wizard-step-title">
          <h2 id="wizard-step-title" className="card__title">
            步驟 {step}／4 {STEP_TITLES[step]}
          </h2>
          {showCount && (
            <p className="banner banner--error" role="status">
              本步驟尚有 {stepErrors} 個欄位需要修正，已移到第一個錯誤欄位。
            </p>
          )}
          <div ref={bodyRef} onKeyDown={onKeyDown} className="wizard__body">
            {step === 1 && <PersonStep />}
            {step === 2 && <MoveStep />}
            {step === 3 && <ItemsStep />}
            {step === 4 && <ReviewStep />}
          </div>
          <div className="wizard__nav">
            <button type="button" className="button" onClick={previousStep} disabled={wizard.saving}>
              {step === 1 ? '取消' : '上一步'} <kbd>Esc</kbd>
            </button>
            {step < 4 ? (
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

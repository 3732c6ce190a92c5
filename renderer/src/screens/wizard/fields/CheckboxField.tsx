import type { ReactNode } from 'react';
import { inputAria } from '../../../components/Field';
import { errorId, fieldId, hintId } from '../../../lib/fieldIds';
import { useWizard } from '../../../stores/wizard';
import { useFieldError } from '../errorsContext';

type CheckboxFieldProps = {
  path: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  required?: boolean;
  hint?: ReactNode;
};

/** Space toggles, Enter moves on (handled by the step's key handler). */
export function CheckboxField({ path, label, checked, onChange, required, hint }: CheckboxFieldProps) {
  const touch = useWizard((s) => s.touch);
  const error = useFieldError(path);
  return (
    <div className={`field field--check${error ? ' field--error' : ''}`}>
      <div className="check">
        <input
          {...inputAria(path, { hint: Boolean(hint), error, required })}
          type="checkbox"
          className="check__box"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          onBlur={() => touch(path)}
        />
        <label htmlFor={fieldId(path)} className="check__label">
          {label}
          {required && (
            <span className="field__req" aria-hidden="true">
              ＊
            </span>
          )}
        </label>
      </div>
      {hint && (
        <p className="field__hint" id={hintId(path)}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId(path)} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

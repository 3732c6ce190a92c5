import type { ReactNode } from 'react';
import { errorId, fieldId, hintId } from '../lib/fieldIds';

type FieldProps = {
  path: string;
  label: string;
  required?: boolean;
  /** Shown under the input (canonical address, converted date, masked ID…). */
  hint?: ReactNode;
  /** Catalogue help text, shown in grey. */
  help?: string;
  error?: string | null;
  wide?: boolean;
  children: ReactNode;
};

/** ARIA wiring shared by every input: described by its hint and error, invalid while an error shows. */
export function inputAria(path: string, opts: { hint?: boolean; error?: string | null; required?: boolean }) {
  const describedBy = [opts.hint ? hintId(path) : null, opts.error ? errorId(path) : null].filter(Boolean).join(' ');
  return {
    id: fieldId(path),
    'data-path': path,
    'aria-invalid': opts.error ? true : undefined,
    'aria-required': opts.required ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** Label above, input, then hint and the zh-TW error right under the field. */
export function Field({ path, label, required, hint, help, error, wide, children }: FieldProps) {
  const hintText = hint ?? help;
  return (
    <div className={`field${wide ? ' field--wide' : ''}${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={fieldId(path)}>
        {label}
        {required && (
          <span className="field__req" aria-hidden="true">
            ＊
          </span>
        )}
      </label>
      {children}
      {hintText && (
        <p className={hint ? 'field__hint' : 'field__help'} id={hintId(path)}>
          {hintText}
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

import { useState, type ReactNode } from 'react';
import { Field, inputAria } from '../../../components/Field';
import { useWizard } from '../../../stores/wizard';
import { useFieldError } from '../errorsContext';

type TextFieldProps = {
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  maxLength?: number;
  help?: string;
  hint?: ReactNode;
  /** Show the error while typing (for inputs that are complete at a fixed length). */
  live?: boolean;
  inputMode?: 'text' | 'numeric' | 'tel';
  multiline?: boolean;
  wide?: boolean;
  /** What the input shows while not focused (e.g. the masked ID); the real value returns on focus. */
  displayWhenIdle?: string;
  className?: string;
};

export function TextField(props: TextFieldProps) {
  const { path, label, value, onChange, required, maxLength, help, hint, live, inputMode, multiline, wide, displayWhenIdle, className } = props;
  const touch = useWizard((s) => s.touch);
  const error = useFieldError(path, live);
  const aria = inputAria(path, { hint: Boolean(hint ?? help), error, required });
  const common = {
    ...aria,
    className: `input${className ? ` ${className}` : ''}`,
    autoComplete: 'off',
    spellCheck: false,
    maxLength,
    onBlur: () => touch(path),
  };
  return (
    <Field path={path} label={label} required={required} hint={hint} help={help} error={error} wide={wide}>
      {multiline ? (
        <textarea {...common} rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : displayWhenIdle !== undefined ? (
        <MaskedInput common={common} value={value} idle={displayWhenIdle} onChange={onChange} inputMode={inputMode} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

type MaskedProps = {
  common: { onBlur(): void } & Record<string, unknown>;
  value: string;
  idle: string;
  onChange(value: string): void;
  inputMode?: 'text' | 'numeric' | 'tel';
};

/**
 * An input that shows `idle` (A12****789) while focus is elsewhere, so the full number is on screen
 * only while the clerk is typing it. The value underneath is never changed by the mask.
 */
function MaskedInput({ common, value, idle, onChange, inputMode }: MaskedProps) {
  const [focused, setFocused] = useState(false);
  return (
    <input
      {...common}
      type="text"
      inputMode={inputMode}
      value={focused ? value : idle}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        common.onBlur();
      }}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

import { Field, inputAria } from '../../../components/Field';
import { useWizard } from '../../../stores/wizard';
import { useFieldError } from '../errorsContext';

export type SelectOption = string | { value: string; label: string };

type SelectFieldProps = {
  path: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  required?: boolean;
  help?: string;
  /** Text of an empty first choice ("not chosen yet"); shown when the field may be empty or has no value yet. */
  placeholder?: string;
  /** Left out of the step's entry focus (the life-event picker: the person comes first). */
  skipOnEntry?: boolean;
};

const valueOf = (o: SelectOption) => (typeof o === 'string' ? o : o.value);
const labelOf = (o: SelectOption) => (typeof o === 'string' ? o : o.label);

/** A native select: arrow keys change the value without opening it, Enter moves on. */
export function SelectField({ path, label, value, options, onChange, required, help, placeholder, skipOnEntry }: SelectFieldProps) {
  const touch = useWizard((s) => s.touch);
  const error = useFieldError(path);
  const empty = placeholder !== undefined && (!required || value === '');
  return (
    <Field path={path} label={label} required={required} help={help} error={error}>
      <select
        {...inputAria(path, { hint: Boolean(help), error, required })}
        className="input select"
        value={value}
        data-skip-entry={skipOnEntry ? '' : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => touch(path)}
      >
        {empty && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={valueOf(o)} value={valueOf(o)}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </Field>
  );
}

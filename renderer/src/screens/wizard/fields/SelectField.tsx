import { Field, inputAria } from '../../../components/Field';
import { useWizard } from '../../../stores/wizard';
import { useFieldError } from '../errorsContext';

type SelectFieldProps = {
  path: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange(value: string): void;
  required?: boolean;
  help?: string;
};

/** A native select: arrow keys change the value without opening it, Enter moves on. */
export function SelectField({ path, label, value, options, onChange, required, help }: SelectFieldProps) {
  const touch = useWizard((s) => s.touch);
  const error = useFieldError(path);
  return (
    <Field path={path} label={label} required={required} help={help} error={error}>
      <select
        {...inputAria(path, { hint: Boolean(help), error, required })}
        className="input select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => touch(path)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

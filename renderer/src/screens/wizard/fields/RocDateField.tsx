import { parseDateInput } from '../../../../../shared/dates/isoDate';
import { rocLong } from '../../../lib/format';
import { TextField } from './TextField';

type RocDateFieldProps = {
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  help?: string;
};

/** A date typed the way clerks do (0790315, 79/03/15, 民國79年3月15日), echoed back in words. */
export function RocDateField({ path, label, value, onChange, required, help }: RocDateFieldProps) {
  const parsed = value.trim() ? parseDateInput(value) : null;
  const hint = parsed?.ok ? (
    <span className="ok">
      ✓ {rocLong(parsed.iso)}（西元 {parsed.iso}）
    </span>
  ) : (
    (help ?? '民國日期，例：0790315 或 79/03/15')
  );
  return <TextField path={path} label={label} required={required} value={value} onChange={onChange} maxLength={20} hint={hint} className="input--date" />;
}

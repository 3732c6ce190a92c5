import { maskPersonId, validatePersonId } from '../../../../../shared/validators';
import { TextField } from './TextField';

const upperAscii = (s: string): string => s.replace(/[a-z]/g, (c) => c.toUpperCase());

type PersonIdFieldProps = { path: string; value: string; onChange(value: string): void; required: boolean };

/** 身分證統一編號／統一證號: checked as typed (checksum), shown masked once valid and left. */
export function PersonIdField({ path, value, onChange, required }: PersonIdFieldProps) {
  const result = validatePersonId(value);
  const hint = result.ok
    ? `✓ ${result.kind === 'national' ? '國民身分證' : '統一證號'}（${result.gender === 'male' ? '男' : '女'}）${maskPersonId(result.id)}`
    : required
      ? '例：A123456789；居留證亦可（統一證號）'
      : '尚未設籍者免填（例：出生登記前的新生兒）';
  return (
    <TextField
      path={path}
      label="身分證統一編號"
      required={required}
      value={value}
      onChange={(v) => onChange(upperAscii(v))}
      maxLength={12}
      live={[...value.trim()].length >= 10}
      hint={<span className={result.ok ? 'ok' : undefined}>{hint}</span>}
      displayWhenIdle={result.ok ? maskPersonId(result.id) : value}
      className="input--id"
    />
  );
}

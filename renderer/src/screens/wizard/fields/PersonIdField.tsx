import { maskPersonId, validatePersonId } from '../../../../../shared/validators';
import { useWizard } from '../../../stores/wizard';
import { TextField } from './TextField';

const upperAscii = (s: string): string => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/** 身分證統一編號／統一證號: checked as typed (checksum), shown masked once valid and left. */
export function PersonIdField() {
  const value = useWizard((s) => s.person.id);
  const setPerson = useWizard((s) => s.setPerson);
  const result = validatePersonId(value);
  const hint = result.ok
    ? `✓ ${result.kind === 'national' ? '國民身分證' : '統一證號'}（${result.gender === 'male' ? '男' : '女'}）${maskPersonId(result.id)}`
    : '例：A123456789；居留證亦可（統一證號）';
  return (
    <TextField
      path="person.id"
      label="身分證統一編號"
      required
      value={value}
      onChange={(v) => setPerson('id', upperAscii(v))}
      maxLength={12}
      live={[...value.trim()].length >= 10}
      hint={<span className={result.ok ? 'ok' : undefined}>{hint}</span>}
      displayWhenIdle={result.ok ? maskPersonId(result.id) : value}
      className="input--id"
    />
  );
}

import { useWizard } from '../../stores/wizard';
import { PersonIdField } from './fields/PersonIdField';
import { RocDateField } from './fields/RocDateField';
import { TextField } from './fields/TextField';

/** Step 1: who is at the desk. */
export function PersonStep() {
  const person = useWizard((s) => s.person);
  const setPerson = useWizard((s) => s.setPerson);
  return (
    <div className="form-grid">
      <PersonIdField />
      <TextField path="person.name" label="姓名" required value={person.name} onChange={(v) => setPerson('name', v)} maxLength={60} />
      <RocDateField path="person.birthDate" label="出生日期" required value={person.birth} onChange={(v) => setPerson('birth', v)} />
      <TextField
        path="person.phone"
        label="聯絡電話"
        value={person.phone}
        onChange={(v) => setPerson('phone', v)}
        inputMode="tel"
        maxLength={20}
        help="選填；機關需聯絡時使用"
      />
    </div>
  );
}

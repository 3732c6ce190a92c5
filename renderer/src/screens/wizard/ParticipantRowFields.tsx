import type { ParticipantRole } from '../../../../shared/catalogue/schema';
import { RELATION_CODES, RELATIONS } from '../../../../shared/household/relations';
import { personKeysOf, type ParticipantRow, type PersonKey } from '../../lib/participantRows';
import { useWizard } from '../../stores/wizard';
import { AddressField } from './fields/AddressField';
import { PersonIdField } from './fields/PersonIdField';
import { RocDateField } from './fields/RocDateField';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';

const RELATION_OPTIONS = RELATION_CODES.map((code) => ({ value: code, label: RELATIONS[code].label }));

/** The inputs of one person, the ones the role asks for (ID and name always), paths `participants[i].<field>`. */
export function ParticipantRowFields({ role, row, index }: { role: ParticipantRole; row: ParticipantRow; index: number }) {
  const setParticipant = useWizard((s) => s.setParticipant);
  const path = (k: PersonKey) => `participants[${index}].${k}`;
  const set = (k: PersonKey) => (v: string) => setParticipant(index, k, v);
  const required = (k: PersonKey) => (k === 'id' ? role.idRequired : k === 'name' || role.person[k as keyof typeof role.person] === 'required');
  return (
    <div className="form-grid">
      {personKeysOf(role).map((k) => {
        switch (k) {
          case 'id':
            return <PersonIdField key={k} path={path(k)} value={row.id} onChange={set(k)} required={required(k)} />;
          case 'birthDate':
            return <RocDateField key={k} path={path(k)} label="出生日期" required={required(k)} value={row.birthDate} onChange={set(k)} />;
          case 'phone':
            return (
              <TextField
                key={k}
                path={path(k)}
                label="聯絡電話"
                required={required(k)}
                value={row.phone}
                onChange={set(k)}
                inputMode="tel"
                maxLength={20}
                help={required(k) ? '機關需聯絡時使用' : '選填；機關需聯絡時使用'}
              />
            );
          case 'address':
            return <AddressField key={k} path={path(k)} label="地址" required={required(k)} value={row.address} onChange={set(k)} help={required(k) ? '通報機關寄送文件用' : '選填；通報機關寄送文件用'} />;
          case 'relation':
            return (
              <SelectField
                key={k}
                path={path(k)}
                label="關係"
                required={required(k)}
                value={row.relation}
                options={RELATION_OPTIONS}
                onChange={set(k)}
                placeholder="（請選擇）"
                help={index === 0 ? '與當事人（亡者、新生兒）的關係' : '與申請人的關係'}
              />
            );
          case 'title':
            return <TextField key={k} path={path(k)} label="稱謂" required={required(k)} value={row.title} onChange={set(k)} maxLength={20} help="依家屬習慣，例：長子、外孫女" />;
          default:
            return <TextField key={k} path={path(k)} label="姓名" required value={row.name} onChange={set(k)} maxLength={60} />;
        }
      })}
    </div>
  );
}

import type { ReactNode } from 'react';
import type { FieldValue } from '../../../../../shared/cases/schema';
import type { FieldDef } from '../../../../../shared/catalogue/schema';
import { maskPersonId, validatePersonId } from '../../../../../shared/validators';
import { AddressField } from './AddressField';
import { CheckboxField } from './CheckboxField';
import { ListField } from './ListField';
import { MoneyField } from './MoneyField';
import { RocDateField } from './RocDateField';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

type DefinedFieldInputProps = {
  /** The validator's path for this value (`fields.deathDate`, `items.N01.mailingAddress`). */
  path: string;
  field: FieldDef;
  value: FieldValue | undefined;
  onChange(value: FieldValue): void;
  /** Replaces the catalogue help under a yes/no (e.g. which items it adds). */
  hint?: ReactNode;
};

/** One catalogue field (an event's or an item's), drawn by its type: the catalogue is data, not code. */
export function DefinedFieldInput({ path, field, value, onChange, hint }: DefinedFieldInputProps) {
  const text = typeof value === 'string' ? value : value === undefined || typeof value === 'boolean' ? '' : Array.isArray(value) ? value.join('、') : String(value);
  const common = { path, label: field.label, required: field.required, help: field.help };
  switch (field.type) {
    case 'boolean':
      return <CheckboxField path={path} label={field.label} required={field.required} checked={value === true} onChange={onChange} hint={hint ?? field.help} />;
    case 'select':
      return <SelectField {...common} value={text} options={field.options ?? []} onChange={onChange} placeholder="（未選）" />;
    case 'address':
      return <AddressField {...common} value={text} onChange={onChange} />;
    case 'date':
      return <RocDateField {...common} value={text} onChange={onChange} />;
    case 'money':
      return <MoneyField {...common} value={text} onChange={onChange} />;
    case 'number':
      return <TextField {...common} value={text} onChange={onChange} inputMode="numeric" maxLength={9} />;
    case 'parcels':
      return <ListField {...common} value={text} onChange={onChange} example="鳳山段一小段123地號、鳳山段45-1地號" />;
    case 'plates':
      return <ListField {...common} value={text} onChange={(v) => onChange(v.toUpperCase())} example="ABC-1234、123-XYZ" />;
    case 'bankAccount':
      return <TextField {...common} value={text} onChange={onChange} inputMode="numeric" maxLength={24} help={field.help ?? '金融機構代號 3 碼加帳號，例：700-00012345678901'} />;
    case 'personId': {
      // Masked like the person's own ID while focus is elsewhere (A12****789); the full number only while typing.
      const id = validatePersonId(text);
      return <TextField {...common} value={text} onChange={(v) => onChange(v.toUpperCase())} maxLength={12} className="input--id" displayWhenIdle={id.ok ? maskPersonId(id.id) : text} />;
    }
    default:
      return (
        <TextField
          {...common}
          value={text}
          onChange={onChange}
          maxLength={field.maxLength}
          multiline={(field.maxLength ?? 0) > 120}
          wide={(field.maxLength ?? 0) >= 60}
        />
      );
  }
}

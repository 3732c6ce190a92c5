import type { FieldValue } from '../../../../../shared/cases/schema';
import type { ItemField } from '../../../../../shared/catalogue/schema';
import { AddressField } from './AddressField';
import { CheckboxField } from './CheckboxField';
import { RocDateField } from './RocDateField';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

type ItemFieldInputProps = {
  itemCode: string;
  field: ItemField;
  value: FieldValue | undefined;
  onChange(value: FieldValue): void;
};

/** One catalogue field of an agency item, drawn by its type (the catalogue is data, not code). */
export function ItemFieldInput({ itemCode, field, value, onChange }: ItemFieldInputProps) {
  const path = `items.${itemCode}.${field.key}`;
  const text = typeof value === 'string' ? value : value === undefined || typeof value === 'boolean' ? '' : String(value);
  const common = { path, label: field.label, required: field.required, help: field.help };
  switch (field.type) {
    case 'boolean':
      return <CheckboxField path={path} label={field.label} required={field.required} checked={value === true} onChange={onChange} hint={field.help} />;
    case 'select':
      return <SelectField {...common} value={text} options={field.options ?? []} onChange={onChange} />;
    case 'address':
      return <AddressField {...common} value={text} onChange={onChange} />;
    case 'date':
      return <RocDateField {...common} value={text} onChange={onChange} />;
    case 'number':
      return <TextField {...common} value={text} onChange={onChange} inputMode="numeric" maxLength={9} />;
    case 'personId':
      return <TextField {...common} value={text} onChange={(v) => onChange(v.toUpperCase())} maxLength={12} className="input--id" />;
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

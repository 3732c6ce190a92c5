import { parseTaiwanAddress } from '../../../../../shared/address';
import { TextField } from './TextField';

type AddressFieldProps = {
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  help?: string;
};

/** An address checked as typed; the canonical form (郵遞區號, 臺, 段 in numerals…) shows underneath. */
export function AddressField({ path, label, value, onChange, required, help }: AddressFieldProps) {
  const parsed = value.trim() ? parseTaiwanAddress(value) : null;
  const hint = parsed?.ok ? (
    <span className="ok">
      ✓ 標準地址：{parsed.parts.postalCode && <span className="mono">{parsed.parts.postalCode} </span>}
      <span className="canonical">{parsed.canonical}</span>
      {parsed.parts.notes?.map((n) => (
        <span key={n} className="note">
          （{n}）
        </span>
      ))}
    </span>
  ) : (
    (help ?? '例：高雄市鳳山區光復路二段132號5樓')
  );
  return <TextField path={path} label={label} required={required} value={value} onChange={onChange} maxLength={200} hint={hint} wide />;
}

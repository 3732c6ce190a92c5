import { TextField } from './TextField';

type MoneyFieldProps = { path: string; label: string; value: string; onChange(value: string): void; required?: boolean; help?: string };

/** Whole New Taiwan dollars, typed with or without separators; the amount is echoed in words the form prints. */
export function MoneyField({ path, label, value, onChange, required, help }: MoneyFieldProps) {
  const digits = value.normalize('NFKC').replace(/[,，\s]/g, '').replace(/^NT\$|元$/gi, '');
  const amount = /^\d+$/.test(digits) ? Number(digits) : null;
  const hint = amount !== null ? <span className="ok">✓ 新臺幣 {amount.toLocaleString('en-US')} 元</span> : (help ?? '新臺幣整數金額，例：32000');
  return <TextField path={path} label={label} required={required} value={value} onChange={onChange} inputMode="numeric" maxLength={15} hint={hint} />;
}

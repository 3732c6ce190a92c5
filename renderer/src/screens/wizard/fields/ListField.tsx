import { TextField } from './TextField';

type ListFieldProps = { path: string; label: string; value: string; onChange(value: string): void; required?: boolean; help?: string; example: string };

const entriesOf = (text: string): string[] => text.split(/[\n、,，;；]+/).map((s) => s.trim()).filter(Boolean);

/**
 * Several entries in one line (地號, 車牌), separated by 、 or commas — one input, so Enter still moves
 * on; the entries as the case will hold them show underneath.
 */
export function ListField({ path, label, value, onChange, required, help, example }: ListFieldProps) {
  const entries = entriesOf(value);
  const hint =
    entries.length > 0 ? (
      <span className="ok">
        共 {entries.length} 筆：{entries.join('、')}
      </span>
    ) : (
      (help ?? `多筆以頓號或逗號分隔，例：${example}`)
    );
  return <TextField path={path} label={label} required={required} value={value} onChange={onChange} maxLength={500} hint={hint} wide />;
}

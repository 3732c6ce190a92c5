import { useEffect, useRef, useState, type FormEvent } from 'react';
import { taipeiDayOf } from '../../../../shared/overdue/deadline';

/** Default due date: two weeks from today (Taipei), which the clerk may change. */
const inTwoWeeks = (): string => taipeiDayOf(new Date(Date.now() + 14 * 86_400_000));

/**
 * 要求補件 (issue 14 §3): instead of returning the notification, the agency lists what is missing
 * (one item a line, in zh-TW) and by when; the counter's case shows it at once.
 */
export function SupplementRequestForm({ busy, refusal, onSubmit, onCancel }: { busy: boolean; refusal: string | null; onSubmit(missing: string[], dueDate: string): void; onCancel(): void }) {
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState(inTwoWeeks);
  const [problem, setProblem] = useState<string | null>(null);
  const firstRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => firstRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (missing.length === 0) return setProblem('請列出欠缺的文件或資料（每行一項）');
    if (missing.length > 20) return setProblem('一次最多列 20 項');
    const long = missing.find((m) => m.length > 100);
    if (long) return setProblem(`每項最多 100 字：「${long.slice(0, 20)}…」`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return setProblem('請選擇補件期限');
    if (dueDate < taipeiDayOf(new Date())) return setProblem('補件期限不可早於今日');
    setProblem(null);
    onSubmit(missing, dueDate);
  };
  const shown = problem ?? refusal;

  return (
    <form className="card inbox-detail__form" onSubmit={submit} aria-label="要求補件">
      <label className="field__label" htmlFor="supplement-missing">
        欠缺的文件或資料（每行一項）
      </label>
      <textarea id="supplement-missing" ref={firstRef} className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      <label className="field__label" htmlFor="supplement-due">
        補件期限
      </label>
      <input id="supplement-due" type="date" className="input" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      {shown && (
        <p className="banner banner--error" role="alert">
          {shown}
        </p>
      )}
      <div className="dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          送出補件要求
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消 <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

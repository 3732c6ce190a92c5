import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSession } from '../../stores/session';

/**
 * 改分 (issue 14): the agency is not competent and hands the notification to another agency of its
 * own kind, with a reason. Checked here in zh-TW before sending; the platform's refusal (a transfer
 * back to an earlier holder is TRANSFER_LOOP) is shown in the form as it comes.
 */
export function TransferForm({ busy, refusal, onSubmit, onCancel }: { busy: boolean; refusal: string | null; onSubmit(to: string, reason: string): void; onCancel(): void }) {
  const catalogue = useSession((s) => s.catalogue);
  const own = useSession((s) => s.user?.officeCode ?? '');
  const kind = catalogue?.agencies.find((a) => a.code === own)?.kind;
  const choices = catalogue?.agencies.filter((a) => a.kind === kind && a.code !== own) ?? [];
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const firstRef = useRef<HTMLSelectElement>(null);
  useEffect(() => firstRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!to) return setProblem('請選擇改分的機關');
    if (reason.trim().length < 2) return setProblem('改分須填寫理由（至少 2 個字）');
    setProblem(null);
    onSubmit(to, reason.trim());
  };
  const shown = problem ?? refusal;

  return (
    <form className="card inbox-detail__form" onSubmit={submit} aria-label="改分">
      <label className="field__label" htmlFor="transfer-to">
        改分至（同類機關）
      </label>
      <select id="transfer-to" ref={firstRef} className="input" value={to} onChange={(e) => setTo(e.target.value)} data-testid="transfer-to">
        <option value="">請選擇機關</option>
        {choices.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </select>
      <label className="field__label" htmlFor="transfer-reason">
        改分理由（會通知受理的戶政事務所）
      </label>
      <input id="transfer-reason" className="input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      {shown && (
        <p className="banner banner--error" role="alert" data-testid="transfer-error">
          {shown}
        </p>
      )}
      <div className="dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          確認改分
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消 <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

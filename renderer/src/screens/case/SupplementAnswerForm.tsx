import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldValue } from '../../../../shared/cases/schema';
import type { CaseSupplement } from '../../../../shared/contract/supplementsApi';
import type { AttachmentView } from '../../../../shared/contract/scanningApi';
import { call } from '../../api/client';
import { toWire } from '../../lib/fieldWire';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';

/**
 * The clerk's answer to one 補件 round: new values for the item's own fields (only those filled in
 * are sent), a note, and/or scanned files of this case (scan them first: they attach to the case by
 * their QR cover sheet). The services check the fields as at the save; their zh-TW error shows here.
 * Offline the answer is kept and goes with the next sync.
 */
export function SupplementAnswerForm({ caseNo, round, onDone, onCancel }: { caseNo: string; round: CaseSupplement; onDone(): void; onCancel(): void }) {
  const item = useSession((s) => s.catalogue?.items.find((i) => i.code === round.itemCode));
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [attachments, setAttachments] = useState<AttachmentView[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const fields = item?.fields ?? [];

  useEffect(() => {
    firstRef.current?.focus();
    let alive = true;
    void call('attachments.forCase', { caseNo }).then((r) => {
      if (alive && r.ok) setAttachments(r.value.attachments);
    });
    return () => {
      alive = false;
    };
  }, [caseNo]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const given: Record<string, FieldValue> = {};
    for (const f of fields) {
      const raw = values[f.key]?.trim() ?? '';
      if (raw === '') continue;
      given[f.key] = f.type === 'boolean' ? raw === 'true' : toWire(f, raw);
    }
    if (Object.keys(given).length === 0 && note.trim() === '' && chosen.length === 0) return setProblem('請補正欄位、勾選掃描文件或填寫說明');
    setBusy(true);
    const r = await call('supplements.answer', { notificationId: round.notificationId, round: round.round, fields: given, ...(note.trim() ? { note: note.trim() } : {}), attachmentIds: chosen });
    setBusy(false);
    if (!r.ok) return setProblem(r.error.path ? `${labelOf(r.error.path)}${r.error.message}` : r.error.message);
    toast.success(r.value.state === 'sent' ? `已回覆${round.agencyName}的補件要求` : '平台暫時無法連線：補件回覆已保存，將於下次同步時送出');
    onDone();
  };
  const labelOf = (path: string) => {
    const f = fields.find((x) => `fields.${x.key}` === path);
    return f ? `${f.label}：` : '';
  };

  return (
    <form className="card inbox-detail__form" onSubmit={(e) => void submit(e)} aria-label={`回覆第 ${round.round} 次補件`}>
      {fields.map((f, i) => (
        <div key={f.key} className="field">
          <label className="field__label" htmlFor={`supp-${f.key}`}>
            {f.label}
          </label>
          {f.type === 'boolean' ? (
            <select id={`supp-${f.key}`} className="input" value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}>
              <option value="">（不補正）</option>
              <option value="true">是</option>
              <option value="false">否</option>
            </select>
          ) : (
            <input id={`supp-${f.key}`} ref={i === 0 ? firstRef : undefined} className="input" value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
          )}
        </div>
      ))}
      <label className="field__label" htmlFor="supp-note">
        說明
      </label>
      <input id="supp-note" className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      {attachments.length > 0 && (
        <fieldset className="inbox-detail__found">
          <legend className="field__label">附上本案掃描文件</legend>
          {attachments.map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={chosen.includes(a.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((c) => c !== a.id))} /> {a.fileName}（{a.pageCount} 頁）
            </label>
          ))}
        </fieldset>
      )}
      {problem && (
        <p className="banner banner--error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          送出補件回覆
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

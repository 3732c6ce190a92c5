import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiInput } from '../../../../shared/contract/api';
import type { InboxItem } from '../../../../shared/contract/syncApi';
import { call } from '../../api/client';
import { rocDateTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { EvidenceButton } from './EvidenceButton';
import { InboxEvidence } from './InboxEvidence';
import { InboxThread } from './InboxThread';
import { SupplementRequestForm } from './SupplementRequestForm';
import { TransferForm } from './TransferForm';

type Mode = 'actions' | 'reject' | 'answer' | 'transfer' | 'supplement';
type AgencyAction = ApiInput<'inbox.act'>['action'];
const OPEN: ReadonlySet<string> = new Set(['delivered', 'received']);

/** One opened inbox item: who, what, and the agency's actions. Esc goes back to the list. */
export function InboxDetail({ item, onChanged, onClose }: { item: InboxItem; onChanged(next: InboxItem): void; onClose(): void }) {
  const [mode, setMode] = useState<Mode>('actions');
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [found, setFound] = useState(true);
  const [text, setText] = useState('');
  /** The platform's zh-TW refusal of the open form's action (e.g. TRANSFER_LOOP), shown in the form. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const actionable = OPEN.has(item.status);
  const verification = item.kind === 'verification';

  useEffect(() => {
    // Nothing left to do on a closed item: the way back has the focus.
    if (mode === 'actions') (firstRef.current ?? backRef.current)?.focus();
    else inputRef.current?.focus(); // the transfer and 補件 forms focus their own first field
  }, [mode, item.status]);

  useEffect(() => {
    // Esc: out of a form first, then back to the list (window-level: focus may be anywhere).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      if (mode !== 'actions') setMode('actions');
      else onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, onClose]);

  const openForm = (m: Mode) => {
    setRefusal(null);
    setMode(m);
  };

  const act = async (action: AgencyAction, done: string, after: 'stay' | 'close' = 'stay') => {
    setBusy(true);
    const r = await call('inbox.act', { id: item.id, action });
    setBusy(false);
    if (!r.ok) {
      setRefusal(r.error.message);
      return toast.error(r.error.message);
    }
    toast.success(done);
    // A transferred notification has left this inbox: back to the list.
    if (after === 'close') return onClose();
    setMode('actions');
    onChanged(r.value);
  };

  const submitReject = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return inputRef.current?.focus();
    void act({ action: 'reject', reason: reason.trim() }, `已退回 ${item.caseNo}`);
  };
  const submitAnswer = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return inputRef.current?.focus();
    void act({ action: 'answer', answer: { found, text: text.trim() } }, `已回覆檢證 ${item.caseNo}`);
  };

  return (
    <div className="inbox-detail">
      <div className="case__head">
        <div>
          <h1 className="page-title">
            {item.itemCode} {item.itemTitle} {verification && <span className="badge badge--verification">檢證</span>}
          </h1>
          <p className="lead">
            案件 <span className="mono">{item.caseNo}</span>
            {item.lifeEventName && ` · ${item.lifeEventName}`} · {item.officeName} · 送達 {rocDateTime(item.deliveredAt)} ·{' '}
            <span className={`status status--${item.status}`} data-testid="inbox-status">
              {item.statusLabel}
            </span>
          </p>
        </div>
        <button ref={backRef} type="button" className="button" onClick={onClose}>
          回收件匣 <kbd>Esc</kbd>
        </button>
      </div>
      <div className="case__grid">
        <section className="card" aria-labelledby="inbox-person">
          <h2 id="inbox-person" className="card__title">
            民眾
          </h2>
          <dl className="facts">
            <dt>姓名</dt>
            <dd>{item.person.name}</dd>
            <dt>身分證統一編號</dt>
            <dd className="mono">{item.person.id}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="inbox-fields">
          <h2 id="inbox-fields" className="card__title">
            通報內容
          </h2>
          <dl className="facts">
            {item.payload.map((f) => (
              <Fragment key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      </div>
      {item.reason && <p className="banner">{item.status === 'rejected' ? '退回理由' : '說明'}：{item.reason}</p>}
      <InboxThread id={item.id} itemCode={item.itemCode} version={item.updatedAt} />
      {!verification && <InboxEvidence id={item.id} version={item.updatedAt} />}
      {item.answer && (
        <p className="banner">
          已回覆：{item.answer.found ? '查有資料' : '查無資料'}，{item.answer.text}
        </p>
      )}
      {actionable && mode === 'actions' && (
        <div className="print__actions inbox-detail__actions">
          {verification ? (
            <button ref={firstRef} type="button" className="button button--primary" onClick={() => setMode('answer')} disabled={busy}>
              回覆檢證
            </button>
          ) : (
            <button ref={firstRef} type="button" className="button button--primary" onClick={() => void act({ action: 'complete' }, `已完成 ${item.caseNo}`)} disabled={busy}>
              完成辦理
            </button>
          )}
          {!verification && (
            <>
              <button type="button" className="button" onClick={() => openForm('supplement')} disabled={busy}>
                要求補件…
              </button>
              <button type="button" className="button" onClick={() => openForm('transfer')} disabled={busy}>
                改分…
              </button>
            </>
          )}
          <button type="button" className="button button--danger" onClick={() => setMode('reject')} disabled={busy}>
            退回…
          </button>
        </div>
      )}
      {mode === 'actions' && (
        <div className="print__actions">
          <EvidenceButton id={item.id} />
        </div>
      )}
      {mode === 'transfer' && (
        <TransferForm
          busy={busy}
          refusal={refusal}
          onCancel={() => setMode('actions')}
          onSubmit={(to, why) => void act({ action: 'transfer', to, reason: why }, `已改分 ${item.caseNo}`, 'close')}
        />
      )}
      {mode === 'supplement' && (
        <SupplementRequestForm
          busy={busy}
          refusal={refusal}
          onCancel={() => setMode('actions')}
          onSubmit={(missing, dueDate) => void act({ action: 'request-supplement', missing, dueDate }, `已要求補件 ${item.caseNo}`)}
        />
      )}
      {mode === 'reject' && (
        <form className="card inbox-detail__form" onSubmit={submitReject} aria-label="退回">
          <label className="field__label" htmlFor="reject-reason">
            退回理由（會通知受理的戶政事務所）
          </label>
          <input id="reject-reason" ref={inputRef} className="input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="dialog__actions">
            <button type="submit" className="button button--danger" disabled={busy}>
              確認退回
            </button>
            <button type="button" className="button" onClick={() => setMode('actions')}>
              取消 <kbd>Esc</kbd>
            </button>
          </div>
        </form>
      )}
      {mode === 'answer' && (
        <form className="card inbox-detail__form" onSubmit={submitAnswer} aria-label="回覆檢證">
          <fieldset className="inbox-detail__found">
            <legend className="field__label">查證結果</legend>
            <label className="check">
              <input type="radio" name="found" checked={found} onChange={() => setFound(true)} /> 查有資料
            </label>
            <label className="check">
              <input type="radio" name="found" checked={!found} onChange={() => setFound(false)} /> 查無資料
            </label>
          </fieldset>
          <label className="field__label" htmlFor="answer-text">
            回覆內容
          </label>
          <input id="answer-text" ref={inputRef} className="input" maxLength={500} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="dialog__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              送出回覆
            </button>
            <button type="button" className="button" onClick={() => setMode('actions')}>
              取消 <kbd>Esc</kbd>
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

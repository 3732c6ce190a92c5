import { useState, type KeyboardEvent } from 'react';
import type { CaseSummary } from '../../../../shared/cases/schema';
import { call } from '../../api/client';
import { isComposing } from '../../keyboard/focus';
import { useScanning } from '../../stores/scanning';
import { PageThumb } from './ThumbStrip';

/**
 * The unmatched tray: pages whose code could not be read, foreign pages, blank backs. The clerk
 * ticks pages (Space), finds the case (Enter searches), says which form page the first one is,
 * and attaches them; or sets blank backs aside with a reason. Nothing here is ever deleted.
 */
export function UnmatchedTray() {
  const tray = useScanning((s) => s.tray);
  const attach = useScanning((s) => s.attach);
  const dismiss = useScanning((s) => s.dismiss);
  const [selected, setSelected] = useState<number[]>([]);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CaseSummary[] | null>(null);
  const [caseNo, setCaseNo] = useState<string | null>(null);
  const [formPage, setFormPage] = useState('');
  const [reason, setReason] = useState('空白頁（雙面掃描的背面），不需歸檔');
  const [error, setError] = useState<string | null>(null);

  const picked = selected.filter((id) => tray.some((p) => p.id === id));
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  const search = async () => {
    setError(null);
    const r = await call('cases.search', { query });
    if (!r.ok) {
      setError(r.error.message);
      setResults(null);
      return;
    }
    setResults(r.value);
    if (r.value.length === 1) setCaseNo(r.value[0]!.caseNo);
  };
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (isComposing(e.nativeEvent) || e.key !== 'Enter') return;
    e.preventDefault();
    void search();
  };
  const doAttach = async () => {
    if (!caseNo || !picked.length) return;
    const ok = await attach(
      tray.filter((p) => picked.includes(p.id)).map((p) => p.id), // in stack order, not click order
      caseNo,
      formPage ? Number(formPage) : undefined,
    );
    if (ok) {
      setSelected([]);
      setFormPage('');
    }
  };
  const doDismiss = async () => {
    for (const id of picked) await dismiss(id, reason);
    setSelected([]);
  };

  return (
    <section className="card tray" aria-labelledby="tray-title">
      <h2 id="tray-title" className="card__title">
        未歸案區（{tray.length} 頁）
      </h2>
      {tray.length === 0 ? (
        <p className="empty">沒有待處理的頁面。</p>
      ) : (
        <>
          <ol className="thumb-strip thumb-strip--tray" aria-label="未歸案的頁面">
            {tray.map((p) => (
              <li key={p.id}>
                <PageThumb page={p} selected={picked.includes(p.id)} onToggle={() => toggle(p.id)} />
              </li>
            ))}
          </ol>
          <div className="tray__form">
            <label className="field">
              <span className="field__label">歸入案件（案件編號、身分證號或姓名，Enter 查詢）</span>
              <input className="input" value={query} maxLength={40} onChange={(e) => setQuery(e.target.value)} onKeyDown={onSearchKey} spellCheck={false} autoComplete="off" />
            </label>
            {results && (
              <ul className="tray__results" aria-label="查詢結果">
                {results.length === 0 && <li className="empty">查無符合的案件。</li>}
                {results.map((c) => (
                  <li key={c.caseNo}>
                    <button type="button" className={`button button--small${caseNo === c.caseNo ? ' button--primary' : ''}`} aria-pressed={caseNo === c.caseNo} onClick={() => setCaseNo(c.caseNo)}>
                      <span className="mono">{c.caseNo}</span> {c.personName} {c.personIdMasked}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label className="field">
              <span className="field__label">第一頁是同意書的</span>
              <select className="input select" value={formPage} onChange={(e) => setFormPage(e.target.value)}>
                <option value="">其他附件（非同意書頁）</option>
                {[1, 2, 3, 4].map((n) => (
                  <option key={n} value={n}>
                    第 {n} 頁
                  </option>
                ))}
              </select>
            </label>
            <div className="tray__actions">
              <button type="button" className="button button--primary" disabled={!caseNo || !picked.length} onClick={() => void doAttach()}>
                歸入 {caseNo ?? '案件'}（{picked.length} 頁）
              </button>
            </div>
            <label className="field">
              <span className="field__label">不需歸檔的原因</span>
              <input className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
            </label>
            <div className="tray__actions">
              <button type="button" className="button" disabled={!picked.length || reason.trim().length < 2} onClick={() => void doDismiss()}>
                標記不需歸檔（{picked.length} 頁，頁面保留）
              </button>
            </div>
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}

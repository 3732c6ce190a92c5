import { useEffect, useState } from 'react';
import { mayCall } from '../../../shared/auth/permissions';
import type { AgencyConsent, AttachmentView, CaseEvidence as Evidence } from '../../../shared/contract/scanningApi';
import { call } from '../api/client';
import { rocDateTime } from '../lib/format';
import { pdfBlobUrl } from '../lib/pdf';
import { useSession } from '../stores/session';
import { toast } from '../stores/toasts';

const STATE: Record<AgencyConsent['state'], string> = { satisfied: '已附簽名頁', missing: '尚缺簽名頁', exception: '已記錄例外', 'not-required': '舊案（免附）' };

/** Consent per receiving agency, the exception form, and the case's attachments with a viewer. */
export function CaseEvidence({ caseNo }: { caseNo: string }) {
  const role = useSession((s) => s.user?.role ?? null);
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewer, setViewer] = useState<{ attachment: AttachmentView; url: string } | null>(null);
  const [excepting, setExcepting] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    let alive = true;
    void call('attachments.forCase', { caseNo }).then((r) => {
      if (!alive) return;
      if (r.ok) setEvidence(r.value);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [caseNo]);
  useEffect(
    () => () => {
      if (viewer) URL.revokeObjectURL(viewer.url);
    },
    [viewer],
  );

  const open = async (a: AttachmentView) => {
    const r = await call('attachments.pdf', { attachmentId: a.id });
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    setViewer({ attachment: a, url: pdfBlobUrl(r.value.pdfBase64) });
  };
  const saveException = async (agencyCode: string) => {
    const r = await call('consent.recordException', { caseNo, agencyCode, reason });
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    setEvidence(r.value);
    setExcepting(null);
    setReason('');
    toast.success('已記錄例外理由，該機關的通報將照常送出');
  };

  if (error) return <p className="banner banner--error" role="alert">{error}</p>;
  if (!evidence) return <p className="empty">載入中…</p>;
  const missing = evidence.consents.filter((c) => c.state === 'missing');
  const mayExcept = mayCall(role, 'consent.recordException');

  return (
    <>
      <section className="card" aria-labelledby="case-consent">
        <h2 id="case-consent" className="card__title">
          民眾同意書（各受理機關）
        </h2>
        {missing.length > 0 && (
          <p className="banner banner--warn" role="note">
            尚缺 {missing.length} 個機關的簽名同意書：其通報暫緩送出，待掃描歸檔或記錄例外理由後自動送出。
          </p>
        )}
        <table className="table table--compact table--consent">
          <thead>
            <tr>
              <th scope="col">受理機關</th>
              <th scope="col">項目</th>
              <th scope="col">狀態</th>
              <th scope="col">需附頁次</th>
              <th scope="col">說明</th>
            </tr>
          </thead>
          <tbody>
            {evidence.consents.map((c) => (
              <tr key={c.agencyCode} data-testid={`consent-${c.agencyCode}`}>
                <td>{c.agencyName}</td>
                <td className="mono">{c.itemCodes.join('、')}</td>
                <td>
                  <span className={`status status--consent-${c.state}`}>{STATE[c.state]}</span>
                </td>
                <td>{c.requiredPages.length ? c.requiredPages.map((p) => `第 ${p} 頁`).join('、') : '—'}</td>
                <td>
                  {c.state === 'missing' && (
                    <>
                      {c.missingPages.length ? `缺第 ${c.missingPages.join('、')} 頁` : '尚未列印或掃描'}
                      {c.held > 0 && `；${c.held} 項通報暫緩送出`}
                      {mayExcept && excepting !== c.agencyCode && (
                        <button type="button" className="button button--small" onClick={() => setExcepting(c.agencyCode)}>
                          記錄例外…
                        </button>
                      )}
                      {excepting === c.agencyCode && (
                        <span className="consent-exception">
                          <label className="sr-only" htmlFor={`reason-${c.agencyCode}`}>
                            例外理由
                          </label>
                          <input
                            id={`reason-${c.agencyCode}`}
                            className="input"
                            autoFocus
                            placeholder="例外理由（如：以自然人憑證簽署）"
                            maxLength={200}
                            value={reason}
                            onChange={(e) => setReason(e.target.value)}
                            onKeyDown={(e) => e.key === 'Enter' && void saveException(c.agencyCode)}
                          />
                          <button type="button" className="button button--small button--primary" onClick={() => void saveException(c.agencyCode)}>
                            記錄
                          </button>
                        </span>
                      )}
                    </>
                  )}
                  {c.exception && `${c.exception.reason}（${c.exception.actor}，${rocDateTime(c.exception.at)}）`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="case-attachments">
        <h2 id="case-attachments" className="card__title">
          附件（{evidence.attachments.length} 份）
        </h2>
        {evidence.attachments.length === 0 ? (
          <p className="empty">尚無掃描附件。</p>
        ) : (
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">檔名</th>
                <th scope="col">頁數</th>
                <th scope="col">同意書頁次</th>
                <th scope="col">歸檔</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {evidence.attachments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <button type="button" className="case-link" onClick={() => void open(a)}>
                      {a.fileName}
                    </button>
                  </td>
                  <td>{a.pageCount}</td>
                  <td>{a.formPages.length ? a.formPages.join('、') : '—'}</td>
                  <td>
                    {rocDateTime(a.createdAt)} {a.source === 'tray' ? `（${a.createdBy} 手動歸案）` : ''}
                  </td>
                  <td className="mono" title={a.sha256}>
                    {a.sha256.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {viewer && (
          <div className="attachment-viewer">
            <div className="attachment-viewer__head">
              <strong>{viewer.attachment.fileName}</strong>
              <a className="button button--small" href={viewer.url} download={viewer.attachment.fileName}>
                下載
              </a>
              <button type="button" className="button button--small" onClick={() => setViewer(null)}>
                關閉
              </button>
            </div>
            <iframe className="pdf-frame" title={`附件 ${viewer.attachment.fileName}`} src={viewer.url} />
          </div>
        )}
      </section>
    </>
  );
}

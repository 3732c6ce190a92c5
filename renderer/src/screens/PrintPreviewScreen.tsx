import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import { pdfBlobUrl } from '../lib/pdf';
import { go } from '../stores/route';
import { toast } from '../stores/toasts';

type Loaded = { url: string; fileName: string; pages: number };
/** Which document the preview shows: the form to sign, or the citizen's receipt with the progress-lookup code (issue 7). */
type Doc = 'form' | 'receipt';
const DOC_NAME: Record<Doc, string> = { form: '申請書暨同意書', receipt: '收執聯' };

/** After saving (or 重印): the combined application + consent form, to print for the citizen to sign. */
export function PrintPreviewScreen({ caseNo, fresh }: { caseNo: string; fresh: boolean }) {
  const [pdf, setPdf] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [doc, setDoc] = useState<Doc>('form');
  /** Bumped after a reissue so the receipt is rendered again with the new code. */
  const [rev, setRev] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const printRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let url: string | null = null;
    let alive = true;
    const load = async () => {
      if (doc === 'form') return call('cases.formPdf', { caseNo });
      const r = await call('cases.receiptPdf', { caseNo });
      return r.ok ? { ...r, value: { ...r.value, pages: 1 } } : r;
    };
    void load().then((r) => {
      if (!alive) return;
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      url = pdfBlobUrl(r.value.pdfBase64);
      setPdf({ url, fileName: r.value.fileName, pages: r.value.pages });
    });
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [caseNo, doc, rev]);

  useEffect(() => {
    if (pdf) printRef.current?.focus();
  }, [pdf]);

  /** Two presses: the first asks, the second reissues (the old code stops working). */
  const reissue = async () => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const r = await call('cases.receiptReissue', { caseNo });
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    toast.success(`已重新核發查詢碼（第 ${r.value.issue} 次核發），舊查詢碼將失效，請列印新的收執聯。`);
    setPdf(null);
    setError(null);
    setRev(rev + 1);
  };

  const print = () => {
    try {
      frameRef.current?.contentWindow?.focus();
      frameRef.current?.contentWindow?.print();
    } catch {
      toast.error('無法直接列印，請按「下載」後以 PDF 閱讀器列印。');
    }
  };

  return (
    <div className="print">
      <div className="print__head">
        <div>
          <h1 className="page-title">{fresh ? '案件已儲存' : '重印同意書'}</h1>
          <p className="lead">
            案件編號 <strong className="mono case-no">{caseNo}</strong>
            {pdf && ` · ${DOC_NAME[doc]} ${pdf.pages} 頁`}
          </p>
          {fresh && <p className="field__help">請列印後交民眾核對內容並簽名，簽名後的同意書於日終掃描歸檔。</p>}
        </div>
        <div className="print__actions">
          <button ref={printRef} type="button" className="button button--primary" onClick={print} disabled={!pdf}>
            列印
          </button>
          {pdf ? (
            <a className="button" href={pdf.url} download={pdf.fileName}>
              下載
            </a>
          ) : (
            <span className="button button--disabled" aria-disabled="true">
              下載
            </span>
          )}
          <button type="button" className="button" onClick={() => go({ screen: 'case', caseNo })}>
            前往案件
          </button>
          {/* After 前往案件 so the clerk's tab order 列印 → 下載 → 前往案件 stays as it was; not named
              「列印…」 so 列印 stays the one button of that name. */}
          <button
            type="button"
            className="button"
            onClick={() => {
              setPdf(null);
              setError(null);
              setConfirming(false);
              setDoc(doc === 'form' ? 'receipt' : 'form');
            }}
          >
            {doc === 'form' ? '顯示收執聯' : '顯示同意書'}
          </button>
          {doc === 'receipt' && (
            <button
              type="button"
              className={confirming ? 'button button--danger' : 'button'}
              onClick={() => void reissue()}
              onBlur={() => setConfirming(false)}
            >
              {confirming ? '確定重新核發？舊查詢碼將失效' : '重新核發查詢碼'}
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="banner banner--error" role="alert">
          {DOC_NAME[doc]}無法產生：{error}
        </p>
      )}
      {pdf ? (
        <iframe ref={frameRef} className="pdf-frame" title={`案件 ${caseNo} ${DOC_NAME[doc]}`} src={pdf.url} />
      ) : (
        !error && <p className="empty">{DOC_NAME[doc]}產生中…</p>
      )}
    </div>
  );
}

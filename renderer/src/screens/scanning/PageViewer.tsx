import { useEffect, useRef, useState } from 'react';
import type { ScanPageView } from '../../../../shared/contract/scanningApi';
import { call } from '../../api/client';

/**
 * One scanned page at full size (an audited view), with 重掃此頁 for a page that came out badly:
 * the re-scan goes to the same case and form page even if its code is unreadable.
 */
export function PageViewer({ page, onClose, onRescan }: { page: ScanPageView; onClose: () => void; onRescan: (page: ScanPageView) => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    let alive = true;
    void call('scanning.pageImage', { pageId: page.id }).then((r) => {
      if (!alive) return;
      if (r.ok) setSrc(r.value.dataUrl);
      else setError(r.error.message);
    });
    closeRef.current?.focus();
    return () => {
      alive = false;
    };
  }, [page.id]);
  return (
    <div className="dialog page-viewer" role="dialog" aria-modal="true" aria-labelledby="page-viewer-title" onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onClose())}>
      <div className="page-viewer__head">
        <h2 id="page-viewer-title" className="card__title">
          {page.name}
          {page.caseNo && (
            <>
              {' '}
              → <span className="mono">{page.caseNo}</span>
              {page.formPage ? ` 第 ${page.formPage} 頁` : ''}
            </>
          )}
        </h2>
        <div className="dialog__actions">
          {page.caseNo && (
            <button type="button" className="button" onClick={() => onRescan(page)}>
              重掃此頁
            </button>
          )}
          <button ref={closeRef} type="button" className="button button--primary" onClick={onClose}>
            關閉 <kbd>Esc</kbd>
          </button>
        </div>
      </div>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {src ? <img className="page-viewer__img" src={src} alt={`掃描頁 ${page.name}`} /> : !error && <p className="empty">載入中…</p>}
    </div>
  );
}

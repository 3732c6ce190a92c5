import type { ScanPageView } from '../../../../shared/contract/scanningApi';
import { useScanning } from '../../stores/scanning';

const STATE: Record<ScanPageView['state'], string> = { routed: '歸檔中', attached: '已歸案', unmatched: '未歸案', dismissed: '不需歸檔' };

/** One page as a thumbnail with where it landed (case number, form page) — the clerk's live feedback. */
export function PageThumb({ page, onOpen, selected, onToggle }: { page: ScanPageView; onOpen?: () => void; selected?: boolean; onToggle?: () => void }) {
  const thumb = useScanning((s) => s.thumbs[page.id]);
  const where = page.caseNo ? `${page.caseNo}${page.formPage ? ` 第 ${page.formPage} 頁` : ''}` : (page.reason ?? STATE[page.state]);
  const body = (
    <>
      <span className="thumb__img">{thumb ? <img src={thumb} alt="" /> : <span className="thumb__wait">…</span>}</span>
      <span className={`thumb__badge thumb__badge--${page.state}`}>{STATE[page.state]}</span>
      <span className="thumb__case mono">{where}</span>
      <span className="thumb__name">{page.name}</span>
    </>
  );
  if (onToggle) {
    return (
      <label className={`thumb thumb--${page.state}${selected ? ' thumb--selected' : ''}`} data-testid={`page-${page.id}`}>
        <input type="checkbox" className="thumb__check" checked={selected ?? false} onChange={onToggle} aria-label={`選取 ${page.name}（${where}）`} />
        {body}
      </label>
    );
  }
  return (
    <button type="button" className={`thumb thumb--${page.state}`} onClick={onOpen} data-testid={`page-${page.id}`} aria-label={`${page.name}：${STATE[page.state]} ${where}`}>
      {body}
    </button>
  );
}

/** The stack as it comes in, newest last; Tab moves along it, Enter opens a page. */
export function ThumbStrip({ pages, onOpen }: { pages: ScanPageView[]; onOpen: (page: ScanPageView) => void }) {
  if (!pages.length) return <p className="empty">尚未有頁面。放入文件後按「開始掃描」，或把掃描檔存入收件資料夾。</p>;
  return (
    <ol className="thumb-strip" aria-label="已掃描的頁面">
      {pages.map((p) => (
        <li key={p.id}>
          <PageThumb page={p} onOpen={() => onOpen(p)} />
        </li>
      ))}
    </ol>
  );
}

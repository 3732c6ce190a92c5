import type { ScanSessionView } from '../../../../shared/contract/scanningApi';

const STATE: Record<ScanSessionView['state'], string> = { scanning: '掃描中', finishing: '歸檔中', done: '完成', failed: '中斷', cancelled: '已取消' };

/** Pages done / expected; an indeterminate bar while the count is unknown (feeder, hot folder). */
export function ScanProgress({ session }: { session: ScanSessionView }) {
  const attached = session.pages.filter((p) => p.state === 'attached').length;
  const unmatched = session.pages.filter((p) => p.state === 'unmatched').length;
  const label = session.watching ? '監看收件資料夾中' : STATE[session.state];
  return (
    <div className="scan-progress" role="status" aria-live="polite">
      <div className="scan-progress__head">
        <strong>{label}</strong>
        <span data-testid="scan-count">
          {session.done}
          {session.expected ? ` / ${session.expected}` : ''} 頁
        </span>
        <span>已歸案 {attached} 頁</span>
        {unmatched > 0 && <span className="warn">未歸案 {unmatched} 頁</span>}
      </div>
      <progress
        className="scan-progress__bar"
        aria-label="掃描進度"
        {...(session.expected ? { max: session.expected, value: Math.min(session.done, session.expected) } : session.state === 'scanning' ? {} : { max: 1, value: 1 })}
      />
      {session.error && (
        <p className="banner banner--error" role="alert">
          {session.error.message}
        </p>
      )}
      {session.problems.length > 0 && (
        <ul className="scan-progress__problems" aria-label="無法匯入的檔案">
          {session.problems.map((p) => (
            <li key={`${p.source}-${p.code}`}>
              {p.source}：{p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { AuditCheck } from '../../../shared/contract/adminApi';
import { call } from '../api/client';
import { go } from '../stores/route';

const when = (iso: string) => new Date(iso).toLocaleString('zh-TW');

/**
 * 稽核紀錄驗證 (system_admin, supervisor): runs the hash-chain check in the services layer and shows
 * the first broken link. The check is itself audited there; this screen only asks and displays.
 */
export function AuditCheckScreen() {
  const [result, setResult] = useState<AuditCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const runRef = useRef<HTMLButtonElement>(null);

  useEffect(() => runRef.current?.focus(), []);

  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await call('audit.verify', {});
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  };

  return (
    <div className="home">
      <div className="home__top">
        <h1 className="page-title">稽核紀錄驗證</h1>
        <button type="button" className="button" onClick={() => go({ screen: 'home' })}>
          回首頁 <kbd>Esc</kbd>
        </button>
      </div>
      <div className="card">
        <p>每一筆稽核紀錄都帶有前一筆的雜湊值；任何一筆被修改、插入或刪除，其後的鏈結即不相符。</p>
        <button ref={runRef} type="button" className="button button--primary" onClick={() => void run()} disabled={busy} data-testid="audit-run">
          {busy ? '驗證中…' : '驗證稽核鏈'}
        </button>
      </div>
      {error && <p className="banner banner--error" role="alert">{error}</p>}
      {result && (
        <div className="card" role="status" data-testid="audit-result">
          {result.ok ? (
            <p>稽核鏈完整：共 {result.rows} 筆紀錄均驗證相符（{when(result.checkedAt)} 驗證）。</p>
          ) : (
            <>
              <p className="banner banner--error">稽核鏈於第 {result.broken?.id ?? '?'} 筆斷裂；其前 {result.rows} 筆完好。</p>
              {result.broken && (
                <dl>
                  <dt>紀錄編號</dt>
                  <dd data-testid="audit-broken-id">{result.broken.id}</dd>
                  <dt>記載時間（可能已遭竄改）</dt>
                  <dd>{when(result.broken.at)}</dd>
                  <dt>記載操作者</dt>
                  <dd>{result.broken.actor}</dd>
                  <dt>記載動作</dt>
                  <dd>{result.broken.action}</dd>
                </dl>
              )}
              <p>請保留資料庫檔案現狀並通知資訊人員；可用 <code>npm run counter -- verify-audit --db 檔案</code> 複核。</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}

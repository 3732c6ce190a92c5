import { useEffect, useState } from 'react';
import type { RecoveryStatus } from '../../../shared/contract/adminApi';
import type { AppError } from '../../../shared/result';
import { call } from '../api/client';
import { useConfirm } from '../stores/confirm';
import { useSession } from '../stores/session';

/** Start-up failures that need IT, not the clerk: the app is not running and says exactly why. */
export const ADMIN_ERROR_CODES = new Set(['CONFIG_INVALID', 'DB_CORRUPT', 'CATALOGUE_INVALID', 'START_FAILED']);

const TITLES: Record<RecoveryStatus['mode'], string> = {
  'config-invalid': '工作站政策設定檔有誤，程式未啟動',
  'db-corrupt': '本機資料庫檔案已損毀',
  failed: '程式無法啟動',
  running: '程式已恢復正常',
};

/**
 * The admin error screen (issue 8): the bad policy fields one per row, or the corrupt database
 * with the newest verified backup and a restore button (the corrupt file is kept, never overwritten).
 */
export function AdminErrorScreen({ error }: { error: AppError }) {
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const boot = useSession((s) => s.boot);
  const ask = useConfirm((s) => s.ask);

  useEffect(() => {
    void call('recovery.status', {}).then((r) => r.ok && setStatus(r.value));
  }, []);

  const retry = async () => {
    setBusy(true);
    const r = await call('recovery.retry', {});
    setBusy(false);
    if (!r.ok) return setNotice(r.error.message);
    setStatus(r.value);
    if (r.value.mode === 'running') await boot();
    else setNotice('仍有錯誤，請依下列說明修正後再試。');
  };

  const restore = async () => {
    const latest = status?.latestBackup;
    if (!latest) return;
    const yes = await ask({
      title: '由備份還原資料庫？',
      message: `將以 ${new Date(latest.createdAt).toLocaleString('zh-TW')} 的備份取代目前的資料庫。損毀的檔案會另存保留，不會被覆寫；備份之後建立的案件需由資訊人員另行處理。`,
      confirmLabel: '還原',
      cancelLabel: '取消',
    });
    if (!yes) return;
    setBusy(true);
    const r = await call('recovery.restoreLatest', { confirm: true });
    setBusy(false);
    if (!r.ok) return setNotice(r.error.message);
    setNotice(`已還原。損毀的檔案另存為：${r.value.keptAs ?? '（無）'}`);
    await boot();
  };

  const mode = status?.mode ?? 'failed';
  return (
    <div className="login">
      <div className="card login__card" role="alert" aria-labelledby="admin-error-title">
        <h1 id="admin-error-title" className="page-title">
          {status ? TITLES[mode] : '程式無法啟動'}
        </h1>
        <p className="field__help">此畫面供資訊人員處理；承辦人員請聯絡資訊人員。錯誤代碼：{error.code}</p>
        {status?.mode === 'config-invalid' ? (
          <>
            <p>設定檔：<code>{status.policyFile}</code></p>
            <table className="table" aria-label="設定檔錯誤欄位">
              <thead>
                <tr>
                  <th scope="col">欄位</th>
                  <th scope="col">問題</th>
                </tr>
              </thead>
              <tbody>
                {status.issues.map((i) => (
                  <tr key={`${i.path}:${i.message}`}>
                    <td>
                      <code>{i.path || '（整個檔案）'}</code>
                    </td>
                    <td>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>{error.message}</p>
        )}
        {status?.mode === 'db-corrupt' &&
          (status.latestBackup ? (
            <p>
              最近一份完好備份：<code>{status.latestBackup.file}</code>（{new Date(status.latestBackup.createdAt).toLocaleString('zh-TW')}）
            </p>
          ) : (
            <p>找不到可用的備份，請聯絡資訊人員。</p>
          ))}
        {notice && <p role="status">{notice}</p>}
        <div className="wizard__actions">
          {status?.mode === 'db-corrupt' && status.latestBackup && (
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void restore()}>
              由最近一份備份還原
            </button>
          )}
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void retry()}>
            已修正，重新檢查
          </button>
        </div>
      </div>
    </div>
  );
}

import type { AppError } from '../../../shared/result';
import { ADMIN_ERROR_CODES, AdminErrorScreen } from '../screens/AdminErrorScreen';

/** The host refused us before anything else (missing/old launch token, host stopped). */
export function BootError({ error }: { error: AppError }) {
  if (ADMIN_ERROR_CODES.has(error.code)) return <AdminErrorScreen error={error} />;
  return (
    <div className="login">
      <div className="card login__card" role="alert">
        <h1 className="page-title">無法連線到臨櫃服務</h1>
        <p>{error.message}</p>
        <p className="field__help">
          {error.code === 'HOST_TOKEN'
            ? '請關閉此分頁，改用啟動程式顯示的完整網址（含 #token=…）開啟。'
            : '請確認臨櫃程式仍在執行，再重新整理此頁。'}
        </p>
      </div>
    </div>
  );
}

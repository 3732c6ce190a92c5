import { transportKind } from '../api/client';
import { useSession } from '../stores/session';
import { DeviceStrip } from './DeviceStrip';

/** Bottom strip, always visible: who, where, which shell and catalogue. */
export function StatusBar() {
  const info = useSession((s) => s.info);
  const user = useSession((s) => s.user);
  const catalogue = useSession((s) => s.catalogue);
  const shell = (info?.shell ?? transportKind) === 'electron' ? 'Electron' : '瀏覽器模式';
  return (
    <footer className="status-bar" aria-label="狀態列">
      <span>承辦：{user ? `${user.displayName}（${user.username}）` : '未登入'}</span>
      <DeviceStrip />
      {info && (
        <>
          <span>
            {info.officeName}（{info.officeCode}）
          </span>
          <span>工作站 {info.workstationId}</span>
          <span>{shell}</span>
          <span>服務目錄 {catalogue?.version ?? info.catalogueVersion}</span>
          <span>v{info.version}</span>
          {info.demo && <span className="status-bar__demo">示範資料</span>}
        </>
      )}
    </footer>
  );
}

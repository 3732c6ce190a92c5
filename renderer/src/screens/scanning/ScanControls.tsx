import { useScanning } from '../../stores/scanning';
import { selectedDevice } from './selectedDevice';

const BACKEND: Record<string, string> = { sane: '掃描器（SANE）', escl: '網路掃描器（eSCL）', wia: '掃描器（WIA）', folder: '收件資料夾' };

/** Source and profile, sheets in the feeder, start (F9) and stop (Esc). */
export function ScanControls({ running }: { running: boolean }) {
  const s = useScanning();
  const devices = s.devices ?? [];
  const profile = s.profiles.find((p) => p.id === s.profileId);
  const device = selectedDevice(s);
  const watching = s.session?.watching ?? false;
  return (
    <section className="card scan-controls" aria-labelledby="scan-controls-title">
      <h2 id="scan-controls-title" className="card__title">
        掃描來源與設定
      </h2>
      <div className="scan-controls__row">
        <label className="field">
          <span className="field__label">來源</span>
          <select
            className="input select"
            value={device?.id ?? ''}
            disabled={running}
            onChange={(e) => s.choose({ deviceId: e.target.value })}
            aria-describedby="scan-source-help"
          >
            {devices.length === 0 && <option value="">（找不到掃描來源）</option>}
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {BACKEND[d.backend] ?? d.backend}：{d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">設定檔</span>
          <select className="input select" value={s.profileId} disabled={running} onChange={(e) => s.choose({ profileId: e.target.value })}>
            {s.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field scan-controls__sheets">
          <span className="field__label">張數（選填）</span>
          <input
            className="input"
            inputMode="numeric"
            maxLength={3}
            value={s.expected}
            disabled={running}
            onChange={(e) => s.choose({ expected: e.target.value.replace(/\D/g, '') })}
          />
        </label>
        <div className="scan-controls__actions">
          {running ? (
            <button type="button" className="button button--danger" onClick={() => void s.stop()}>
              {watching ? '結束監看' : '取消掃描'} <kbd>Esc</kbd>
            </button>
          ) : (
            <button type="button" className="button button--primary button--large" onClick={() => void s.start()} disabled={s.busy || !device}>
              {device?.backend === 'folder' ? '開始監看' : '開始掃描'} <kbd>F9</kbd>
            </button>
          )}
          <button type="button" className="button button--ghost" onClick={() => void s.load(true)} disabled={running || s.busy}>
            重新偵測
          </button>
        </div>
      </div>
      <p id="scan-source-help" className="field__help">
        {device?.backend === 'folder' ? (
          <>
            網路掃描器把檔案存入 <code data-testid="hot-folder-path">{device.id.slice('folder:'.length)}</code>
            ；開始監看後，新檔案自動匯入（每個檔案只匯入一次，檔案不會被移動或刪除）。
          </>
        ) : (
          (profile?.description ?? '')
        )}
      </p>
      {s.error && (
        <p className="banner banner--error" role="alert">
          {s.error}
        </p>
      )}
    </section>
  );
}

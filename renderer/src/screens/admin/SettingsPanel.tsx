import { useEffect, useState } from 'react';
import { AGENCY_KIND_LABEL } from '../../../../shared/catalogue/schema';
import type { ApiOutput } from '../../../../shared/contract/api';
import { POLICY_LABELS, type PolicyKey } from '../../../../shared/policy/schema';
import { call } from '../../api/client';
import { saveFile } from '../../lib/saveFile';
import { useSession } from '../../stores/session';

type ConfigView = ApiOutput<'admin.config'>;

/** Settings whose name differs from the policy key that fixes them. */
const POLICY_KEY_OF: Record<string, PolicyKey> = { officeCode: 'office', officeName: 'office' };
const LABEL_OF: Record<string, string> = { officeCode: '機關代碼', officeName: '機關名稱', agencyCode: '本所機關代碼', formVersion: '表單版本' };

const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * 機關設定 (read-only): this office and workstation, the settings in force (those fixed by IT's
 * machine policy marked 政策鎖定), and the receiving agencies of the catalogue with their time limits. Settings are
 * changed in policy.json and the catalogue files, not here: the same file rolls out to every
 * workstation, so no counter can drift from the others.
 */
export function SettingsPanel() {
  const info = useSession((s) => s.info);
  const catalogue = useSession((s) => s.catalogue);
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('admin.config', {}).then((r) => (r.ok ? setConfig(r.value) : setError(r.error.message)));
  }, []);

  const exportDiagnostics = async () => {
    setBusy(true);
    const r = await call('admin.diagnostics', {});
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    saveFile(URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' })), r.value.fileName);
  };

  const locked = new Set<string>(config?.locked ?? []);
  const limits = (agency: string) =>
    (catalogue?.items ?? [])
      .filter((i) => i.receiverAgency === agency)
      .map((i) => `${i.code} ${i.processingDays} 日`)
      .join('、');

  return (
    <div className="card admin__settings">
      <h2 className="admin__h2">機關與工作站</h2>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <dl className="admin__facts">
        <dt>機關</dt>
        <dd>
          {info?.officeCode} {info?.officeName}
        </dd>
        <dt>工作站</dt>
        <dd>{info?.workstationId}</dd>
        <dt>版本</dt>
        <dd>
          {info?.version}（服務目錄 {info?.catalogueVersion}）
        </dd>
        <dt>政策檔</dt>
        <dd>{config ? (config.policyPresent ? config.policyFile : '未使用（本機設定）') : '讀取中…'}</dd>
      </dl>
      <p className="admin__note">設定由資訊人員以政策檔（policy.json）統一派送；標示「政策鎖定」者不可於本機變更。</p>
      {config && (
        <table className="table table--compact" aria-label="工作站設定">
          <thead>
            <tr>
              <th scope="col">設定</th>
              <th scope="col">目前值</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(config.values).map(([key, value]) => (
              <tr key={key}>
                <th scope="row">
                  {LABEL_OF[key] ?? POLICY_LABELS[key as PolicyKey] ?? key}
                  {locked.has(POLICY_KEY_OF[key] ?? key) && <span className="badge admin__locked">政策鎖定</span>}
                </th>
                <td>
                  <code>{show(value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void exportDiagnostics()}>
          {busy ? '產生中…' : '匯出診斷資料'}
        </button>
      </div>

      <h2 className="admin__h2">接收機關（服務目錄）</h2>
      <table className="table table--compact" aria-label="接收機關">
        <thead>
          <tr>
            <th scope="col">代碼</th>
            <th scope="col">機關</th>
            <th scope="col">類別</th>
            <th scope="col">逾時提醒信箱</th>
            <th scope="col">處理期限</th>
          </tr>
        </thead>
        <tbody>
          {(catalogue?.agencies ?? []).map((a) => (
            <tr key={a.code}>
              <td className="admin__code">
                <code>{a.code}</code>
              </td>
              <td>{a.name}</td>
              <td>{AGENCY_KIND_LABEL[a.kind]}</td>
              <td>{a.email ?? '—'}</td>
              <td>{limits(a.code) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

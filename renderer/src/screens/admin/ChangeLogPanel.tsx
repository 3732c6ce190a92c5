import { useCallback, useEffect, useState } from 'react';
import { CHANGE_KIND_LABEL, ChangeLogQuery, type ChangeKind, type ChangeLogEntry } from '../../../../shared/accounts/schema';
import { call } from '../../api/client';
import { fieldErrors } from '../../stores/accounts';

const when = (iso: string) => new Date(iso).toLocaleString('zh-TW', { timeZone: 'Asia/Taipei', hour12: false });

/** 帳號異動紀錄 / 權限異動紀錄, read from the audit chain: filter by kind, account and period. */
export function ChangeLogPanel() {
  const [kind, setKind] = useState<'' | ChangeKind>('');
  const [username, setUsername] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rows, setRows] = useState<ChangeLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = useCallback(async () => {
    const parsed = ChangeLogQuery.safeParse({ ...(kind ? { kind } : {}), ...(username.trim() ? { username: username.trim() } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (!parsed.success) {
      setError(Object.values(fieldErrors(parsed.error.issues))[0] ?? '查詢條件不正確');
      return;
    }
    setError(null);
    const r = await call('accounts.changeLog', parsed.data);
    if (r.ok) setRows(r.value);
    else setError(r.error.message);
  }, [kind, username, from, to]);

  // First view: the latest changes of every kind (filters apply on 查詢).
  useEffect(() => {
    void call('accounts.changeLog', { limit: 200 }).then((r) => (r.ok ? setRows(r.value) : setError(r.error.message)));
  }, []);

  return (
    <div className="card">
      <h2 className="admin__h2">異動紀錄</h2>
      <form className="admin__filters" onSubmit={(e) => (e.preventDefault(), void search())} aria-label="異動紀錄查詢條件">
        <label>
          種類{' '}
          <select className="select" value={kind} onChange={(e) => setKind(e.target.value as '' | ChangeKind)}>
            <option value="">全部</option>
            <option value="account">{CHANGE_KIND_LABEL.account}</option>
            <option value="permission">{CHANGE_KIND_LABEL.permission}</option>
          </select>
        </label>
        <label>
          帳號 <input className="input" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          起日 <input className="input input--date" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          迄日 <input className="input input--date" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="button">
          查詢
        </button>
      </form>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {rows && (
        <table className="table table--compact" aria-label="異動紀錄">
          <thead>
            <tr>
              <th scope="col">時間</th>
              <th scope="col">種類</th>
              <th scope="col">動作</th>
              <th scope="col">對象帳號</th>
              <th scope="col">內容</th>
              <th scope="col">操作者</th>
              <th scope="col">工作站／IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{when(r.at)}</td>
                <td>{CHANGE_KIND_LABEL[r.kind]}</td>
                <td>{r.actionLabel}</td>
                <td>{r.username ?? ''}</td>
                <td>{r.summary}</td>
                <td>{r.actor}</td>
                <td>
                  {r.workstation ?? ''}
                  {r.ip ? `／${r.ip}` : ''}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7}>沒有符合條件的紀錄</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { AccountView } from '../../../../shared/accounts/schema';
import { mayCall } from '../../../../shared/auth/permissions';
import { ROLE_LABEL } from '../../../../shared/auth/roles';
import { useAccounts } from '../../stores/accounts';
import { useSession } from '../../stores/session';
import { CertificatesPanel } from './CertificatesPanel';
import { CreateUserForm } from './CreateUserForm';
import { EditUserForm } from './EditUserForm';

type Mode = { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; id: number };

/** The accounts table; 新增 and 編輯 open a form in place (one thing at a time, keyboard first). */
export function UsersPanel() {
  const accounts = useAccounts((s) => s.accounts);
  const loading = useAccounts((s) => s.loading);
  const role = useSession((s) => s.user?.role ?? null);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const editing: AccountView | undefined = mode.kind === 'edit' ? accounts.find((a) => a.id === mode.id) : undefined;

  if (mode.kind === 'create') return <CreateUserForm onDone={() => setMode({ kind: 'list' })} />;
  if (editing) {
    return (
      <>
        <EditUserForm account={editing} onDone={() => setMode({ kind: 'list' })} />
        {mayCall(role, 'accounts.certificates') && <CertificatesPanel account={editing} />}
      </>
    );
  }
  return (
    <div className="card">
      <div className="admin__bar">
        <h2 className="admin__h2">帳號（{accounts.length}）</h2>
        <button type="button" className="button button--primary" onClick={() => setMode({ kind: 'create' })}>
          新增帳號
        </button>
      </div>
      {loading && <p role="status">載入中…</p>}
      <table className="table table--compact" aria-label="帳號清單">
        <thead>
          <tr>
            <th scope="col">帳號</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">機關</th>
            <th scope="col">狀態</th>
            <th scope="col">群組</th>
            <th scope="col" className="num">憑證</th>
            <th scope="col">
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} data-testid={`account-${a.username}`}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{ROLE_LABEL[a.role]}</td>
              <td>{a.officeCode}</td>
              <td>{a.active ? '啟用' : <span className="admin__off">停用</span>}</td>
              <td>{a.groups.join('、')}</td>
              <td className="num">{a.certificates}</td>
              <td>
                <button type="button" className="button button--small" aria-label={`編輯 ${a.username}`} onClick={() => setMode({ kind: 'edit', id: a.id })}>
                  編輯
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

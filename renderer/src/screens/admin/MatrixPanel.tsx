import { permissionMatrix } from '../../../../shared/auth/permissions';
import { ROLE_LABEL, ROLES } from '../../../../shared/auth/roles';
import { api, type ApiMethod } from '../../../../shared/contract/api';

/**
 * 權限矩陣, read-only: the function permission groups ARE the roles, and this table is computed from
 * the same contract the services enforce (shared/auth/permissions.ts), so it is the documentation.
 */
export function MatrixPanel() {
  const matrix = permissionMatrix();
  const methods = Object.keys(matrix).sort() as ApiMethod[];
  return (
    <div className="card admin__matrix">
      <h2 className="admin__h2">權限矩陣（依服務層實際檢查之設定產生，唯讀）</h2>
      <table className="table table--compact" aria-label="權限矩陣">
        <thead>
          <tr>
            <th scope="col">功能</th>
            {ROLES.map((r) => (
              <th key={r} scope="col" className="admin__role">
                {ROLE_LABEL[r]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {methods.map((m) => {
            const allowed = matrix[m];
            return (
              <tr key={m}>
                <th scope="row" className="admin__method">
                  {api[m].summary}
                  <code>{m}</code>
                </th>
                {ROLES.map((r) => {
                  const yes = allowed === 'public' || allowed.includes(r);
                  return (
                    <td key={r} className={yes ? 'admin__yes' : 'admin__no'} aria-label={yes ? '可' : '不可'}>
                      {allowed === 'public' ? '公開' : yes ? '✓' : '—'}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

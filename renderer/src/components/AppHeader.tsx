import { ROLE_LABEL } from '../../../shared/auth/roles';
import { useSession } from '../stores/session';

/** Top bar: product, office and who is signed in (with 登出). */
export function AppHeader() {
  const info = useSession((s) => s.info);
  const user = useSession((s) => s.user);
  const logout = useSession((s) => s.logout);
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          N
        </span>
        <span className="app-header__name">N合一臨櫃</span>
        {info && <span className="app-header__office">{info.officeName}</span>}
      </div>
      {user && (
        <div className="app-header__user">
          <span>
            {user.displayName}
            <span className="app-header__role">（{ROLE_LABEL[user.role]}）</span>
          </span>
          <button type="button" className="button button--ghost" onClick={() => void logout()}>
            登出
          </button>
        </div>
      )}
    </header>
  );
}

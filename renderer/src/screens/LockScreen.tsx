import { CardLoginForm } from '../components/CardLoginForm';
import { useSession } from '../stores/session';

/**
 * Shown over the app the moment the clerk's certificate card leaves the reader (the services lock
 * the session at once). The clerk's screen and unsaved case stay underneath; the same clerk's card
 * and PIN continue, anyone else signs out.
 */
export function LockScreen() {
  const user = useSession((s) => s.user);
  const locked = useSession((s) => s.locked);
  const unlock = useSession((s) => s.unlock);
  const logout = useSession((s) => s.logout);
  return (
    <div className="lock">
      <section className="card lock__card" aria-labelledby="lock-title">
        <h1 id="lock-title" className="page-title">
          畫面已鎖定
        </h1>
        <p className="lead">{locked?.message}</p>
        {user && <p>承辦人：{user.displayName}（{user.username}）</p>}
        <CardLoginForm submit={unlock} button="解除鎖定" autoFocus="always" />
        <button type="button" className="button button--ghost" onClick={() => void logout()}>
          登出
        </button>
      </section>
    </div>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CardLoginForm } from '../components/CardLoginForm';
import { DemoAccounts } from '../components/DemoAccounts';
import { useDevices } from '../stores/devices';
import { useSession } from '../stores/session';

/**
 * Username + password (Enter in 帳號 moves to 密碼, Enter there signs in), and certificate card + PIN
 * when the workstation has a PKCS#11 module (the PIN box takes focus when a card is in).
 */
export function LoginScreen() {
  const info = useSession((s) => s.info);
  const login = useSession((s) => s.login);
  const cardLogin = useSession((s) => s.cardLogin);
  const cardConfigured = useDevices((s) => s.status?.certificate.configured ?? false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim()) {
      userRef.current?.focus();
      return;
    }
    if (!password) {
      passRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await login(username.trim(), password);
    setBusy(false);
    if (failure) {
      setError(failure.message);
      setPassword('');
      passRef.current?.focus();
    }
  };

  return (
    <div className="login">
      <form className="card login__card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-title">
        <h1 id="login-title" className="page-title">
          登入 N合一臨櫃
        </h1>
        {info && <p className="lead">{info.officeName} · 工作站 {info.workstationId}</p>}
        <div className="field">
          <label className="field__label" htmlFor="login-username">
            帳號
          </label>
          <input
            ref={userRef}
            id="login-username"
            className="input"
            autoComplete="username"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="login-password">
            密碼
          </label>
          <input
            ref={passRef}
            id="login-password"
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-describedby={error ? 'login-error' : undefined}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p id="login-error" className="field__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary button--large" disabled={busy}>
          {busy ? '登入中…' : '登入'}
        </button>
      </form>
      {cardConfigured && (
        <section className="card login__card" aria-labelledby="card-login-title">
          <h2 id="card-login-title" className="card__title">
            以憑證卡登入
          </h2>
          <CardLoginForm submit={cardLogin} button="以憑證卡登入" autoFocus="when-card-present" />
        </section>
      )}
      {info?.demo && <DemoAccounts />}
    </div>
  );
}

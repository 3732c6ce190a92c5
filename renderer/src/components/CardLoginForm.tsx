import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/result';
import { useDevices } from '../stores/devices';

type Props = {
  /** What Enter / the button does with the PIN: sign in, or unlock. */
  submit(pin: string): Promise<AppError | null>;
  button: string;
  /** Focus the PIN box when a card is in (the lock screen always does). */
  autoFocus?: 'always' | 'when-card-present';
};

/**
 * PIN entry for the certificate card (自然人憑證 or agency card), with the card's presence from the
 * device status. The PIN lives only in this component's state and the one call that uses it.
 */
export function CardLoginForm({ submit, button, autoFocus }: Props) {
  const certificate = useDevices((s) => s.status?.certificate);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const present = certificate?.present ?? false;

  useEffect(() => {
    // After the parent's own focus effect (effects run child first): the card wins only while the
    // clerk has not started typing a username.
    const t = window.setTimeout(() => {
      const el = pinRef.current;
      const active = document.activeElement;
      const idle = !active || active === document.body || (active instanceof HTMLInputElement && active.value === '');
      if (el && (autoFocus === 'always' || (autoFocus === 'when-card-present' && present && idle))) el.focus();
    }, 0);
    return () => window.clearTimeout(t);
  }, [autoFocus, present]);

  if (certificate && !certificate.configured) return null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pin) {
      pinRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await submit(pin);
    setBusy(false);
    setPin('');
    if (failure) {
      setError(failure.message);
      pinRef.current?.focus();
    }
  };

  return (
    <form className="card-login" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="憑證卡登入">
      <p className={`card-login__status${present ? ' card-login__status--present' : ''}`} role="status">
        {present ? `已偵測到憑證卡${certificate?.label ? `（${certificate.label}）` : ''}，請輸入 PIN 碼。` : '請將憑證卡插入讀卡機。'}
      </p>
      <div className="field">
        <label className="field__label" htmlFor="card-pin">
          PIN 碼
        </label>
        <input
          ref={pinRef}
          id="card-pin"
          className="input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          value={pin}
          aria-describedby={error ? 'card-pin-error' : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setPin(e.target.value)}
        />
      </div>
      {error && (
        <p id="card-pin-error" className="field__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary button--large" disabled={busy}>
        {busy ? '驗證中…' : button}
      </button>
    </form>
  );
}

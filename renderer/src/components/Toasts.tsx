import { useToasts } from '../stores/toasts';

/** Messages for the clerk; errors are alerts (read out at once), the rest polite status. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <span className="toast__text">{t.text}</span>
          <button type="button" className="toast__close" aria-label="關閉訊息" tabIndex={-1} onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

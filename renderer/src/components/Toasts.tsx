import { useToasts } from '../stores/toasts';

/**
 * Messages for the clerk; errors are alerts (read out at once), the rest polite status. Both live
 * regions are always in the page and only their content changes: screen readers often stay silent
 * about a live region that arrives together with its text.
 */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  const list = (errors: boolean) =>
    toasts
      .filter((t) => (t.kind === 'error') === errors)
      .map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`}>
          <span className="toast__text">{t.text}</span>
          <button type="button" className="toast__close" aria-label="關閉訊息" tabIndex={-1} onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ));
  return (
    <div className="toasts">
      <div className="toasts__live" role="alert">
        {list(true)}
      </div>
      <div className="toasts__live" role="status">
        {list(false)}
      </div>
    </div>
  );
}

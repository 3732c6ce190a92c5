import { useEffect, useRef } from 'react';
import { useConfirm } from '../stores/confirm';

/**
 * A native modal <dialog>: focus stays inside, Esc means "no". The safe answer (繼續編輯) has the
 * focus, so a stray Enter never throws a citizen's data away.
 */
export function ConfirmDialog() {
  const request = useConfirm((s) => s.request);
  const answer = useConfirm((s) => s.answer);
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (!request && d.open) d.close();
  }, [request]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {request && (
        <>
          <h2 id="confirm-title" className="card__title">
            {request.title}
          </h2>
          <p id="confirm-message">{request.message}</p>
          <div className="dialog__actions">
            <button ref={cancelRef} type="button" className="button button--primary" onClick={() => answer(false)}>
              {request.cancelLabel}
            </button>
            <button type="button" className="button button--danger" onClick={() => answer(true)}>
              {request.confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

const FIELD_SELECTOR = 'input:not([type="hidden"]), select, textarea';

/** Enabled, visible form fields inside `root`, in DOM (= Tab) order. */
export function fieldsIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FIELD_SELECTOR)).filter(
    (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
  );
}

/** Focus a field the way Tab would: text selected, so typing replaces a prefilled value. */
export function focusField(el: HTMLElement | null | undefined): void {
  if (!el) return;
  el.focus();
  if (el instanceof HTMLInputElement && el.type === 'text') {
    // The masked ID input swaps its value on focus; select after React has re-rendered it — but not
    // if something was typed before that frame (a fast typist, or a scanner / MRZ reader in keyboard
    // mode): selecting then would let the next keystroke wipe what was already typed.
    let typed = false;
    const onInput = () => {
      typed = true;
    };
    el.addEventListener('input', onInput, { once: true });
    requestAnimationFrame(() => {
      el.removeEventListener('input', onInput);
      if (document.activeElement === el && !typed) el.select();
    });
  }
}

/** True while an IME (注音, 倉頡…) is composing: its Enter picks characters, it is not ours. */
export const isComposing = (e: KeyboardEvent): boolean => e.isComposing || e.key === 'Process';

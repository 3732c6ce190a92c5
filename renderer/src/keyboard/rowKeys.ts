import type { KeyboardEvent } from 'react';

/**
 * ↑↓ between the row buttons (`button.case-link`) of a table body; Enter on one opens it. Shared by
 * every list a clerk walks with the keyboard: the day's cases, the agency inbox, the overdue list.
 */
export function onRowKeys(e: KeyboardEvent<HTMLTableSectionElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button.case-link'));
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

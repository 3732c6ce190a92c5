import { useEffect, useRef } from 'react';
import type { FailedItem } from '../../../shared/contract/syncApi';
import { rocDateTime } from '../lib/format';
import { go } from '../stores/route';
import { useSession } from '../stores/session';

type Props = { items: FailedItem[]; total: number; canRetry: boolean; onRetry(): void; onClose(): void };

/** The failed items with the platform's reasons; each opens its case. Esc closes. */
export function FailedList({ items, total, canRetry, onRetry, onClose }: Props) {
  const catalogue = useSession((s) => s.catalogue);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const title = (code: string) => catalogue?.items.find((i) => i.code === code)?.title ?? code;
  return (
    <div
      ref={ref}
      className="sync-failed card"
      role="region"
      aria-label="送出失敗的項目"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h2 className="card__title">送出失敗的項目（{total} 件{total > items.length ? `，列出最近 ${items.length} 件` : ''}）</h2>
      <ul className="sync-failed__list">
        {items.map((f) => (
          <li key={f.notificationId}>
            <button type="button" className="case-link mono" onClick={() => go({ screen: 'case', caseNo: f.caseNo })}>
              {f.caseNo}
            </button>{' '}
            {f.itemCode} {title(f.itemCode)} · <span className="sync-failed__reason">{f.reason}</span> <span className="mono">{rocDateTime(f.at)}</span>
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        {canRetry && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            全部重新送出
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          關閉 <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}

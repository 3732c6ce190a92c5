import type { NotificationView } from '../../../shared/cases/schema';
import type { CaseProgress } from '../../../shared/contract/syncApi';
import { rocDateTime } from '../lib/format';

/** 檢證 requests of the case: the answer as soon as the agency gives it, or that it is still awaited. */
export function VerificationAnswers({ notifications, progress }: { notifications: NotificationView[]; progress: CaseProgress | null }) {
  const asks = notifications.filter((n) => n.kind === 'verification');
  if (asks.length === 0) return null;
  return (
    <div className="verification" aria-live="polite">
      {asks.map((n) => {
        const p = progress?.notifications.find((x) => x.id === n.id);
        const a = p?.answer;
        return (
          <div key={n.id} className={`verification__item ${a ? 'verification__item--answered' : ''}`} data-testid={`verification-${n.itemCode}`}>
            <strong>
              檢證 {n.itemCode} {n.itemTitle}（{n.receiverName}）
            </strong>
            {a ? (
              <p>
                <span className={`status ${a.found ? 'status--completed' : 'status--rejected'}`}>{a.found ? '查有資料' : '查無資料'}</span> {a.text}
                <span className="verification__meta">（{rocDateTime(a.at)} 回覆）</span>
              </p>
            ) : (
              <p className="verification__wait">等待機關回覆中…（{p?.statusLabel ?? n.statusLabel}）回覆後會自動顯示於此。</p>
            )}
          </div>
        );
      })}
    </div>
  );
}

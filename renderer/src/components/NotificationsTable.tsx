import type { NotificationView } from '../../../shared/cases/schema';
import { NOTIFICATION_STATUS_LABEL } from '../../../shared/cases/schema';
import { rocDateTime, rocShort } from '../lib/format';
import { taipeiDayOf } from '../../../shared/overdue/deadline';

/** Each agency notification with its status and every status change (events are never overwritten). */
export function NotificationsTable({ notifications }: { notifications: NotificationView[] }) {
  // The citizen's legal deadline (遺產稅 6 months from the death …) only where some item has one.
  const legal = notifications.some((n) => n.legalDueDate);
  return (
    <table className="table table--notifications">
      <thead>
        <tr>
          <th scope="col">項目</th>
          <th scope="col">接收機關</th>
          <th scope="col">狀態</th>
          {legal && <th scope="col">法定期限</th>}
          <th scope="col">歷程</th>
        </tr>
      </thead>
      <tbody>
        {notifications.map((n) => (
          <tr key={n.id}>
            <td>
              <span className="item-card__code">{n.itemCode}</span> {n.itemTitle}
              {n.kind === 'verification' && <span className="badge badge--verification">檢證</span>}
            </td>
            <td>{n.receiverName}</td>
            <td>
              <span className={`status status--${n.status}`}>{n.statusLabel}</span>
              {n.statusReason && <span className="status__reason">（{n.statusReason}）</span>}
              {n.overdue && n.dueAt && n.status !== 'completed' && n.status !== 'rejected' && (
                <span className="badge badge--overdue" title="已逾處理時限，接收機關尚未回報完成">逾時（期限 {rocShort(taipeiDayOf(new Date(n.dueAt)))}）</span>
              )}
            </td>
            {legal && <td className="mono">{n.legalDueDate ? rocShort(n.legalDueDate) : '—'}</td>}
            <td>
              <ol className="events">
                {n.events.map((ev, i) => (
                  <li key={i}>
                    <span className="mono">{rocDateTime(ev.at)}</span> {NOTIFICATION_STATUS_LABEL[ev.status]}
                    {ev.reason && `（${ev.reason}）`}
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

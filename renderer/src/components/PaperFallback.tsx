import type { NotificationView } from '../../../shared/cases/schema';
import type { NotificationProgress } from '../../../shared/contract/syncApi';
import { call } from '../api/client';
import { pdfBlobUrl } from '../lib/pdf';
import { confirmDialog } from '../stores/confirm';
import { toast } from '../stores/toasts';

type Props = { caseNo: string; waiting: NotificationProgress[]; notifications: NotificationView[]; onChanged(): void };

/**
 * Long-outage fallback (seed 000: 郵寄／傳真): print an item's legacy single-item form and mark it
 * sent on paper, after which the outbox no longer sends it.
 */
export function PaperFallback({ caseNo, waiting, notifications, onChanged }: Props) {
  const title = (id: string) => {
    const n = notifications.find((x) => x.id === id);
    return n ? `${n.itemCode} ${n.itemTitle}（${n.receiverName}）` : id;
  };

  const print = async (id: string) => {
    const r = await call('sync.paperForm', { notificationId: id });
    if (!r.ok) return toast.error(r.error.message);
    const url = pdfBlobUrl(r.value.pdfBase64);
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const markPaper = async (id: string) => {
    const yes = await confirmDialog({
      title: '改以紙本寄送？',
      message: `「${title(id)}」將標記為已改以紙本郵寄或傳真，待送佇列不再自動送出。請確認紙本通報單已寄出。`,
      confirmLabel: '標記已改寄紙本',
      cancelLabel: '取消',
    });
    if (!yes) return;
    const r = await call('sync.markSentOnPaper', { notificationId: id });
    if (!r.ok) return toast.error(r.error.message);
    toast.success(`案件 ${caseNo}：${title(id)} 已標記為紙本寄送`);
    onChanged();
  };

  return (
    <section className="paper" aria-labelledby="paper-title">
      <h3 id="paper-title" className="paper__title">
        紙本備援（平台長時間無法連線時）
      </h3>
      <p className="field__help">尚未送達平台的項目可列印單項紙本通報單郵寄或傳真，寄出後標記，系統即不再自動送出該項。</p>
      <ul className="paper__list">
        {waiting.map((w) => (
          <li key={w.id}>
            <span>
              {title(w.id)} · {w.statusLabel}
            </span>
            <button type="button" className="button button--small" onClick={() => void print(w.id)}>
              列印紙本通報單
            </button>
            <button type="button" className="button button--small" onClick={() => void markPaper(w.id)}>
              標記已改寄紙本
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

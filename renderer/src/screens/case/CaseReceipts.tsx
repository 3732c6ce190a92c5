import { useEffect, useState } from 'react';
import type { ReceiptView } from '../../../../shared/contract/receiptsApi';
import { call } from '../../api/client';
import { rocDateTime } from '../../lib/format';
import { useSync } from '../../stores/sync';

const VERDICT = (v: boolean | null) => (v === null ? '未釘選平台公鑰，無法驗證' : v ? '✓ 簽章有效' : '✗ 簽章不符');

/**
 * The platform's signed receipts for this case (issue 15 §2): when the platform took each
 * notification, its sequence number in the message log, the message hash, and whether the
 * signature checks against the platform key pinned at enrolment.
 */
export function CaseReceipts({ caseNo }: { caseNo: string }) {
  const changeSeq = useSync((s) => s.status?.changeSeq ?? 0);
  const [receipts, setReceipts] = useState<ReceiptView[]>([]);
  useEffect(() => {
    let alive = true;
    void call('cases.receipts', { caseNo }).then((r) => {
      if (alive && r.ok) setReceipts(r.value);
    });
    return () => {
      alive = false;
    };
  }, [caseNo, changeSeq]);

  if (receipts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="case-receipts" data-testid="case-receipts">
      <h2 id="case-receipts" className="card__title">
        平台簽章收據（{receipts.length} 件）
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">接收機關</th>
            <th scope="col">平台收件時間</th>
            <th scope="col" className="num">序號</th>
            <th scope="col">訊息雜湊（SHA-256）</th>
            <th scope="col">驗證</th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((r) => (
            <tr key={r.notificationId}>
              <td>
                {r.itemCode} {r.itemTitle}
              </td>
              <td>{r.receiverName}</td>
              <td className="mono">{rocDateTime(r.at)}</td>
              <td className="num mono">{r.seq}</td>
              <td className="mono" title={r.messageHash}>
                {r.messageHash.slice(0, 16)}…
              </td>
              <td className={r.verified === false ? 'num--late' : undefined} data-testid="receipt-verified">
                {VERDICT(r.verified)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

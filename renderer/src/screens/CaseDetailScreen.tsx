import { useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '../../../shared/contract/api';
import { call } from '../api/client';
import { CaseEvidence } from '../components/CaseEvidence';
import { LiveNotifications } from '../components/LiveNotifications';
import { rocDateTime } from '../lib/format';
import { CaseEventFields, CaseDocuments } from './case/CaseFacts';
import { CaseCardSignature } from './case/CaseCardSignature';
import { CaseParticipants } from './case/CaseParticipants';
import { CaseReceipts } from './case/CaseReceipts';
import { CaseSupplements } from './case/CaseSupplements';
import { go } from '../stores/route';

type Detail = ApiOutput<'cases.get'>;

/** One case: who took part, the life event's facts and documents, and what happened to each agency notification. */
export function CaseDetailScreen({ caseNo }: { caseNo: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reprintRef = useRef<HTMLButtonElement>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let alive = true;
    void call('cases.get', { caseNo }).then((r) => {
      if (!alive) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [caseNo, version]);

  // Focus 重印 when the case opens, not again when a 補件 reloads it.
  const opened = detail?.caseNo;
  useEffect(() => {
    if (opened) reprintRef.current?.focus();
  }, [opened]);

  if (error) {
    return (
      <div className="case">
        <h1 className="page-title">案件 {caseNo}</h1>
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!detail) return <p className="empty">載入中…</p>;

  return (
    <div className="case">
      <div className="case__head">
        <div>
          <h1 className="page-title">
            案件 <span className="mono case-no">{detail.caseNo}</span>
          </h1>
          <p className="lead">
            {detail.lifeEventName} · {detail.statusLabel} · 受理 {rocDateTime(detail.createdAt)} · 承辦 {detail.clerkName}
          </p>
          <CaseCardSignature caseNo={caseNo} />
        </div>
        <div className="print__actions">
          <button ref={reprintRef} type="button" className="button button--primary" onClick={() => go({ screen: 'print', caseNo, fresh: false })}>
            重印同意書
          </button>
          <button type="button" className="button" onClick={() => go({ screen: 'home', focus: 'search' })}>
            回首頁 <kbd>Esc</kbd>
          </button>
        </div>
      </div>
      <CaseSupplements caseNo={caseNo} />
      <CaseParticipants participants={detail.participants} />
      <div className="case__grid">
        <CaseEventFields detail={detail} />
        <CaseDocuments detail={detail} onChanged={() => setVersion((v) => v + 1)} />
      </div>
      <section className="card" aria-labelledby="case-notifications">
        <h2 id="case-notifications" className="card__title">
          通報與檢證（{detail.notifications.length} 項）
        </h2>
        <LiveNotifications caseNo={caseNo} notifications={detail.notifications} />
      </section>
      <CaseReceipts caseNo={caseNo} />
      <CaseEvidence caseNo={caseNo} />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '../../../shared/contract/api';
import { call } from '../api/client';
import { CaseEvidence } from '../components/CaseEvidence';
import { LiveNotifications } from '../components/LiveNotifications';
import { rocDateTime, rocLong } from '../lib/format';
import { go } from '../stores/route';

type Detail = ApiOutput<'cases.get'>;

const CASE_STATUS: Record<string, string> = { draft: '草稿', submitted: '已受理', closed: '已結案' };

/** One case: who, where from/to, and what happened to each agency notification. */
export function CaseDetailScreen({ caseNo }: { caseNo: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reprintRef = useRef<HTMLButtonElement>(null);

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
  }, [caseNo]);

  useEffect(() => {
    if (detail) reprintRef.current?.focus();
  }, [detail]);

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
            {detail.lifeEventName} · {CASE_STATUS[detail.status] ?? detail.status} · 受理 {rocDateTime(detail.createdAt)} · 承辦 {detail.clerkName}
          </p>
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
      <div className="case__grid">
        <section className="card" aria-labelledby="case-person">
          <h2 id="case-person" className="card__title">
            民眾
          </h2>
          <dl className="facts">
            <dt>姓名</dt>
            <dd>{detail.person.name}</dd>
            <dt>身分證統一編號</dt>
            <dd className="mono">{detail.person.idMasked}</dd>
            <dt>出生日期</dt>
            <dd>{rocLong(detail.person.birthDate)}</dd>
            <dt>聯絡電話</dt>
            <dd className="mono">{detail.person.phoneMasked ?? '—'}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="case-address">
          <h2 id="case-address" className="card__title">
            住址
          </h2>
          <dl className="facts">
            <dt>原住址</dt>
            <dd>{detail.oldAddress}</dd>
            <dt>新住址</dt>
            <dd>{detail.newAddress}</dd>
            <dt>遷入日期</dt>
            <dd>{rocLong(detail.moveDate)}</dd>
            <dt>房屋稅單</dt>
            <dd>{detail.hasHouseTaxBill ? '已攜帶' : '未攜帶（稅單查證）'}</dd>
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="case-notifications">
        <h2 id="case-notifications" className="card__title">
          通報與檢證（{detail.notifications.length} 項）
        </h2>
        <LiveNotifications caseNo={caseNo} notifications={detail.notifications} />
      </section>
      <CaseEvidence caseNo={caseNo} />
    </div>
  );
}

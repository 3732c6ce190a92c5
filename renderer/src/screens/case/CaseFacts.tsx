import { Fragment, useState } from 'react';
import { call } from '../../api/client';
import { toast } from '../../stores/toasts';
import type { CaseDetail } from '../../../../shared/cases/schema';
import { rocLong } from '../../lib/format';
import { periodLabel } from '../stats/format';

/** The life event's own fields, labelled by the catalogue and formatted by the services (ROC dates, 是／否). */
export function CaseEventFields({ detail }: { detail: CaseDetail }) {
  return (
    <section className="card" aria-labelledby="case-event">
      <h2 id="case-event" className="card__title">
        {detail.lifeEventName}
      </h2>
      {detail.fields.length === 0 ? (
        <p className="empty">（無事件資料）</p>
      ) : (
        <dl className="facts">
          {detail.fields.map((f) => (
            <Fragment key={f.key}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The checklist (救生圈): each document's state; while any is missing the case is 待補件, and the day the last arrives is the 證件備齊日. */
export function CaseDocuments({ detail, onChanged }: { detail: CaseDetail; onChanged(): void }) {
  const [busy, setBusy] = useState(false);
  if (detail.documents.length === 0) return null;
  // 補件: the clerk notes a missing document arrived; the last one sets the 證件備齊日 (services decide).
  const arrived = async (code: string, name: string) => {
    setBusy(true);
    const r = await call('cases.documentArrived', { caseNo: detail.caseNo, code });
    setBusy(false);
    if (!r.ok) toast.error(r.error.message);
    else toast.success(r.value.missing === 0 ? `「${name}」已補件，證件已備齊` : `「${name}」已補件，尚缺 ${r.value.missing} 項`);
    onChanged();
  };
  const missing = detail.documents.filter((d) => d.status === 'missing' && !d.arrivedOn);
  return (
    <section className="card" aria-labelledby="case-documents">
      <h2 id="case-documents" className="card__title">
        文件檢核{missing.length > 0 ? `（待補件 ${missing.length} 項）` : ''}
      </h2>
      <table className="table table--documents">
        <thead>
          <tr>
            <th scope="col">文件</th>
            <th scope="col">狀態</th>
            <th scope="col">補件日</th>
            {missing.length > 0 && <th scope="col">補件</th>}
          </tr>
        </thead>
        <tbody>
          {detail.documents.map((d) => (
            <tr key={d.code}>
              <td>{d.name}</td>
              <td>
                <span className={`status status--doc-${d.status}`}>{d.statusLabel}</span>
              </td>
              <td>{d.arrivedOn ? rocLong(d.arrivedOn) : '—'}</td>
              {missing.length > 0 && (
                <td>
                  {d.status === 'missing' && !d.arrivedOn && (
                    <button type="button" className="button button--small" disabled={busy} onClick={() => void arrived(d.code, d.name)}>
                      註記已補件
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field__help">
        {detail.documentsCompleteOn ? `證件備齊日：${rocLong(detail.documentsCompleteOn)}` : missing.length > 0 ? '欠缺文件補齊之日即為證件備齊日。' : ''}
        {detail.effectiveMonth ? ` 補助起始月份：民國${periodLabel(detail.effectiveMonth, 'month')}。` : ''}
        {detail.documentsSpared > 0 ? ` 本案免附書證謄本 ${detail.documentsSpared} 件。` : ''}
      </p>
    </section>
  );
}

import { Fragment } from 'react';
import type { CaseDetail } from '../../../../shared/cases/schema';
import { rocLong } from '../../lib/format';

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
export function CaseDocuments({ detail }: { detail: CaseDetail }) {
  if (detail.documents.length === 0) return null;
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
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field__help">
        {detail.documentsCompleteOn ? `證件備齊日：${rocLong(detail.documentsCompleteOn)}` : missing.length > 0 ? '欠缺文件補齊之日即為證件備齊日。' : ''}
        {detail.documentsSpared > 0 ? ` 本案免附書證謄本 ${detail.documentsSpared} 件。` : ''}
      </p>
    </section>
  );
}

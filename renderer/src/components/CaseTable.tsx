import type { ApiOutput } from '../../../shared/contract/api';
import { rocDateTime, timeOf } from '../lib/format';
import { go } from '../stores/route';
import { onRowKeys } from '../keyboard/rowKeys';

type Props = {
  cases: ApiOutput<'cases.today'>;
  caption: string;
  /** Today's queue shows only the time; search results span days. */
  withDate?: boolean;
  emptyText: string;
};

export function CaseTable({ cases, caption, withDate, emptyText }: Props) {
  if (cases.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <table className="table table--cases">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{withDate ? '受理時間' : '時間'}</th>
          <th scope="col">案件編號</th>
          <th scope="col">姓名</th>
          <th scope="col">身分證號</th>
          <th scope="col">事件</th>
          <th scope="col" className="num">項目</th>
          <th scope="col">承辦</th>
        </tr>
      </thead>
      <tbody onKeyDown={onRowKeys}>
        {cases.map((c) => (
          <tr key={c.caseNo}>
            <td className="mono">{withDate ? rocDateTime(c.createdAt) : timeOf(c.createdAt)}</td>
            <td>
              <button type="button" className="case-link mono" onClick={() => go({ screen: 'case', caseNo: c.caseNo })}>
                {c.caseNo}
              </button>
            </td>
            <td>{c.personName}</td>
            <td className="mono">{c.personIdMasked}</td>
            <td>{c.lifeEventName}</td>
            <td className="num">{c.itemCount}</td>
            <td>{c.clerkName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

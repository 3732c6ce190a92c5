import type { StatsDashboard } from '../../../../shared/stats/dashboard';

/**
 * 依生活事件 (issue 12): per life event, the cases, their notifications and the documents the
 * bundle spared the citizen (免附書證謄本), with the totals — the same figures as the exports.
 */
export function LifeEventTable({ data }: { data: StatsDashboard }) {
  const rows = data.byLifeEvent;
  const sum = (pick: (r: StatsDashboard['byLifeEvent'][number]) => number): number => rows.reduce((n, r) => n + pick(r), 0);
  return (
    <section className="card stats-table" aria-label="各生活事件統計">
      <h2 className="card__title">各生活事件統計</h2>
      <table className="table table--compact" data-testid="stats-by-life-event">
        <caption className="sr-only">各生活事件的案件數、通報件數與免附書證謄本份數</caption>
        <thead>
          <tr>
            <th scope="col">生活事件</th>
            <th scope="col" className="num">案件數</th>
            <th scope="col" className="num">通報件數</th>
            <th scope="col" className="num">免附書證謄本份數</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.lifeEvent}>
              <th scope="row">{r.name}</th>
              <td className="num">{r.cases}</td>
              <td className="num">{r.notifications}</td>
              <td className="num">{r.documentsSpared}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合計</th>
            <td className="num">{sum((r) => r.cases)}</td>
            <td className="num">{sum((r) => r.notifications)}</td>
            <td className="num" data-testid="stats-documents-spared">{data.documentsSpared}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

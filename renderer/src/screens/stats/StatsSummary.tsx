import type { StatsDashboard } from '../../../../shared/stats/dashboard';
import { rocLong } from '../../lib/format';
import { durationText } from './format';

/** The headline figures above the charts, as a definition list (read in order by screen readers). */
export function StatsSummary({ data }: { data: StatsDashboard }) {
  const v = data.verification;
  return (
    <section className="card stats-summary" aria-label="統計摘要" data-testid="stats-summary">
      <p className="lead">
        {rocLong(data.filter.from)} 至 {rocLong(data.filter.to)}
      </p>
      <dl className="stats-summary__figures">
        <div>
          <dt>通報與檢證</dt>
          <dd data-testid="stats-total">{data.total}</dd>
        </div>
        <div>
          <dt>案件</dt>
          <dd>{data.cases}</dd>
        </div>
        <div>
          <dt>逾期未回報</dt>
          <dd className={data.overdue.total > 0 ? 'warn' : undefined}>{data.overdue.total}</dd>
        </div>
        <div>
          <dt>檢證回覆（中位數／P90）</dt>
          <dd>
            {durationText(v.medianS)}／{durationText(v.p90S)}
            <span className="stats-n">（{v.n} 件）</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

import type { StatsDashboard } from '../../../../shared/stats/dashboard';
import { AgencyStackedBars } from './AgencyStackedBars';
import { LifecycleFunnel } from './LifecycleFunnel';
import { TrendChart } from './TrendChart';

/**
 * The three charts, in their own module so StatsScreen can load it lazily: echarts then sits in a
 * chunk of its own, fetched the first time statistics are opened, never by a counter clerk.
 */
export default function StatsCharts({ data }: { data: StatsDashboard }) {
  return (
    <div className="stats-charts">
      <TrendChart data={data} />
      <LifecycleFunnel data={data} />
      <AgencyStackedBars data={data} />
    </div>
  );
}

import { useMemo } from 'react';
import type { StatsDashboard } from '../../../../shared/stats/dashboard';
import { ChartFigure } from './ChartFigure';
import { CHART_MUTED } from './echarts';
import { STATUS_COLOR, STATUS_ORDER, statusLabel } from './labels';

/** Per receiving agency, its notifications stacked by status: where the work sits. */
export function AgencyStackedBars({ data }: { data: StatsDashboard }) {
  const agencies = data.byAgency;
  // Only statuses that occur get a series (and a legend entry): seven empty colours help nobody.
  const statuses = STATUS_ORDER.filter((s) => agencies.some((a) => (a.byStatus[s] ?? 0) > 0));
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
      legend: { top: 0, textStyle: { color: CHART_MUTED } },
      xAxis: { type: 'category' as const, data: agencies.map((a) => a.name), axisLabel: { color: CHART_MUTED, interval: 0, width: 110, overflow: 'break' as const } },
      yAxis: { type: 'value' as const, minInterval: 1, axisLabel: { color: CHART_MUTED } },
      series: statuses.map((s) => ({
        type: 'bar' as const,
        name: statusLabel(s),
        stack: 'status',
        color: STATUS_COLOR[s],
        barMaxWidth: 48,
        data: agencies.map((a) => a.byStatus[s] ?? 0),
      })),
    }),
    [agencies, statuses],
  );
  const summary =
    agencies.length === 0
      ? '此期間沒有資料。'
      : agencies.map((a) => `${a.name} ${a.total} 件（${statuses.filter((s) => a.byStatus[s]).map((s) => `${statusLabel(s)} ${a.byStatus[s]}`).join('、')}）`).join('；');
  return (
    <ChartFigure
      testId="chart-agency"
      caption="各機關通報狀態"
      summary={summary}
      option={option}
      series={agencies.map((a) => ({ agency: a.agency, total: a.total, byStatus: a.byStatus }))}
      table={
        <table className="table table--compact">
          <caption className="sr-only">各機關通報狀態</caption>
          <thead>
            <tr>
              <th scope="col">機關</th>
              {statuses.map((s) => (
                <th key={s} scope="col" className="num">
                  {statusLabel(s)}
                </th>
              ))}
              <th scope="col" className="num">
                合計
              </th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.agency}>
                <th scope="row">{a.name}</th>
                {statuses.map((s) => (
                  <td key={s} className="num">
                    {a.byStatus[s] ?? 0}
                  </td>
                ))}
                <td className="num">{a.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

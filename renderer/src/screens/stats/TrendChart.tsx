import { useMemo } from 'react';
import type { StatsDashboard } from '../../../../shared/stats/dashboard';
import { ChartFigure } from './ChartFigure';
import { CHART_BRAND, CHART_MUTED } from './echarts';
import { GRANULARITY_LABEL } from './labels';
import { periodLabel } from './format';

/** 趨勢: notifications created per day, ISO week or month over the period (gaps are zero points). */
export function TrendChart({ data }: { data: StatsDashboard }) {
  const granularity = data.filter.granularity;
  const points = data.trend;
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis' as const },
      xAxis: { type: 'category' as const, data: points.map((p) => periodLabel(p.period, granularity)), axisLabel: { color: CHART_MUTED, rotate: points.length > 12 ? 45 : 0 } },
      yAxis: { type: 'value' as const, minInterval: 1, axisLabel: { color: CHART_MUTED } },
      series: [{ type: 'line' as const, name: '通報件數', data: points.map((p) => p.count), color: CHART_BRAND, showSymbol: points.length <= 45, areaStyle: { opacity: 0.08 } }],
    }),
    [points, granularity],
  );
  const peak = points.reduce<(typeof points)[number] | null>((best, p) => (!best || p.count > best.count ? p : best), null);
  const sum = points.reduce((n, p) => n + p.count, 0);
  const unit = GRANULARITY_LABEL[granularity];
  const summary =
    points.length === 0
      ? '此期間沒有資料。'
      : `以${unit}計共 ${points.length} 個區間、合計 ${sum} 件；最多為 ${periodLabel(peak!.period, granularity)} 的 ${peak!.count} 件。`;
  return (
    <ChartFigure
      testId="chart-trend"
      caption={`通報件數趨勢（每${unit}）`}
      summary={summary}
      option={option}
      series={{ granularity, points: points.map((p) => [p.period, p.count]) }}
      table={
        <table className="table table--compact">
          <caption className="sr-only">通報件數趨勢</caption>
          <thead>
            <tr>
              <th scope="col">期間</th>
              <th scope="col" className="num">
                件數
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period}>
                <td>{periodLabel(p.period, granularity)}</td>
                <td className="num">{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

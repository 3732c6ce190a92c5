import { useMemo } from 'react';
import type { StatsDashboard } from '../../../../shared/stats/dashboard';
import { ChartFigure } from './ChartFigure';
import { CHART_INK } from './echarts';
import { FUNNEL_LABEL } from './labels';

const FUNNEL_COLORS = ['#1d4e89', '#3f6fa8', '#2f8f6b', '#0b6e4f'];

/** 建立 → 送達平台 → 機關已收 → 結案: how far the period's notifications got. */
export function LifecycleFunnel({ data }: { data: StatsDashboard }) {
  const stages = data.funnel;
  const first = stages[0]?.count ?? 0;
  const share = (n: number): string => (first > 0 ? `${Math.round((n / first) * 100)}%` : '—');
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const },
      series: [
        {
          type: 'funnel' as const,
          name: '通報生命週期',
          sort: 'none' as const,
          left: '4%',
          width: '58%',
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(1, first),
          minSize: '8%',
          gap: 2,
          // Outside, in ink: a stage nobody reached is a sliver too thin to hold its own label.
          label: { position: 'right' as const, color: CHART_INK, formatter: '{b}：{c} 件' },
          labelLine: { show: true },
          itemStyle: { borderColor: '#ffffff' },
          data: stages.map((s, i) => ({ name: FUNNEL_LABEL[s.stage], value: s.count, itemStyle: { color: FUNNEL_COLORS[i % FUNNEL_COLORS.length] } })),
        },
      ],
    }),
    [stages, first],
  );
  const summary = stages.length === 0 ? '此期間沒有資料。' : stages.map((s) => `${FUNNEL_LABEL[s.stage]} ${s.count} 件（${share(s.count)}）`).join('，');
  return (
    <ChartFigure
      testId="chart-funnel"
      caption="通報生命週期"
      summary={summary}
      option={option}
      series={stages.map((s) => [s.stage, s.count])}
      table={
        <table className="table table--compact">
          <caption className="sr-only">通報生命週期</caption>
          <thead>
            <tr>
              <th scope="col">階段</th>
              <th scope="col" className="num">
                件數
              </th>
              <th scope="col" className="num">
                占建立數
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{FUNNEL_LABEL[s.stage]}</th>
                <td className="num">{s.count}</td>
                <td className="num">{share(s.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

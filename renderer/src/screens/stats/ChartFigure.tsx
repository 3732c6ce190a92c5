import type { ReactNode } from 'react';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';

type ChartFigureProps = {
  testId: string;
  caption: string;
  /** One sentence for screen readers (the chart's aria-label). */
  summary: string;
  option: ChartOption;
  /** The plotted values as plain data: the figure's `data-series`, so tests see a change without reading pixels. */
  series: unknown;
  /** The same figures as a table, folded under the chart for keyboard and screen-reader users. */
  table: ReactNode;
};

/** A chart with its caption and its text alternative (summary label + data table). */
export function ChartFigure({ testId, caption, summary, option, series, table }: ChartFigureProps) {
  return (
    <figure className="stats-chart card" data-testid={testId} data-series={JSON.stringify(series)}>
      <figcaption className="card__title">{caption}</figcaption>
      <EChart option={option} label={`${caption}：${summary}`} testId={testId} />
      <details className="stats-chart__data">
        <summary>以表格檢視「{caption}」</summary>
        {table}
      </details>
    </figure>
  );
}

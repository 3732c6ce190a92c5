import { useEffect, useRef } from 'react';
import { CHART_FONT, CHART_INK, init, type ChartOption, type EChartsType } from './echarts';

type EChartProps = {
  option: ChartOption;
  /** The chart's text alternative: what a screen reader announces instead of the picture. */
  label: string;
  testId: string;
};

/**
 * One echarts canvas bound to React: created on mount, redrawn (not merged) when the option
 * changes, resized with its box, disposed on unmount. A thin wrapper of our own rather than a
 * class-component adapter: forty lines, and StrictMode's mount–unmount–mount is handled exactly.
 */
export function EChart({ option, label, testId }: EChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const chart = init(box, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box);
    return () => {
      resize.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    // The default HTML tooltip writes its markup with style="" attributes through innerHTML, which
    // the renderer CSP (style-src 'self') refuses; rich text draws the tooltip on the canvas instead.
    const tooltip = option.tooltip && !Array.isArray(option.tooltip) ? { ...option.tooltip, renderMode: 'richText' as const } : option.tooltip;
    chartRef.current?.setOption({ textStyle: { fontFamily: CHART_FONT, color: CHART_INK }, animation: false, ...option, tooltip }, { notMerge: true });
  }, [option]);

  return <div ref={boxRef} className="chart" role="img" aria-label={label} data-testid={`${testId}-canvas`} />;
}

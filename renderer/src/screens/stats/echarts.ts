/**
 * The one place echarts is imported: only the line, bar and funnel charts, the grid, tooltip and
 * legend, and the canvas renderer, so the bundle carries what the statistics screen draws and no
 * more. Canvas (not SVG) because it never writes style attributes or <style> elements, which the
 * renderer CSP (style-src 'self') would refuse; echarts sizes its own nodes through CSSOM, which CSP allows.
 */
import { BarChart, FunnelChart, LineChart, type BarSeriesOption, type FunnelSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerEcharts, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerEcharts([LineChart, BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | FunnelSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init, type EChartsType };

/** Canvas cannot read CSS variables: the same font stack and colours as base.css, spelled out. */
export const CHART_FONT = "'Noto Sans CJK TC', 'Noto Sans TC', 'Microsoft JhengHei', 'PingFang TC', sans-serif";
export const CHART_INK = '#1a1d21';
export const CHART_MUTED = '#505862';
export const CHART_BRAND = '#1d4e89';

// A chart of the dashboard. ECharts is about 170 KB gzipped, so it is fetched after the
// page's figures and tables are on screen (a slow phone shows the numbers first); the box
// keeps its height meanwhile, so nothing jumps when the chart appears. EChartCanvas.tsx draws.
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartProps {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers (the table beside it carries the numbers). */
  label: string;
  testId?: string;
  onClickName?: (name: string, dataIndex: number) => void;
}

const Canvas = lazy(() => import('./EChartCanvas.tsx'));

export function EChart(props: ChartProps) {
  return (
    <Suspense fallback={<div role="img" aria-label={props.label} aria-busy="true" style={{ width: '100%', height: props.height }} />}>
      <Canvas {...props} />
    </Suspense>
  );
}

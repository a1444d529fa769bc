// A small React wrapper around Apache ECharts. Only the chart types the dashboard draws are
// registered (through echarts/core), so its chunk carries bars and lines, not all of ECharts.
// The chart follows its box: a ResizeObserver resizes it when a phone turns or a card grows.
// Loaded through EChart.tsx, after the page's figures are on screen.

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { reducedMotion } from '../lib/reduced-motion.ts';
import type { ChartProps } from './EChart.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function EChartCanvas({ option, height, label, testId, onClickName }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClickName);
  click.current = onClickName;

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => click.current?.(String(p.name), p.dataIndex));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Bars and lines drawn at once when less motion is asked for.
    chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}

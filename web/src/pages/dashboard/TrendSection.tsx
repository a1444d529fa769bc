// Month by month over the period: the share of cells that held their monthly meeting and
// the attendance rate, as two lines, with the table of both (numerator/denominator).

import { Card, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMemo } from 'react';
import type { MeetingFigures, Share } from '../../api/figures.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showMonth } from '../../lib/dates.ts';
import { ChartAndTable } from './ChartAndTable.tsx';
import type { DashboardView } from './dashboard-query.ts';
import { ExportButton } from './ExportButton.tsx';
import { sharePercent, sharePoint } from './format.ts';

type Month = MeetingFigures['trend'][number];

export function TrendSection({ unitId, view, figures }: { unitId: number; view: DashboardView; figures: MeetingFigures }) {
  const t = useT();
  const [lang] = useLang();
  const trend = figures.trend;
  // The count goes under its percent, so the three columns fit a phone without scrolling.
  const cell = (s: Share) => (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', columnGap: 4 }}>
      <span style={{ whiteSpace: 'nowrap' }}>{sharePercent(s, lang)}</span>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        ({s.n}/{s.of})
      </Typography.Text>
    </span>
  );
  const columns: ColumnsType<Month> = [
    { title: t('dashboard.trend.month'), key: 'month', render: (_, m) => showMonth(m.month) },
    { title: t('dashboard.trend.compliance'), key: 'compliance', render: (_, m) => cell(m.compliance) },
    { title: t('dashboard.trend.attendance'), key: 'attendance', render: (_, m) => cell(m.attendance) },
  ];
  const option = useMemo<ChartOption>(() => {
    const names = [t('dashboard.trend.compliance'), t('dashboard.trend.attendance')];
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: names },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (p: unknown) => {
          const i = (Array.isArray(p) ? (p[0] as { dataIndex: number }) : (p as { dataIndex: number })).dataIndex;
          const m = trend[i]!;
          return `${showMonth(m.month)}<br/>${names[0]}: ${sharePercent(m.compliance, lang)} (${m.compliance.n}/${m.compliance.of})<br/>${names[1]}: ${sharePercent(m.attendance, lang)} (${m.attendance.n}/${m.attendance.of})`;
        },
      },
      xAxis: { type: 'category', data: trend.map((m) => showMonth(m.month)), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: names[0], type: 'line', data: trend.map((m) => sharePoint(m.compliance)), itemStyle: { color: '#b71c1c' }, symbolSize: 8, connectNulls: false },
        { name: names[1], type: 'line', data: trend.map((m) => sharePoint(m.attendance)), itemStyle: { color: '#1677ff' }, symbolSize: 8, connectNulls: false },
      ],
    };
  }, [trend, lang, t]);

  return (
    <Card size="small" title={t('dashboard.trend.title')} extra={<ExportButton unitId={unitId} view={view} table="meetings" />} data-testid="dashboard-trend">
      {trend.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ChartAndTable
          chart={<EChart option={option} height={280} label={t('dashboard.trend.chartLabel')} testId="chart-trend" />}
          table={
            <ScrollRegion label={t('dashboard.trend.title')} minWidth={280}>
              <Table<Month> rowKey="month" size="small" dataSource={trend} columns={columns} pagination={false} data-testid="trend-table" />
            </ScrollRegion>
          }
        />
      )}
    </Card>
  );
}

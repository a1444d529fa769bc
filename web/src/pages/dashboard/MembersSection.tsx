// Who the members are on the date: an age pyramid by sex (men to the left, women to the
// right) with its table, and the other breakdowns as small tables with their shares.

import { Card, Col, Row, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMemo } from 'react';
import type { Count, SexCount, UnitFigures } from '../../api/figures.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { ChartAndTable } from './ChartAndTable.tsx';
import type { DashboardView } from './dashboard-query.ts';
import { ExportButton } from './ExportButton.tsx';
import { type Breakdown, keyLabel, numberText, sharePercent } from './format.ts';

// Sex and age are in the pyramid's table already.
const BREAKDOWNS: readonly Breakdown[] = ['byStatus', 'byPartyAge', 'byTheoryLevel', 'byEducation', 'byEthnicity', 'byReligion'];

/** A bar's count at its end (without the sign men's bars are drawn with; none for 0). */
const countLabel = (p: { value?: unknown }) => (typeof p.value === 'number' && p.value !== 0 ? String(Math.abs(p.value)) : '');

export function MembersSection({ unitId, view, figures }: { unitId: number; view: DashboardView; figures: UnitFigures }) {
  const t = useT();
  const [lang] = useLang();
  const bands = figures.members.byAgeBandAndSex;
  const pyramidColumns: ColumnsType<SexCount> = [
    { title: t('dashboard.members.ageBand'), key: 'band', render: (_, r) => keyLabel(t, 'byAgeBand', r.key) },
    { title: t('sex.nam'), dataIndex: 'nam', align: 'right' },
    { title: t('sex.nu'), dataIndex: 'nu', align: 'right' },
    { title: t('dashboard.members.total'), key: 'total', align: 'right', render: (_, r) => r.nam + r.nu },
  ];
  const option = useMemo<ChartOption>(() => {
    const labels = bands.map((b) => keyLabel(t, 'byAgeBand', b.key));
    // Room beyond the longest bar for its count, so the count never sits on the band's name.
    const max = Math.ceil(Math.max(1, ...bands.map((b) => Math.max(b.nam, b.nu))) * 1.3);
    return {
      grid: { left: 28, right: 28, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('sex.nam'), t('sex.nu')] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (p: unknown) => {
          const i = (Array.isArray(p) ? (p[0] as { dataIndex: number }) : (p as { dataIndex: number })).dataIndex;
          const b = bands[i]!;
          return `${labels[i]}<br/>${t('sex.nam')}: ${b.nam}<br/>${t('sex.nu')}: ${b.nu}`;
        },
      },
      // Men are drawn as negative bars; the axis shows their count without the sign.
      // The axis ends are not labelled: "12 10" crowded together at both edges.
      xAxis: { type: 'value', min: -max, max, axisLabel: { formatter: (v: number) => String(Math.abs(v)), showMinLabel: false, showMaxLabel: false } },
      yAxis: { type: 'category', data: labels, axisTick: { show: false } },
      series: [
        {
          name: t('sex.nam'),
          type: 'bar',
          stack: 'pyramid',
          data: bands.map((b) => -b.nam),
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 26,
          label: { show: true, position: 'left', color: '#262626', formatter: countLabel },
        },
        {
          name: t('sex.nu'),
          type: 'bar',
          stack: 'pyramid',
          data: bands.map((b) => b.nu),
          itemStyle: { color: '#d4380d' },
          barMaxWidth: 26,
          label: { show: true, position: 'right', color: '#262626', formatter: countLabel },
        },
      ],
    };
  }, [bands, t]);

  return (
    <Card
      size="small"
      title={t('dashboard.members.title')}
      extra={<ExportButton unitId={unitId} view={view} table="members" />}
      data-testid="dashboard-members"
    >
      <ChartAndTable
        chart={<EChart option={option} height={Math.max(220, bands.length * 34 + 60)} label={t('dashboard.members.pyramidLabel')} testId="chart-pyramid" />}
        table={
          <ScrollRegion label={t('dashboard.members.title')} minWidth={320}>
            <Table<SexCount> rowKey="key" size="small" dataSource={bands} columns={pyramidColumns} pagination={false} data-testid="pyramid-table" />
          </ScrollRegion>
        }
      />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {BREAKDOWNS.map((b) => (
          <Col key={b} xs={24} md={12} xl={8}>
            <BreakdownTable title={t(`dashboard.members.breakdowns.${b}`)} breakdown={b} rows={figures.members[b]} total={figures.members.total} lang={lang} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function BreakdownTable({ title, breakdown, rows, total, lang }: { title: string; breakdown: Breakdown; rows: Count[]; total: number; lang: string }) {
  const t = useT();
  const columns: ColumnsType<Count> = [
    { title, key: 'key', render: (_, r) => keyLabel(t, breakdown, r.key) },
    { title: t('dashboard.members.count'), dataIndex: 'n', align: 'right', width: 80, render: (n: number) => numberText(n, lang) },
    { title: t('dashboard.members.share'), key: 'share', align: 'right', width: 90, render: (_, r) => sharePercent({ n: r.n, of: total }, lang) },
  ];
  return <Table<Count> rowKey="key" size="small" dataSource={rows} columns={columns} pagination={false} data-testid={`breakdown-${breakdown}`} />;
}

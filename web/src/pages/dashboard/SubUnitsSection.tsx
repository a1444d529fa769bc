// The units directly under this one: a bar per sub-unit (members, attendance or monthly
// compliance) and the table of all their figures. A bar or a row opens that unit's
// dashboard with the same date and period.

import { Card, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { MeetingFigures, Share, UnitFigures } from '../../api/figures.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { ChartAndTable } from './ChartAndTable.tsx';
import { type DashboardView, viewQuery } from './dashboard-query.ts';
import { ExportButton } from './ExportButton.tsx';
import { keyLabel, sharePercent, sharePoint } from './format.ts';
import { type SubUnitRow, subUnitRows } from './sub-unit-rows.ts';

const CELL_KINDS = new Set(['chi_bo', 'chi_bo_co_so', 'to_dang']);

type Metric = 'members' | 'attendance' | 'compliance';

export function SubUnitsSection({ unitId, view, unit, meetings }: { unitId: number; view: DashboardView; unit?: UnitFigures; meetings?: MeetingFigures }) {
  const t = useT();
  const [lang] = useLang();
  const phone = usePhone();
  const navigate = useNavigate();
  const [metric, setMetric] = useState<Metric>('members');
  const rows = useMemo(() => subUnitRows(unit, meetings), [unit, meetings]);
  const href = (id: number) => `/units/${id}/dashboard?${viewQuery(view)}`;
  const dash = (s: Share | null) =>
    s ? (
      <span style={{ whiteSpace: 'nowrap' }}>
        {sharePercent(s, lang)}{' '}
        <Typography.Text type="secondary">
          ({s.n}/{s.of})
        </Typography.Text>
      </span>
    ) : (
      '—'
    );
  // For one cell, "100% (1/1)" says less than yes or no.
  const met = (s: Share | null) =>
    s && s.of === 1 ? (
      <Tag color={s.n === 1 ? 'green' : 'orange'} data-testid="sub-unit-met" data-value={s.n === 1 ? 'yes' : 'no'}>
        {t(s.n === 1 ? 'dashboard.subUnits.met' : 'dashboard.subUnits.notMet')}
      </Tag>
    ) : (
      dash(s)
    );

  const columns: ColumnsType<SubUnitRow> = [
    {
      title: t('dashboard.subUnits.name'),
      key: 'name',
      fixed: 'left',
      width: phone ? 150 : 220,
      render: (_, r) => (
        <>
          <Link to={href(r.id)} data-testid="sub-unit-link">
            {r.name}
          </Link>
          {r.members === null && <NotOnDate date={view.date} />}
        </>
      ),
    },
    { title: t('dashboard.subUnits.kind'), key: 'kind', width: 130, render: (_, r) => keyLabel(t, 'kind', r.kind) },
    {
      title: t('dashboard.subUnits.members'),
      dataIndex: 'members',
      width: 90,
      align: 'right',
      render: (v: number | null) => v ?? '—',
      sorter: (a, b) => (a.members ?? 0) - (b.members ?? 0),
    },
    { title: t('dashboard.subUnits.grassroots'), dataIndex: 'grassroots', width: 100, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('dashboard.subUnits.cells'), dataIndex: 'cells', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('dashboard.subUnits.meetings'), dataIndex: 'meetingsHeld', width: 100, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('dashboard.subUnits.compliance'), key: 'compliance', width: 150, render: (_, r) => met(r.compliance) },
    { title: t('dashboard.subUnits.attendance'), key: 'attendance', width: 150, render: (_, r) => dash(r.attendance) },
  ];

  const option = useMemo<ChartOption>(() => {
    const value = (r: SubUnitRow) =>
      metric === 'members' ? r.members : sharePoint((metric === 'attendance' ? r.attendance : r.compliance) ?? { n: 0, of: 0 });
    const shown = [...rows].reverse(); // horizontal bars draw bottom-up: keep the table's order top-down
    const labels = shortNames(shown.map((r) => r.name));
    const percentMetric = metric !== 'members';
    // The value at the end of each bar, as people write it ("90,6%"): a phone has no hover for the tooltip.
    const valueText = (v: number) => `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}${percentMetric ? '%' : ''}`;
    return {
      grid: { left: 8, right: phone ? 48 : 56, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (p: unknown) => {
          const first = (Array.isArray(p) ? p[0] : p) as { dataIndex: number };
          const r = shown[first.dataIndex]!;
          const s = metric === 'attendance' ? r.attendance : metric === 'compliance' ? r.compliance : null;
          return `${escapeHtml(r.name)}<br/>${t(`dashboard.subUnits.metric.${metric}`)}: ${s ? `${sharePercent(s, lang)} (${s.n}/${s.of})` : (r.members ?? '—')}`;
        },
      },
      xAxis: { type: 'value', max: percentMetric ? 100 : undefined, axisLabel: { formatter: percentMetric ? '{value}%' : '{value}' } },
      // A long name wraps onto a second line instead of ending in "…".
      yAxis: { type: 'category', data: labels, axisLabel: { width: phone ? 110 : 220, overflow: 'break', lineHeight: 13 } },
      series: [
        {
          type: 'bar',
          data: shown.map(value),
          itemStyle: { color: '#b71c1c' },
          cursor: 'pointer',
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'right',
            color: '#262626',
            formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? valueText(p.value) : ''),
          },
        },
      ],
    };
  }, [rows, metric, phone, lang, t]);

  // A cell has nothing under it: no empty box (and no empty export) to puzzle over.
  if (rows.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('dashboard.subUnits.title', { count: rows.length })}
      extra={<ExportButton unitId={unitId} view={view} table="subUnits" />}
      data-testid="dashboard-sub-units"
    >
      <ChartAndTable
        wide
        chart={
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Segmented<Metric>
              block
              value={metric}
              onChange={setMetric}
              className="no-print"
              options={(['members', 'attendance', 'compliance'] as const).map((m) => ({ value: m, label: t(`dashboard.subUnits.metric.${m}`) }))}
            />
            <EChart
              option={option}
              height={Math.max(160, rows.length * (phone ? 36 : 30) + 40)}
              label={t('dashboard.subUnits.chartLabel')}
              testId="chart-sub-units"
              onClickName={(_, i) => {
                const r = [...rows].reverse()[i];
                if (r) navigate(href(r.id));
              }}
            />
          </Space>
        }
        table={
          phone ? (
            // On a phone each sub-unit is a card-like row: its name, then its figures, no sideways scrolling.
            <List<SubUnitRow>
              dataSource={rows}
              size="small"
              data-testid="sub-unit-list"
              renderItem={(r) => (
                <List.Item
                  data-testid="sub-unit-row"
                  data-unit-id={r.id}
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('a')) navigate(href(r.id));
                  }}
                  style={{ display: 'block', cursor: 'pointer', padding: '10px 4px' }}
                >
                  <Link to={href(r.id)} data-testid="sub-unit-link" style={{ fontWeight: 600 }}>
                    {r.name}
                  </Link>
                  {r.members === null && <NotOnDate date={view.date} />}
                  <div>
                    {t('dashboard.subUnits.members')}: <b>{r.members ?? '—'}</b>
                    {r.cells !== null && !CELL_KINDS.has(r.kind) && (
                      <>
                        {' '}
                        · {t('dashboard.subUnits.cells')}: <b>{r.cells}</b>
                      </>
                    )}
                    {r.meetingsHeld !== null && (
                      <>
                        {' '}
                        · {t('dashboard.subUnits.meetings')}: <b>{r.meetingsHeld}</b>
                      </>
                    )}
                  </div>
                  <div>
                    {t('dashboard.subUnits.compliance')}: {met(r.compliance)}
                  </div>
                  <div>
                    {t('dashboard.subUnits.attendance')}: {dash(r.attendance)}
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table<SubUnitRow>
              rowKey="id"
              size="small"
              dataSource={rows}
              columns={columns}
              scroll={{ x: 900 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              onRow={(r) =>
                ({
                  'data-testid': 'sub-unit-row',
                  'data-unit-id': r.id,
                  style: { cursor: 'pointer' },
                  onClick: (e: React.MouseEvent) => {
                    if (!(e.target as HTMLElement).closest('a')) navigate(href(r.id));
                  },
                }) as React.HTMLAttributes<HTMLElement>
              }
            />
          )
        }
      />
    </Card>
  );
}

/** A unit with meetings in the period that was not under this one on the chosen date (moved, merged, dissolved). */
function NotOnDate({ date }: { date: string }) {
  const t = useT();
  return (
    <div>
      <Tag color="default" style={{ marginTop: 2 }} data-testid="sub-unit-not-on-date">
        {t('dashboard.subUnits.notOnDate', { date: showDate(date) })}
      </Tag>
    </div>
  );
}

/** Names without the words they all start with ("Chi bộ thôn Bắc Sơn" → "thôn Bắc Sơn"), so a phone shows what differs. */
export function shortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  const words = names.map((n) => n.split(' '));
  let common = 0;
  while (words.every((w) => w.length > common + 1 && w[common] === words[0]![common])) common += 1;
  return words.map((w) => w.slice(common).join(' '));
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

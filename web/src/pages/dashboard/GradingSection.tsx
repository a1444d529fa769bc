// The grading results of a year on the dashboard: members and organisations by grade, each
// with its count, its share of those graded and of all (numerator and denominator shown),
// the cells "4 tốt" with the split between cells under committees and grassroots cells,
// and the members eligible for the reward. The year is the one of the dashboard's period
// when it is a whole year, else the year before the chosen date (the last one graded).

import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { type ByGrade, useGradingFigures } from '../../api/grading-figures.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import type { DashboardView } from './dashboard-query.ts';
import { shareText } from './format.ts';

export function gradingYearOf(view: DashboardView): number {
  const y = Number(view.from.slice(0, 4));
  if (view.period === 'year' && view.from.endsWith('-01-01')) return y;
  return Number(view.date.slice(0, 4)) - 1;
}

export function GradingSection({ unitId, view }: { unitId: number; view: DashboardView }) {
  const t = useT();
  const [lang] = useLang();
  const [year, setYear] = useState(() => gradingYearOf(view));
  const figures = useGradingFigures(unitId, `${year}-01-01`, `${year}-12-31`);
  const latest = Number(view.date.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => latest - i);
  const columns: ColumnsType<ByGrade> = [
    { title: t('dashboard.grading.grade'), key: 'grade', render: (_, r) => t(`dashboard.grading.grades.${r.grade}`) },
    { title: t('dashboard.grading.ofGraded'), key: 'ofGraded', align: 'right', render: (_, r) => shareText(r.ofGraded, lang) },
    { title: t('dashboard.grading.ofAll'), key: 'ofAll', align: 'right', render: (_, r) => shareText(r.ofAll, lang) },
  ];
  const d = figures.data;
  // An older scale names the organisations' grades otherwise ("Trong sạch, vững mạnh").
  const orgLabels = new Map((d?.organisations.gradeLabels ?? []).map((g) => [g.grade, g.label]));
  const orgColumns: ColumnsType<ByGrade> = [
    { ...columns[0]!, render: (_, r) => orgLabels.get(r.grade) ?? t(`dashboard.grading.grades.${r.grade}`) },
    ...columns.slice(1),
  ];
  return (
    <Card
      size="small"
      title={t('dashboard.grading.title', { year })}
      data-testid="dashboard-grading"
      extra={
        <Select
          aria-label={t('dashboard.grading.year')}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          style={{ minWidth: 96, minHeight: 44 }}
          data-testid="dashboard-grading-year"
        />
      }
    >
      {figures.isPending ? (
        <PageLoading />
      ) : figures.isError ? (
        <QueryError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : d && d.members.decided === 0 && d.organisations.decided === 0 ? (
        <Alert type="info" showIcon title={t('dashboard.grading.none', { year })} data-testid="dashboard-grading-none" />
      ) : (
        d && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div data-testid="dashboard-grading-four-good">
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('dashboard.grading.fourGood', { share: shareText({ n: d.fourGood.reached.n, of: d.fourGood.cells.n }, lang) })}
              </Typography.Text>
              {/* The split, leaving out a kind of cell the tree does not have. */}
              <div>
                {[
                  d.fourGood.cells.underCommittees > 0 &&
                    t('dashboard.grading.fourGoodUnder', { n: d.fourGood.reached.underCommittees, of: d.fourGood.cells.underCommittees }),
                  d.fourGood.cells.grassrootsCells > 0 &&
                    t('dashboard.grading.fourGoodGrassroots', { n: d.fourGood.reached.grassrootsCells, of: d.fourGood.cells.grassrootsCells }),
                ]
                  .filter(Boolean)
                  .join('; ')
                  .replace(/^./u, (c) => c.toUpperCase())}
              </div>
            </div>
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('dashboard.grading.members')}
              </Typography.Text>
              <div data-testid="dashboard-grading-members-graded">
                {t('dashboard.grading.graded', { n: d.members.graded.n, of: d.members.graded.of, decided: d.members.decided })}
                {d.members.excluded.length > 0 &&
                  ` ${t('dashboard.grading.excluded', { list: d.members.excluded.map((x) => `${x.text}: ${x.n}`).join('; ') })}`}
              </div>
              <ScrollRegion label={t('dashboard.grading.members')} minWidth={340}>
                <Table
                  size="small"
                  rowKey="grade"
                  pagination={false}
                  columns={columns}
                  dataSource={d.members.byGrade}
                  data-testid="dashboard-grading-members"
                />
              </ScrollRegion>
            </div>
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('dashboard.grading.organisations')}
              </Typography.Text>
              <div>{t('dashboard.grading.orgGraded', { n: d.organisations.graded.n, of: d.organisations.graded.of, decided: d.organisations.decided })}</div>
              <ScrollRegion label={t('dashboard.grading.organisations')} minWidth={340}>
                <Table
                  size="small"
                  rowKey="grade"
                  pagination={false}
                  columns={orgColumns}
                  dataSource={d.organisations.byGrade}
                  data-testid="dashboard-grading-organisations"
                />
              </ScrollRegion>
            </div>
            {d.members.rewardEligible.rule && (
              <div data-testid="dashboard-grading-reward">
                <Typography.Text strong>
                  {t('dashboard.grading.reward', {
                    n: d.members.rewardEligible.n,
                    years: d.members.rewardEligible.rule.consecutiveYears,
                    from: d.members.rewardEligible.rule.from,
                    to: d.members.rewardEligible.rule.to,
                  })}
                </Typography.Text>
                {d.members.rewardEligible.members.length > 0 && <div>{d.members.rewardEligible.members.map((m) => m.name).join(', ')}</div>}
              </div>
            )}
          </Space>
        )
      )}
    </Card>
  );
}

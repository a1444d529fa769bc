// Tình hình sinh hoạt chi bộ for a unit subtree and a period: which cells held every
// monthly meeting and a thematic one each quarter, attendance per cell and overall, the
// spread of quality grades, members close to being struck off (absent without reason
// repeatedly), cells with no meeting recorded this month by the plan deadline; as xlsx too.

import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, download } from '../../api/client.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { type Translate, useLang, useT } from '../../i18n/i18n.ts';
import { showDate, showMonth, todayIso } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { useMeetingUnit } from './MeetingsPage.tsx';
import { GRADE_COLORS, gradeLabel, percent } from './meeting-labels.ts';
import { type Compliance, meetingKeys, type QualityGrade } from './meetings-api.ts';

type Cell = Compliance['cells'][number];
const GRADES: readonly QualityGrade[] = ['tot', 'kha', 'trung_binh', 'kem'];

const quarterText = (t: Translate, q: string) => t('meetings.compliance.quarter', { q: q.slice(6), year: q.slice(0, 4) });

function YesNo({ value, testId }: { value: boolean | null; testId?: string }) {
  const t = useT();
  if (value === null)
    return (
      <span data-testid={testId} data-value="na">
        <MinusCircleOutlined style={{ color: '#bfbfbf' }} /> <Typography.Text type="secondary">{t('meetings.compliance.notDue')}</Typography.Text>
      </span>
    );
  return value ? (
    <span data-testid={testId} data-value="yes">
      <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('meetings.compliance.yes')}
    </span>
  ) : (
    <span data-testid={testId} data-value="no">
      <CloseCircleTwoTone twoToneColor="#ff4d4f" /> {t('meetings.compliance.no')}
    </span>
  );
}

function Grades({ grades }: { grades: Compliance['summary']['grades'] }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {GRADES.filter((g) => grades[g] > 0).map((g) => (
        <Tag key={g} color={GRADE_COLORS[g]}>
          {gradeLabel(t, g)}: {grades[g]}
        </Tag>
      ))}
      {grades.ungraded > 0 && (
        <Tag>
          {t('meetings.compliance.ungraded')}: {grades.ungraded}
        </Tag>
      )}
      {GRADES.every((g) => grades[g] === 0) && grades.ungraded === 0 && <Typography.Text type="secondary">—</Typography.Text>}
    </Space>
  );
}

export default function CompliancePage() {
  const t = useT();
  const [lang] = useLang();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const [unitId, setUnitId] = useMeetingUnit();
  const today = todayIso();
  const from = params.get('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get('to') ?? today;
  const [exporting, setExporting] = useState(false);
  const report = useQuery({
    queryKey: meetingKeys.compliance(unitId ?? 0, from, to),
    queryFn: () => api<Compliance>('/meetings/compliance', { query: { unitId, from, to } }),
    enabled: unitId !== null && from <= to,
    placeholderData: (previous) => previous,
  });

  function setPeriod(key: 'from' | 'to', value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  async function exportXlsx() {
    setExporting(true);
    try {
      await download('/meetings/compliance.xlsx', { unitId, from, to }, `sinh-hoat-chi-bo-${from}-${to}.xlsx`);
    } catch (error) {
      showError(error);
    } finally {
      setExporting(false);
    }
  }

  const columns: ColumnsType<Cell> = useMemo(
    () => [
      { title: t('meetings.compliance.cell'), key: 'cell', render: (_, c) => <Link to={`/meetings?unitId=${c.unitId}`}>{c.unitName}</Link> },
      { title: t('meetings.compliance.monthsHeld'), key: 'months', width: 140, render: (_, c) => `${c.monthsHeld}/${c.monthsRequired}` },
      {
        title: t('meetings.compliance.everyMonth'),
        key: 'every',
        width: 170,
        render: (_, c) => (
          <>
            <YesNo value={c.everyMonth} testId="compliance-every-month" />
            {c.missingMonths.length > 0 && (
              <div>
                <Typography.Text type="danger">{t('meetings.compliance.missing', { months: c.missingMonths.map(showMonth).join(', ') })}</Typography.Text>
              </div>
            )}
          </>
        ),
      },
      {
        title: t('meetings.compliance.thematic'),
        key: 'thematic',
        width: 190,
        render: (_, c) => (
          <>
            <YesNo value={c.thematicEveryQuarter} testId="compliance-thematic" />
            <div>
              {Object.entries(c.thematicByQuarter)
                .map(([q, n]) => `${quarterText(t, q)}: ${n}`)
                .join(' · ')}
            </div>
          </>
        ),
      },
      { title: t('meetings.compliance.meetings'), dataIndex: 'meetingsHeld', width: 90 },
      {
        title: t('meetings.compliance.attendance'),
        key: 'att',
        width: 140,
        render: (_, c) => (
          <span data-testid="compliance-rate">
            {percent(c.attendanceRate, lang)}{' '}
            <Typography.Text type="secondary">
              ({c.present}/{c.expected})
            </Typography.Text>
          </span>
        ),
      },
      { title: t('meetings.compliance.grades'), key: 'grades', width: 200, render: (_, c) => <Grades grades={c.grades} /> },
    ],
    [t, lang],
  );

  const r = report.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="compliance-page">
      <Breadcrumb
        items={[
          { title: <Link to={`/meetings${unitId ? `?unitId=${unitId}` : ''}`}>{t('meetings.list.title')}</Link> },
          { title: t('meetings.compliance.title') },
        ]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.compliance.title')}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={!unitId} data-testid="compliance-export">
          {t('meetings.compliance.export')}
        </Button>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={12}>
            <UnitSelect value={unitId} onChange={setUnitId} testId="compliance-unit" allowClear={false} />
          </Col>
          <Col xs={12} md={6}>
            <DateInput value={from} onChange={(v) => setPeriod('from', v)} testId="compliance-from" allowClear={false} />
          </Col>
          <Col xs={12} md={6}>
            <DateInput value={to} onChange={(v) => setPeriod('to', v)} testId="compliance-to" allowClear={false} />
          </Col>
        </Row>
        {from > to && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('meetings.compliance.badPeriod')} />}
      </Card>
      {!unitId ? (
        <Empty description={t('meetings.list.pickUnit')} />
      ) : report.isPending ? (
        <PageLoading />
      ) : report.isError && !r ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        r && (
          <>
            <Card
              size="small"
              title={t('meetings.compliance.summaryTitle', { unit: r.unit.name, from: showDate(r.from), to: showDate(r.to) })}
              data-testid="compliance-summary"
            >
              <Row gutter={[12, 12]}>
                <Col xs={12} md={4}>
                  <Statistic title={t('meetings.compliance.cells')} value={r.summary.cells} data-testid="compliance-cells" />
                </Col>
                <Col xs={12} md={5}>
                  <Statistic
                    title={t('meetings.compliance.cellsEveryMonth')}
                    value={`${r.summary.cellsEveryMonth}/${r.summary.cellsMonthlyApplicable}`}
                    suffix={<small> {percent(r.summary.cellsEveryMonthRate, lang)}</small>}
                  />
                </Col>
                <Col xs={12} md={5}>
                  <Statistic
                    title={t('meetings.compliance.cellsThematic')}
                    value={`${r.summary.cellsThematicEveryQuarter}/${r.summary.cellsThematicApplicable}`}
                    suffix={<small> {percent(r.summary.cellsThematicEveryQuarterRate, lang)}</small>}
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('meetings.compliance.meetings')} value={r.summary.meetingsHeld} />
                </Col>
                <Col xs={24} md={6}>
                  <Statistic
                    title={t('meetings.compliance.attendance')}
                    value={percent(r.summary.attendanceRate, lang)}
                    suffix={
                      <small>
                        {' '}
                        ({r.summary.present}/{r.summary.expected})
                      </small>
                    }
                    data-testid="compliance-overall-rate"
                  />
                </Col>
              </Row>
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{t('meetings.compliance.grades')}: </Typography.Text>
                <Grades grades={r.summary.grades} />
              </div>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t('meetings.compliance.periodNote', { months: r.monthsRequired.length, quarters: r.quartersRequired.length, asOf: showDate(r.asOf) })}
              </Typography.Paragraph>
            </Card>

            <Card
              size="small"
              title={t('meetings.compliance.thisMonth', { month: showMonth(r.thisMonth.month), deadline: showDate(r.thisMonth.deadline) })}
              data-testid="compliance-this-month"
            >
              {r.thisMonth.cellsWithoutMeeting.length === 0 ? (
                <Typography.Text type="success">{t('meetings.compliance.allPlanned')}</Typography.Text>
              ) : (
                <>
                  {r.thisMonth.overdue && (
                    <Alert
                      type="error"
                      showIcon
                      style={{ marginBottom: 8 }}
                      title={t('meetings.compliance.overdue', { count: r.thisMonth.cellsWithoutMeeting.length })}
                    />
                  )}
                  <Space size={[4, 4]} wrap>
                    {r.thisMonth.cellsWithoutMeeting.map((c) => (
                      <Tag key={c.unitId} color={r.thisMonth.overdue ? 'orange' : 'gold'} data-testid="compliance-no-meeting">
                        <Link to={`/meetings?unitId=${c.unitId}`}>{c.unitName}</Link>
                      </Tag>
                    ))}
                  </Space>
                </>
              )}
            </Card>

            <Card size="small" title={t('meetings.compliance.cellsTitle', { count: r.cells.length })} styles={{ body: { padding: phone ? 0 : undefined } }}>
              {phone ? (
                <List
                  dataSource={r.cells}
                  locale={{ emptyText: <Empty /> }}
                  renderItem={(c) => (
                    <List.Item data-testid="compliance-row" data-unit-id={c.unitId} style={{ display: 'block', padding: '10px 12px' }}>
                      <Link to={`/meetings?unitId=${c.unitId}`} style={{ fontWeight: 600 }}>
                        {c.unitName}
                      </Link>
                      <div>
                        {t('meetings.compliance.monthsHeld')}: {c.monthsHeld}/{c.monthsRequired} · <YesNo value={c.everyMonth} />
                      </div>
                      {c.missingMonths.length > 0 && (
                        <Typography.Text type="danger">
                          {t('meetings.compliance.missing', { months: c.missingMonths.map(showMonth).join(', ') })}
                        </Typography.Text>
                      )}
                      <div>
                        {t('meetings.compliance.thematic')}: <YesNo value={c.thematicEveryQuarter} />
                      </div>
                      <div>
                        {t('meetings.compliance.attendance')}: {percent(c.attendanceRate, lang)} ({c.present}/{c.expected})
                      </div>
                      <Grades grades={c.grades} />
                    </List.Item>
                  )}
                />
              ) : (
                <Table<Cell>
                  rowKey="unitId"
                  size="small"
                  dataSource={r.cells}
                  columns={columns}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  scroll={{ x: 1000 }}
                  onRow={(c) => ({ 'data-testid': 'compliance-row', 'data-unit-id': c.unitId }) as React.HTMLAttributes<HTMLElement>}
                />
              )}
            </Card>

            <Card size="small" title={t('meetings.compliance.warnings', { count: r.strikeOffWarnings.length })}>
              {r.strikeOffWarnings.length === 0 ? (
                <Typography.Text type="secondary">{t('meetings.compliance.noWarnings')}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={r.strikeOffWarnings}
                  renderItem={(w) => (
                    <List.Item data-testid="compliance-warning">
                      <List.Item.Meta
                        title={
                          <>
                            <Link to={`/members/${w.memberId}`}>{w.fullName}</Link>{' '}
                            <Tag color="red">{t('meetings.compliance.absences', { n: w.absences })}</Tag>
                          </>
                        }
                        description={`${w.unitName} · ${w.dates.map(showDate).join(', ')}`}
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </>
        )
      )}
    </Space>
  );
}

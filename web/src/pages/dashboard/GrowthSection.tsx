// Membership growth on the dashboard: members admitted this year against the targets the
// committees set (per unit below, summed up the tree), and the white villages (bản trắng
// đảng viên) at the start of the year and on the date, with their names. Any date: the
// figures come from the figures engine for the dashboard's date.

import { Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router-dom';
import { type GrowthLine, useGrowthFigures, useVillageFigures } from '../../api/villages.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { numberText, sharePercent } from './format.ts';

const col = { xs: 12, sm: 8, lg: 6 } as const;

function Figure({ title, value, detail, testId }: { title: string; value: string; detail?: string; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '10px 12px' } }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ display: 'block', lineHeight: 1.3 }}>
        {title}
      </Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }} data-testid={`${testId}-value`}>
        {value}
      </div>
      {detail && (
        <Typography.Text type="secondary" data-testid={`${testId}-detail`}>
          {detail}
        </Typography.Text>
      )}
    </Card>
  );
}

export function GrowthSection({ unitId, date }: { unitId: number; date: string }) {
  const t = useT();
  const [lang] = useLang();
  const growth = useGrowthFigures(unitId, date);
  const villages = useVillageFigures(unitId, date);
  if (growth.isError) return <QueryError error={growth.error} onRetry={() => void growth.refetch()} />;
  if (villages.isError) return <QueryError error={villages.error} onRetry={() => void villages.refetch()} />;
  if (!growth.data || !villages.data) return null;
  const g = growth.data;
  const v = villages.data;
  const targetText = (line: GrowthLine) => (line.target === null ? '—' : numberText(line.target, lang));
  const percent = (line: GrowthLine) => (line.target ? sharePercent({ n: line.admitted, of: line.target }, lang) : '—');
  const rows = g.subUnits.length ? g.subUnits : g.cells.length > 1 ? g.cells : [];
  const columns: ColumnsType<GrowthLine> = [
    { title: t('dashboard.growth.unit'), dataIndex: 'name', key: 'name' },
    { title: t('dashboard.growth.target'), key: 'target', align: 'right', render: (_, r) => targetText(r) },
    { title: t('dashboard.growth.admitted'), dataIndex: 'admitted', key: 'admitted', align: 'right' },
    { title: t('dashboard.growth.percent'), key: 'percent', align: 'right', render: (_, r) => percent(r) },
  ];
  return (
    <Card
      size="small"
      title={t('dashboard.growth.title', { year: g.year, date: showDate(date) })}
      data-testid="dashboard-growth"
      extra={
        <Space wrap className="no-print">
          <Link to={`/units/${unitId}/growth-targets?year=${g.year}`} data-testid="dashboard-growth-targets">
            {t('dashboard.growth.targetsLink')}
          </Link>
          <Link to={`/units/${unitId}/villages?on=${date}`} data-testid="dashboard-growth-villages">
            {t('dashboard.growth.villagesLink')}
          </Link>
        </Space>
      }
    >
      <Row gutter={[8, 8]}>
        <Col {...col}>
          <Figure
            testId="card-admitted"
            title={t('dashboard.growth.admittedCard', { year: g.year })}
            value={numberText(g.total.admitted, lang)}
            detail={
              g.total.target === null
                ? t('dashboard.growth.noTarget')
                : t('dashboard.growth.admittedDetail', {
                    target: targetText(g.total),
                    percent: percent(g.total),
                    reached: g.total.cellsReached,
                    cells: g.total.cellsWithTarget,
                  })
            }
          />
        </Col>
        <Col {...col}>
          <Figure
            testId="card-white-villages"
            title={t('dashboard.growth.whiteCard', { date: showDate(date) })}
            value={numberText(v.onDate.n, lang)}
            detail={t('dashboard.growth.whiteDetail', { of: v.onDate.of })}
          />
        </Col>
        <Col {...col}>
          <Figure
            testId="card-white-start"
            title={t('dashboard.growth.whiteStartCard', { date: showDate(v.yearStart) })}
            value={numberText(v.atYearStart.n, lang)}
            detail={t('dashboard.growth.removed', { removed: v.removed, n: v.atYearStart.n })}
          />
        </Col>
        {g.candidates && (
          <Col {...col}>
            <Figure testId="card-awareness" title={t('dashboard.growth.awareness')} value={numberText(g.candidates.inAwarenessCourse, lang)} />
          </Col>
        )}
      </Row>
      {v.white.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="dashboard-white-list">
          <Typography.Text strong>{t('dashboard.growth.whiteList', { date: showDate(date) })}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            {v.white.map((w) => (
              <Tag key={w.id} style={{ fontSize: 16, padding: '4px 8px', marginBottom: 4, whiteSpace: 'normal' }}>
                {w.name} · {w.cellName}
                {w.candidates !== undefined && ` · ${t('dashboard.growth.candidatesThere', { n: w.candidates })}`}
              </Tag>
            ))}
          </div>
        </div>
      )}
      {rows.length > 0 && (
        <Table<GrowthLine>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="unitId"
          pagination={false}
          columns={columns}
          dataSource={rows}
          data-testid="dashboard-growth-table"
        />
      )}
    </Card>
  );
}

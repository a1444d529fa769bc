// A cell's meeting calendar for a year: twelve month boxes (two across on a phone), each
// with its meetings as planned, held or adopted and the grade; a month without a regular
// meeting says so once it has passed. Reached from the cell's page and the secretary's home.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { useYearCalendar, type YearCalendar } from '../home/home-api.ts';
import { GRADE_COLORS, gradeLabel, kindLabel } from '../meetings/meeting-labels.ts';

const STATE_COLORS = { planned: 'blue', held: 'gold', adopted: 'green' } as const;

export default function CellCalendarPage() {
  const t = useT();
  const { id } = useParams();
  const unitId = Number(id);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || Number(todayIso().slice(0, 4));
  const cal = useYearCalendar(unitId, year);
  const go = (y: number) => setParams({ year: String(y) }, { replace: true });
  if (cal.isPending) return <PageLoading />;
  if (cal.isError) return <QueryError error={cal.error} onRetry={() => void cal.refetch()} />;
  const c = cal.data;
  const pastMonths = c.months.filter((m) => `${m.month}-31` < c.today || m.month === c.today.slice(0, 7));
  const heldMonths = pastMonths.filter((m) => m.meetings.some((x) => x.kind === 'regular' && x.state !== 'planned')).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="cell-calendar">
      <Breadcrumb items={[{ title: <Link to={`/units/${c.unit.id}`}>{c.unit.name}</Link> }, { title: t('meetings.yearCalendar.title', { year }) }]} />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.yearCalendar.title', { year })} — {c.unit.name}
        </Typography.Title>
        <Space>
          <Button icon={<LeftOutlined />} style={{ minHeight: 44 }} onClick={() => go(year - 1)} data-testid="calendar-prev">
            {t('meetings.yearCalendar.prev')}
          </Button>
          <Button style={{ minHeight: 44 }} onClick={() => go(year + 1)} data-testid="calendar-next">
            {t('meetings.yearCalendar.next')} <RightOutlined />
          </Button>
        </Space>
      </div>
      {pastMonths.length > 0 && (
        <Typography.Text data-testid="calendar-summary">{t('meetings.yearCalendar.summary', { held: heldMonths, months: pastMonths.length })}</Typography.Text>
      )}
      <Row gutter={[12, 12]}>
        {c.months.map((m) => (
          <Col key={m.month} xs={12} md={8} lg={6}>
            <MonthBox m={m} today={c.today} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}

function MonthBox({ m, today }: { m: YearCalendar['months'][number]; today: string }) {
  const t = useT();
  const over = `${m.month}-31` < today;
  const noRegular = !m.meetings.some((x) => x.kind === 'regular');
  return (
    <Card
      size="small"
      title={t('meetings.yearCalendar.month', { month: Number(m.month.slice(5, 7)) })}
      data-testid="calendar-month"
      data-month={m.month}
      style={{ height: '100%', borderColor: m.month === today.slice(0, 7) ? '#0950c3' : undefined }}
    >
      {m.meetings.length === 0 && <Typography.Text type="secondary">{t('meetings.yearCalendar.none')}</Typography.Text>}
      {m.meetings.map((x) => (
        <div key={x.id} style={{ marginBottom: 8 }} data-testid="calendar-meeting" data-state={x.state} data-kind={x.kind}>
          <Link to={`/meetings/${x.id}`} style={{ display: 'inline-block', minHeight: 44, paddingTop: 10 }}>
            {showDate(x.heldOn).slice(0, 5)} · {kindLabel(t, x.kind)}
          </Link>
          <div>
            {/* Wraps inside a half-width month on a phone instead of running past its edge. */}
            <Tag color={STATE_COLORS[x.state]} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
              {t(`meetings.yearCalendar.states.${x.state}`)}
            </Tag>
            {x.grade && <Tag color={GRADE_COLORS[x.grade]}>{gradeLabel(t, x.grade)}</Tag>}
          </div>
        </div>
      ))}
      {over && noRegular && m.meetings.length > 0 && <Tag color="orange">{t('meetings.yearCalendar.missing')}</Tag>}
      {over && m.meetings.length === 0 && (
        <div>
          <Tag color="orange">{t('meetings.yearCalendar.missing')}</Tag>
        </div>
      )}
    </Card>
  );
}

// One unit: what it is, its committee and figures, its sub-units, its restructuring
// history, and (for those who may) the forms that change it.

import { Breadcrumb, Button, Card, Col, Descriptions, Empty, List, Row, Space, Statistic, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { CommitteeSeat, UnitEvent, UnitKind } from '../../api/types.ts';
import { useUnit, useUnitHistory } from '../../api/units.ts';
import { usePermission } from '../../auth/session.ts';
import { committeeWords, eventKindLabel, positionLabel, unitKindLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { dayUpToToday, showDate } from '../../lib/dates.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { PartyGroupsCard } from './PartyGroupsCard.tsx';
import { CommitteeEndButton, UnitActions } from './UnitActions.tsx';

export default function UnitPage() {
  const t = useT();
  const phone = usePhone();
  const may = usePermission();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  // The tree as it was on a day up to today; a later date in a link shows today's.
  const at = dayUpToToday(params.get('at'));
  const unit = useUnit(id, at);
  const history = useUnitHistory(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (unit.isPending) return <PageLoading />;
  if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
  const { unit: u, ancestors, committee, counts, organisations, countingRule, children, canEdit } = unit.data;
  const suffix = at ? `?at=${at}` : '';
  const editable = canEdit && !u.dissolvedOn && !at;

  const committeeColumns = [
    {
      title: t('committee.fullName'),
      key: 'name',
      render: (c: CommitteeSeat) => (c.memberId ? <Link to={`/members/${c.memberId}`}>{c.fullName}</Link> : c.fullName),
    },
    { title: t('committee.position'), key: 'position', render: (c: CommitteeSeat) => positionLabel(t, c.position, u.kind) },
    { title: t('committee.from'), key: 'from', render: (c: CommitteeSeat) => showDate(c.validFrom) },
    { title: t('common.decisionNumber'), key: 'decision', render: (c: CommitteeSeat) => c.decisionNumber ?? '' },
    ...(editable ? [{ title: '', key: 'end', render: (c: CommitteeSeat) => <CommitteeEndButton unitId={u.id} seat={c} /> }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="unit-page">
      <Breadcrumb
        items={[
          { title: <Link to={`/units${suffix}`}>{t('units.title')}</Link> },
          ...ancestors.map((a) => ({ title: <Link to={`/units/${a.id}${suffix}`}>{a.name}</Link> })),
          { title: u.name },
        ]}
      />
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="unit-name">
              {u.name}
            </Typography.Title>
            <Space wrap style={{ marginTop: 4 }}>
              <Tag color="geekblue" data-testid="unit-kind">
                {unitKindLabel(t, u.kind)}
              </Tag>
              {u.dissolvedOn && <Tag>{t('units.dissolvedOn', { date: showDate(u.dissolvedOn) })}</Tag>}
              {at && <Tag color="orange">{t('units.asOf', { date: showDate(at) })}</Tag>}
            </Space>
          </div>
          <Descriptions size="small" column={phone ? 1 : 3}>
            <Descriptions.Item label={t('units.code')}>{u.code}</Descriptions.Item>
            <Descriptions.Item label={t('units.establishedOn')}>{showDate(u.establishedOn)}</Descriptions.Item>
            {ancestors.length > 0 && <Descriptions.Item label={t('units.parent')}>{ancestors[ancestors.length - 1]!.name}</Descriptions.Item>}
          </Descriptions>
          <Row gutter={[12, 12]} data-testid="unit-counts">
            <Col xs={8} md={4}>
              <Statistic title={t('units.counts.members')} value={counts.members} styles={statStyle(phone)} data-testid="count-members" />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title={t('units.counts.probationary')} value={counts.probationary} styles={statStyle(phone)} />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title={t('units.counts.exempted')} value={counts.exempted} styles={statStyle(phone)} />
            </Col>
            {/* A cell has no grassroots organisations or cells under it: those figures would only be noise. */}
            {!CELL_KINDS.has(u.kind) && (
              <Col xs={8} md={4}>
                <Statistic title={t('units.counts.grassroots')} value={counts.grassroots} styles={statStyle(phone)} />
              </Col>
            )}
            {!CELL_KINDS.has(u.kind) && (
              <Col xs={8} md={4}>
                <Statistic title={t('units.counts.cells')} value={counts.cells} styles={statStyle(phone)} />
              </Col>
            )}
          </Row>
          {/* How the two figures above split, and the rule behind them (why a commune committee counts, or not). */}
          {!CELL_KINDS.has(u.kind) && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="unit-counting-rule">
              {t('units.countsSplit', {
                committees: organisations.grassroots.committees,
                grassrootsCells: organisations.grassroots.cells,
                underCommittees: organisations.cells.underCommittees,
              })}{' '}
              <Tooltip
                title={
                  <>
                    {countingRule.notes}
                    <br />
                    {countingRule.source}
                  </>
                }
              >
                <Typography.Text underline>{countingRule.title}</Typography.Text>
              </Tooltip>
            </Typography.Paragraph>
          )}
          <Space wrap>
            <Link to={`/units/${u.id}/dashboard${at ? `?date=${at}` : ''}`}>
              <Button type="primary" data-testid="unit-dashboard">
                {t('nav.dashboard')}
              </Button>
            </Link>
            <Link to={`/members?unitId=${u.id}`}>
              <Button type="primary" data-testid="unit-members">
                {t('units.viewMembers')}
              </Button>
            </Link>
            {!u.dissolvedOn && (
              <Link to={`/meetings?unitId=${u.id}`}>
                <Button data-testid="unit-meetings">{t('meetings.unitLinks.meetings')}</Button>
              </Link>
            )}
            {CELL_KINDS.has(u.kind) && u.kind !== 'to_dang' && (
              <Link to={`/units/${u.id}/meeting-calendar`}>
                <Button data-testid="unit-year-calendar">{t('meetings.yearCalendar.link')}</Button>
              </Link>
            )}
            {u.kind !== 'to_dang' && (
              <Link to={`/units/${u.id}/villages${at ? `?on=${at}` : ''}`}>
                <Button data-testid="unit-villages">{t('villages.link')}</Button>
              </Link>
            )}
            {u.kind !== 'to_dang' && (
              <Link to={`/units/${u.id}/growth-targets`}>
                <Button data-testid="unit-growth-targets">{t('growthTargets.link')}</Button>
              </Link>
            )}
            <Link to={`/meetings/compliance?unitId=${u.id}`}>
              <Button data-testid="unit-compliance">{t('meetings.unitLinks.compliance')}</Button>
            </Link>
            {!u.dissolvedOn && (
              <Link to={`/meetings/topics?unitId=${u.id}`}>
                <Button data-testid="unit-topics">{t('meetings.unitLinks.topics')}</Button>
              </Link>
            )}
            {!u.dissolvedOn && CELL_KINDS.has(u.kind) && u.kind !== 'to_dang' && (
              <Link to={`/meetings/residence?unitId=${u.id}`}>
                <Button data-testid="unit-residence">{t('meetings.residence.link')}</Button>
              </Link>
            )}
            {may('manage_meetings') && !u.dissolvedOn && (
              <Link to={`/meetings/scale?unitId=${u.id}`}>
                <Button data-testid="unit-scale">{t('meetings.scale.link')}</Button>
              </Link>
            )}
            {may('write_members') && editable && (
              <Link to={`/members/new?unitId=${u.id}`}>
                <Button data-testid="unit-add-member">{t('members.create')}</Button>
              </Link>
            )}
            {may('write_members') && editable && (
              <Link to={`/imports?unitId=${u.id}`}>
                <Button data-testid="unit-import">{t('nav.imports')}</Button>
              </Link>
            )}
          </Space>
          {editable && <UnitActions detail={unit.data} />}
        </Space>
      </Card>

      {(u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so') && !u.dissolvedOn && <PartyGroupsCard cellId={u.id} at={at} />}

      <Card title={committeeWords(t, u.kind).title} size="small" extra={editable ? <UnitActions detail={unit.data} only="committee" /> : undefined}>
        {committee.length === 0 ? (
          <Empty description={committeeWords(t, u.kind).empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : phone ? (
          <List
            dataSource={committee}
            renderItem={(c) => (
              <List.Item data-testid="committee-row" extra={editable ? <CommitteeEndButton unitId={u.id} seat={c} /> : undefined}>
                <List.Item.Meta
                  title={c.memberId ? <Link to={`/members/${c.memberId}`}>{c.fullName}</Link> : c.fullName}
                  description={`${positionLabel(t, c.position, u.kind)} · ${t('committee.since', { date: showDate(c.validFrom) })}`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={committee}
            columns={committeeColumns}
            onRow={() => ({ 'data-testid': 'committee-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>

      <Card title={t('units.children', { count: children.length })} size="small">
        {children.length === 0 ? (
          <Empty description={t('units.noChildren')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={children}
            renderItem={(c) => (
              <List.Item data-testid="unit-child">
                <List.Item.Meta
                  title={<Link to={`/units/${c.id}${suffix}`}>{c.name}</Link>}
                  description={`${unitKindLabel(t, c.kind)} · ${t('units.memberCount', { count: c.memberCount })}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card title={t('units.history')} size="small">
        {history.isPending ? (
          <PageLoading />
        ) : history.isError ? (
          <QueryError error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.items.length === 0 ? (
          <Empty description={t('units.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline items={history.data.items.map((e) => ({ key: e.id, content: <HistoryItem event={e} /> }))} />
        )}
      </Card>
    </Space>
  );
}

/** One line saying what the event did, from the names the API recorded with it. */
function describeEvent(t: Translate, event: UnitEvent): string | null {
  const d = event.details;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const name = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? str((v as { name: unknown }).name) : '');
  const names = (v: unknown) => (Array.isArray(v) ? v.map(name).filter(Boolean).join(', ') : '');
  switch (event.kind) {
    case 'create':
      return d.name ? t('unitEventDetail.create', { name: str(d.name), code: str(d.code) }) : null;
    case 'rename':
      return d.toName ? t('unitEventDetail.rename', { from: str(d.fromName), to: str(d.toName) }) : null;
    case 'move':
      return d.to ? t('unitEventDetail.move', { name: name(d.unit), from: name(d.from) || '—', to: name(d.to) }) : null;
    case 'merge':
      return d.target
        ? t('unitEventDetail.merge', { sources: names(d.sources), target: name(d.target), members: typeof d.membersMoved === 'number' ? d.membersMoved : 0 })
        : null;
    case 'split':
      return d.parts ? t('unitEventDetail.split', { source: name(d.source), parts: names(d.parts) }) : null;
    case 'dissolve':
      return d.unit ? t('unitEventDetail.dissolve', { name: name(d.unit) }) : null;
    case 'reclassify':
      return d.toKind
        ? t('unitEventDetail.reclassify', { name: name(d.unit), from: unitKindLabel(t, d.fromKind as UnitKind), to: unitKindLabel(t, d.toKind as UnitKind) })
        : null;
    default:
      return null;
  }
}

const CELL_KINDS = new Set<UnitKind>(['chi_bo', 'chi_bo_co_so', 'to_dang']);
const statStyle = (phone: boolean) => ({ content: { fontSize: phone ? 20 : 24 } });

function HistoryItem({ event }: { event: UnitEvent }) {
  const t = useT();
  return (
    <div data-testid="unit-history-item">
      <Typography.Text strong>{showDate(event.effectiveOn)}</Typography.Text> — {eventKindLabel(t, event.kind)}
      {event.decisionNumber && <Typography.Text type="secondary"> · {t('common.decisionShort', { number: event.decisionNumber })}</Typography.Text>}
      {describeEvent(t, event) && <div data-testid="unit-history-detail">{describeEvent(t, event)}</div>}
      {event.note && (
        <div>
          <Typography.Text type="secondary">{event.note}</Typography.Text>
        </div>
      )}
    </div>
  );
}

// The first screen after login, one part per role the account holds (GET /home):
// a cell secretary's month (the meeting and the steps left, each a link to where it is
// done; last month's resolution to carry into the plan; overdue tasks), the commune
// committee's line per cell and the meetings it is assigned to attend ("Tôi sẽ dự"),
// and a member's own meetings and notices.
import { CalendarOutlined, CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/session.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { MyMeetingsCard } from '../meetings/MyMeetings.tsx';
import { useNotices } from '../meetings/meetings-api.ts';
import { type CommitteeHome, type SecretaryCell, useAttend, useHome } from './home-api.ts';
import { PreviousResolutionCard, TaskList } from './PreviousResolution.tsx';

const TAP = { minHeight: 44 };
/** '2026-12' → '12/2026', as Vietnamese documents write a month. */
export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

export default function HomePage() {
  const t = useT();
  const { data: me } = useMe();
  const home = useHome();
  if (home.isPending) return <PageLoading />;
  if (home.isError) return <QueryError error={home.error} onRetry={() => void home.refetch()} />;
  const h = home.data;
  const nothing = h.cells.length === 0 && h.committees.length === 0 && !h.member;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="home-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {me ? t('home.greeting', { name: me.displayName }) : t('home.title')}
      </Typography.Title>
      {nothing && <Alert type="info" showIcon title={t('home.nothing')} />}
      {h.cells.map((cell) => (
        <SecretaryMonth key={cell.unitId} cell={cell} />
      ))}
      {h.committees.map((c) => (
        <CommitteeMonth key={c.unitId} c={c} today={h.today} />
      ))}
      {h.member && <MemberPart />}
    </Space>
  );
}

const STEP_ICONS: Record<SecretaryCell['steps'][number]['state'], ReactNode> = {
  done: <CheckCircleFilled style={{ color: '#237804' }} />,
  todo: <ClockCircleOutlined style={{ color: '#0950c3' }} />,
  late: <ExclamationCircleFilled style={{ color: '#ad4e00' }} />,
  waiting: <MinusCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />,
};
const STEP_COLORS = { done: 'green', todo: 'blue', late: 'orange', waiting: 'default' } as const;

/** Where each step is done. */
function stepLink(cell: SecretaryCell, key: SecretaryCell['steps'][number]['key']): string {
  const m = cell.meeting;
  if (!m) return `/meetings/new?unitId=${cell.unitId}&kind=regular&month=${cell.month}`;
  if (key === 'plan') return `/meetings/${m.id}/edit`;
  if (key === 'notice') return `/meetings/${m.id}`;
  if (key === 'rollCall') return `/meetings/${m.id}?tab=attendance`;
  if (key === 'grade') return `/meetings/${m.id}?tab=quality`;
  return `/meetings/${m.id}?tab=minutes`;
}

function SecretaryMonth({ cell }: { cell: SecretaryCell }) {
  const t = useT();
  const navigate = useNavigate();
  const m = cell.meeting;
  const carry = m ? `/meetings/${m.id}/edit?carry=1` : `/meetings/new?unitId=${cell.unitId}&kind=regular&month=${cell.month}&carry=1`;
  return (
    <Row gutter={[16, 16]} data-testid="secretary-home" data-unit-id={cell.unitId}>
      <Col xs={24} lg={14}>
        <Card title={<span style={{ whiteSpace: 'normal' }}>{t('home.secretary.title', { unit: cell.unitName, month: monthLabel(cell.month) })}</span>}>
          {m ? (
            <Typography.Paragraph data-testid="home-next-meeting">
              <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600, fontSize: 17 }}>
                {t('home.secretary.meetingAt', { date: showDate(m.heldOn), start: m.startTime, end: m.endTime, place: m.place })}
              </Link>
              <br />
              <Typography.Text type="secondary">{m.topic}</Typography.Text>
            </Typography.Paragraph>
          ) : (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="home-not-planned"
              title={t('home.secretary.notPlanned')}
              description={
                <>
                  <div>{t('home.secretary.planBy', { date: showDate(cell.planDeadline) })}</div>
                  <Button
                    type="primary"
                    block
                    icon={<PlusOutlined />}
                    style={{ ...TAP, marginTop: 8 }}
                    onClick={() => navigate(stepLink(cell, 'plan'))}
                    data-testid="home-plan"
                  >
                    {t('home.secretary.planNow')}
                  </Button>
                </>
              }
            />
          )}
          <Typography.Text strong>{t('home.secretary.stepsTitle')}</Typography.Text>
          <List
            dataSource={cell.steps}
            data-testid="home-steps"
            renderItem={(s) => (
              <List.Item
                data-testid="home-step"
                data-step={s.key}
                data-state={s.state}
                style={{ paddingLeft: 0, paddingRight: 0 }}
                actions={
                  s.state === 'waiting'
                    ? []
                    : [
                        <Link key="go" to={stepLink(cell, s.key)} data-testid={`home-step-link-${s.key}`}>
                          <Button style={TAP} type={s.state === 'done' ? 'default' : 'primary'} ghost={s.state === 'done'}>
                            {t('home.secretary.go')}
                          </Button>
                        </Link>,
                      ]
                }
              >
                <List.Item.Meta
                  avatar={<span style={{ fontSize: 20 }}>{STEP_ICONS[s.state]}</span>}
                  title={t(`home.secretary.steps.${s.key}`)}
                  description={
                    <span>
                      <Tag color={STEP_COLORS[s.state]}>{t(`home.secretary.state.${s.state}`)}</Tag>
                      {s.dueOn && s.state !== 'done' && s.state !== 'waiting' && t('home.secretary.due', { date: showDate(s.dueOn) })}
                      {s.key === 'notice' && s.state === 'todo' && (
                        <div>
                          <Typography.Text type="secondary">{t('home.secretary.noticeAuto')}</Typography.Text>
                        </div>
                      )}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
          <Link to={`/units/${cell.unitId}/meeting-calendar`} data-testid="home-year-calendar">
            <Button icon={<CalendarOutlined />} style={TAP}>
              {t('home.secretary.calendar')}
            </Button>
          </Link>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <PreviousResolutionCard
            previous={cell.previous}
            action={
              cell.previous && m?.minutes !== 'adopted' ? (
                <Link to={carry} data-testid="home-carry">
                  <Button block style={TAP}>
                    {t('home.previous.carry')}
                  </Button>
                </Link>
              ) : undefined
            }
          />
          <OverdueCard cell={cell} />
        </Space>
      </Col>
    </Row>
  );
}

function OverdueCard({ cell }: { cell: SecretaryCell }) {
  const t = useT();
  return (
    <Card size="small" title={t('home.overdue.title')} data-testid="home-overdue">
      {cell.overdue.length === 0 ? (
        <Typography.Text type="secondary">{t('home.overdue.none')}</Typography.Text>
      ) : (
        <TaskList
          items={cell.overdue}
          testId="home-overdue-item"
          meta={(i) => (
            <>
              <Tag color="orange">{t('home.previous.due', { date: showDate(i.dueOn) })}</Tag>
              <Link to={`/meetings/${i.meetingId}?tab=minutes`}>{t('home.overdue.from', { date: showDate(i.meetingHeldOn) })}</Link>
            </>
          )}
        />
      )}
    </Card>
  );
}

/** What the commune reads of each cell's month, in order. */
const FACTS = ['planned', 'held', 'adopted', 'graded'] as const;

const yesNo = (t: Translate, v: boolean, testId: string) =>
  v ? (
    <Tag color="green" data-testid={testId} data-value="yes">
      {t('home.committee.yes')}
    </Tag>
  ) : (
    <Tag data-testid={testId} data-value="no">
      {t('home.committee.no')}
    </Tag>
  );

function CommitteeMonth({ c, today }: { c: CommitteeHome; today: string }) {
  const t = useT();
  const phone = usePhone();
  const { data: me } = useMe();
  const attend = useAttend();
  const count = (k: (typeof FACTS)[number]) => c.cells.filter((x) => x[k]).length;
  const mineConfirmed = new Set(c.assigned.filter((a) => a.mine).map((a) => a.meetingId));
  const doAttend = (meetingId: number) => attend.mutate(meetingId, { onSuccess: () => showSuccess(t('home.committee.attendDone')) });
  const attendButton = (meetingId: number) => (
    <Button
      type="primary"
      style={TAP}
      loading={attend.isPending && attend.variables === meetingId}
      onClick={() => doAttend(meetingId)}
      data-testid="home-attend"
    >
      {t('home.committee.attend')}
    </Button>
  );
  // A cell's meeting still to come that the caller is not yet going to: one tap to go.
  const canGo = (x: CommitteeHome['cells'][number]) =>
    me?.memberId != null && x.meetingId !== null && x.heldOn !== null && x.heldOn >= today && !mineConfirmed.has(x.meetingId);
  const cellLink = (x: CommitteeHome['cells'][number]) => (x.meetingId ? <Link to={`/meetings/${x.meetingId}`}>{x.unitName}</Link> : x.unitName);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="committee-home" data-unit-id={c.unitId}>
      <Card size="small" title={t('home.committee.assigned')} data-testid="committee-assigned">
        {c.assigned.length === 0 ? (
          <Typography.Text type="secondary">{t('home.committee.assignedNone')}</Typography.Text>
        ) : (
          <List
            dataSource={c.assigned}
            renderItem={(a) => (
              <List.Item data-testid="assigned-meeting" data-meeting-id={a.meetingId} style={{ display: 'block', paddingLeft: 0, paddingRight: 0 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                  <div style={{ minWidth: 0 }}>
                    <Link to={`/meetings/${a.meetingId}`} style={{ fontWeight: 600 }}>
                      {showDate(a.heldOn)} · {a.startTime}–{a.endTime}
                    </Link>
                    <div>{a.unitName}</div>
                    <Typography.Text type="secondary">
                      {a.topic} — {a.place}
                    </Typography.Text>
                    {!a.mine && <div>{t('home.committee.guest', { name: a.guestName })}</div>}
                  </div>
                  {a.confirmed ? (
                    <Tag color="green" icon={<CheckCircleFilled />} data-testid="assigned-confirmed">
                      {t('home.committee.attending')}
                    </Tag>
                  ) : a.mine ? (
                    attendButton(a.meetingId)
                  ) : (
                    <Tag>{t('home.committee.notConfirmed')}</Tag>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        title={<span style={{ whiteSpace: 'normal' }}>{t('home.committee.title', { unit: c.unitName, month: monthLabel(c.month) })}</span>}
        styles={{ body: { padding: phone ? 0 : undefined } }}
      >
        <Typography.Paragraph style={{ padding: phone ? '12px 12px 0' : 0 }} data-testid="committee-summary">
          {t('home.committee.summary', {
            planned: count('planned'),
            total: c.cells.length,
            held: count('held'),
            adopted: count('adopted'),
            graded: count('graded'),
          })}
        </Typography.Paragraph>
        {c.truncated && (
          <Alert type="info" showIcon style={{ margin: phone ? 12 : '0 0 12px' }} title={t('home.committee.truncated', { count: c.cells.length })} />
        )}
        {phone ? (
          <List
            dataSource={c.cells}
            renderItem={(x) => (
              <List.Item data-testid="committee-cell" data-unit-id={x.unitId} style={{ display: 'block', padding: '10px 12px' }}>
                <div style={{ fontWeight: 600 }}>
                  {cellLink(x)}
                  {x.heldOn && <Typography.Text type="secondary"> · {showDate(x.heldOn)}</Typography.Text>}
                </div>
                <Space wrap size={[4, 4]} style={{ marginTop: 4 }}>
                  {FACTS.map((k) => (
                    <span key={k}>
                      {t(`home.committee.${k}`)} {yesNo(t, x[k], `cell-${k}`)}
                    </span>
                  ))}
                </Space>
                {canGo(x) && <div style={{ marginTop: 8 }}>{attendButton(x.meetingId!)}</div>}
              </List.Item>
            )}
          />
        ) : (
          <Table
            rowKey="unitId"
            size="middle"
            pagination={false}
            dataSource={c.cells}
            onRow={(x) => ({ 'data-testid': 'committee-cell', 'data-unit-id': x.unitId }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('home.committee.cell'), key: 'cell', render: (_, x) => cellLink(x) },
              { title: t('meetings.fields.date'), key: 'date', width: 120, render: (_, x) => showDate(x.heldOn) },
              ...FACTS.map((k) => ({
                title: t(`home.committee.${k}`),
                key: k,
                render: (_: unknown, x: CommitteeHome['cells'][number]) => yesNo(t, x[k], `cell-${k}`),
              })),
              { title: '', key: 'go', width: 150, render: (_, x) => (canGo(x) ? attendButton(x.meetingId!) : null) },
            ]}
          />
        )}
        <div style={{ padding: phone ? 12 : '12px 0 0' }}>
          <Link to={`/meetings/compliance?unitId=${c.unitId}`} data-testid="home-compliance">
            <Button style={TAP}>{t('home.committee.compliance')}</Button>
          </Link>
        </div>
      </Card>
    </Space>
  );
}

function MemberPart() {
  const t = useT();
  const memberId = useMe().data?.memberId ?? null;
  const notices = useNotices();
  const unread = (notices.data?.items ?? []).filter((n) => !n.readAt).slice(0, 3);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        {memberId !== null && <MyMeetingsCard memberId={memberId} />}
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('home.member.notices')} data-testid="home-notices" extra={<Link to="/notices">{t('home.member.allNotices')}</Link>}>
          {unread.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.member.noNotices')} />
          ) : (
            <List
              size="small"
              dataSource={unread}
              renderItem={(n) => (
                <List.Item style={{ paddingLeft: 0, paddingRight: 0 }}>
                  <div>
                    {n.link ? <Link to={n.link}>{n.title}</Link> : <Typography.Text strong>{n.title}</Typography.Text>}
                    <div>
                      <Typography.Text type="secondary">{n.body}</Typography.Text>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

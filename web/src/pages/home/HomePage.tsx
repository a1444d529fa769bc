// The first screen after login, one part per role the account holds (GET /home):
// a cell secretary's month (the meeting and the steps left, each a link to where it is
// done; last month's resolution to carry into the plan; overdue tasks), the commune
// committee's line per cell and the meetings it is assigned to attend ("Tôi sẽ dự"),
// the admission deadlines running in the units granted, and a member's own meetings and notices.
import { CalendarOutlined, CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Tag } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/session.ts';
import { Muted, PageHeading, Panel, PlainItem, PlainList } from '../../components/Plain.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { MyMeetingsCard } from '../meetings/MyMeetingsList.tsx';
import { useNotices } from '../meetings/meetings-api.ts';
import { TaskLine } from '../tasks/TaskLine.tsx';
import { AdmissionDeadlines } from './AdmissionDeadlines.tsx';
import { type Home, type SecretaryCell, useHome } from './home-api.ts';
import { monthLabel, TAP } from './home-shared.ts';
import { PreviousResolutionCard, TaskList } from './PreviousResolution.tsx';

// Loaded only for a committee (it carries the table of cells).
const CommitteeMonth = lazy(() => import('./CommitteeMonth.tsx'));

export default function HomePage() {
  const t = useT();
  const { data: me } = useMe();
  const home = useHome();
  if (home.isPending) return <PageLoading />;
  if (home.isError) return <QueryError error={home.error} onRetry={() => void home.refetch()} />;
  const h = home.data;
  const nothing = h.cells.length === 0 && h.committees.length === 0 && !h.member;
  return (
    <div style={COLUMN} data-testid="home-page">
      <PageHeading>{me ? t('home.greeting', { name: me.displayName }) : t('home.title')}</PageHeading>
      {nothing && <Alert type="info" showIcon title={t('home.nothing')} />}
      {h.cells.map((cell) => (
        <SecretaryMonth key={cell.unitId} cell={cell} />
      ))}
      <AdmissionDeadlines admissions={h.admissions} cellCount={h.cells.length} />
      {h.committees.length > 0 && (
        <Suspense fallback={<PageLoading />}>
          {h.committees.map((c) => (
            <CommitteeMonth key={c.unitId} c={c} today={h.today} />
          ))}
        </Suspense>
      )}
      {h.member && <MemberPart myTasks={h.myTasks} />}
    </div>
  );
}

/** Parts one under the other (antd Space's look, without its code). */
const COLUMN = { display: 'flex', flexDirection: 'column', gap: 16, width: '100%' } as const;

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
        <Panel title={t('home.secretary.title', { unit: cell.unitName, month: monthLabel(cell.month) })}>
          {m ? (
            <p style={{ marginTop: 0 }} data-testid="home-next-meeting">
              <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600, fontSize: 17 }}>
                {t('home.secretary.meetingAt', { date: showDate(m.heldOn), start: m.startTime, end: m.endTime, place: m.place })}
              </Link>
              <br />
              <Muted>{m.topic}</Muted>
            </p>
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
          <strong>{t('home.secretary.stepsTitle')}</strong>
          <PlainList data-testid="home-steps">
            {cell.steps.map((s) => (
              <PlainItem key={s.key} data-testid="home-step" data-step={s.key} data-state={s.state} style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <span style={{ fontSize: 20 }} aria-hidden>
                  {STEP_ICONS[s.state]}
                </span>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ fontWeight: 600 }}>{t(`home.secretary.steps.${s.key}`)}</div>
                  <Muted>
                    <Tag color={STEP_COLORS[s.state]}>{t(`home.secretary.state.${s.state}`)}</Tag>
                    {s.dueOn && s.state !== 'done' && s.state !== 'waiting' && t('home.secretary.due', { date: showDate(s.dueOn) })}
                  </Muted>
                  {s.key === 'notice' && s.state === 'todo' && (
                    <div>
                      <Muted>{t('home.secretary.noticeAuto')}</Muted>
                    </div>
                  )}
                </div>
                {s.state !== 'waiting' && (
                  <Link to={stepLink(cell, s.key)} data-testid={`home-step-link-${s.key}`}>
                    <Button style={TAP} type={s.state === 'done' ? 'default' : 'primary'} ghost={s.state === 'done'}>
                      {t('home.secretary.go')}
                    </Button>
                  </Link>
                )}
              </PlainItem>
            ))}
          </PlainList>
          <div style={{ marginTop: 12 }} />
          <Link to={`/units/${cell.unitId}/meeting-calendar`} data-testid="home-year-calendar">
            <Button icon={<CalendarOutlined />} style={TAP}>
              {t('home.secretary.calendar')}
            </Button>
          </Link>
        </Panel>
      </Col>
      <Col xs={24} lg={10}>
        <div style={COLUMN}>
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
        </div>
      </Col>
    </Row>
  );
}

function OverdueCard({ cell }: { cell: SecretaryCell }) {
  const t = useT();
  return (
    <Panel small title={t('home.overdue.title')} data-testid="home-overdue">
      {cell.overdue.length === 0 ? (
        <Muted>{t('home.overdue.none')}</Muted>
      ) : (
        <TaskList
          items={cell.overdue}
          testId="home-overdue-item"
          meta={(i) => (
            <>
              <Tag color="orange">{t('home.previous.due', { date: showDate(i.dueOn) })}</Tag>
              {i.meetingId && i.meetingHeldOn ? (
                <Link to={`/meetings/${i.meetingId}?tab=minutes`}>{t('home.overdue.from', { date: showDate(i.meetingHeldOn) })}</Link>
              ) : (
                <Muted>{t('tasks.direct')}</Muted>
              )}
            </>
          )}
        />
      )}
    </Panel>
  );
}

function MemberPart({ myTasks }: { myTasks: Home['myTasks'] }) {
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
        <MyTasksCard tasks={myTasks} />
        <div style={{ height: 16 }} />
        <Panel small title={t('home.member.notices')} data-testid="home-notices" extra={<Link to="/notices">{t('home.member.allNotices')}</Link>}>
          {unread.length === 0 ? (
            <Muted>{t('home.member.noNotices')}</Muted>
          ) : (
            <PlainList>
              {unread.map((n) => (
                <PlainItem key={n.id}>
                  {n.link ? <Link to={n.link}>{n.title}</Link> : <strong>{n.title}</strong>}
                  <div>
                    <Muted>{n.body}</Muted>
                  </div>
                </PlainItem>
              ))}
            </PlainList>
          )}
        </Panel>
      </Col>
    </Row>
  );
}

/** "Nhiệm vụ của tôi": the member's open tasks, overdue first, each a tap from reporting progress. */
function MyTasksCard({ tasks }: { tasks: Home['myTasks'] }) {
  const t = useT();
  return (
    <Panel small title={t('tasks.mineTitle')} data-testid="home-my-tasks" extra={<Link to="/my-tasks">{t('tasks.all')}</Link>}>
      {tasks.length === 0 ? (
        <Muted>{t('tasks.mineEmpty')}</Muted>
      ) : (
        <PlainList>
          {tasks.map((task) => (
            <TaskLine key={task.id} task={task} showAssignees={task.assignees.length > 1} />
          ))}
        </PlainList>
      )}
    </Panel>
  );
}

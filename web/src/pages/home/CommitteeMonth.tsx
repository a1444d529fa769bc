// The commune committee's part of the home page: one line per cell this month (planned,
// held, adopted, graded) and the meetings it is assigned to attend, with "Tôi sẽ dự".
// Its own chunk: a cell secretary's phone does not download the table it never shows.
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/session.ts';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { type CommitteeHome, useAttend } from './home-api.ts';
import { monthLabel, TAP } from './home-shared.ts';

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

export default function CommitteeMonth({ c, today }: { c: CommitteeHome; today: string }) {
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
    me?.memberId != null && x.meetingId !== null && x.heldOn !== null && x.heldOn >= today && !x.ended && !mineConfirmed.has(x.meetingId);
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

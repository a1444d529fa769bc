// Meetings of a unit (and the cells below it): upcoming ones first in date order, then
// the past year newest first, with where the minutes and the quality grade stand.

import { BarChartOutlined, BookOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMe, usePermission } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { ISO, showDate, todayIso } from '../../lib/dates.ts';
import { openRow } from '../../lib/open-row.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { GRADE_COLORS, gradeLabel, kindLabel, MINUTES_COLORS, minutesLabel } from './meeting-labels.ts';
import { type MeetingSummary, useMeetings } from './meetings-api.ts';

/** The unit a page about meetings starts on: the one in the address, else the user's first grant. */
export function useMeetingUnit(): [number | null, (id: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const fromAddress = Number(params.get('unitId'));
  const unitId = Number.isInteger(fromAddress) && fromAddress > 0 ? fromAddress : (me?.grants[0]?.unitId ?? null);
  const setUnit = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unitId', String(id));
    else next.delete('unitId');
    setParams(next, { replace: true });
  };
  return [unitId, setUnit];
}

export function MeetingTags({ m }: { m: Pick<MeetingSummary, 'status' | 'minutesStatus' | 'grade'> }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {m.status === 'cancelled' && (
        <Tag color="default" data-testid="meeting-cancelled">
          {t('meetings.status.cancelled')}
        </Tag>
      )}
      {m.status !== 'cancelled' && (
        <Tag color={MINUTES_COLORS[m.minutesStatus]} data-testid="meeting-minutes-status" data-status={m.minutesStatus}>
          {minutesLabel(t, m.minutesStatus)}
        </Tag>
      )}
      {m.grade && (
        <Tag color={GRADE_COLORS[m.grade]} data-testid="meeting-grade">
          {gradeLabel(t, m.grade)}
        </Tag>
      )}
    </Space>
  );
}

export default function MeetingsPage() {
  const t = useT();
  const phone = usePhone();
  const may = usePermission();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useMeetingUnit();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const today = todayIso();
  const from = useMemo(() => dayjs(today, ISO).subtract(1, 'year').format(ISO), [today]);
  const list = useMeetings(unitId, from, null);

  const items = list.data?.items ?? [];
  // The API answers newest first; upcoming meetings read better soonest first.
  const upcoming = items.filter((m) => m.heldOn >= today).reverse();
  const past = items.filter((m) => m.heldOn < today);
  const shown = when === 'upcoming' ? upcoming : past;
  // A commune's list names each meeting's cell (even when this month only one cell has met).
  const multipleUnits = items.some((m) => m.unitId !== unitId);

  const when_ = (m: MeetingSummary) => `${showDate(m.heldOn)} · ${m.startTime}–${m.endTime}`;
  const columns: ColumnsType<MeetingSummary> = [
    {
      title: t('meetings.fields.date'),
      key: 'date',
      width: 190,
      render: (_, m) => (
        <Link to={`/meetings/${m.id}`} data-testid="meeting-link">
          {when_(m)}
        </Link>
      ),
    },
    { title: t('meetings.fields.kind'), key: 'kind', width: 190, render: (_, m) => kindLabel(t, m.kind) },
    { title: t('meetings.fields.topic'), dataIndex: 'topic', ellipsis: true },
    ...(multipleUnits ? [{ title: t('meetings.fields.unit'), dataIndex: 'unitName', ellipsis: true }] : []),
    { title: t('meetings.fields.state'), key: 'state', width: 220, render: (_, m) => <MeetingTags m={m} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="meetings-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.list.title')}
        </Typography.Title>
        <Space wrap>
          {unitId && may('read') && (
            <Link to={`/meetings/compliance?unitId=${unitId}`}>
              <Button icon={<BarChartOutlined />} data-testid="meeting-compliance-link">
                {t('meetings.compliance.title')}
              </Button>
            </Link>
          )}
          {unitId && may('read') && (
            <Link to={`/meetings/topics?unitId=${unitId}`}>
              <Button icon={<BookOutlined />} data-testid="meeting-topics-link">
                {t('meetings.topics.title')}
              </Button>
            </Link>
          )}
          {may('manage_meetings') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/meetings/new${unitId ? `?unitId=${unitId}` : ''}`)}
              data-testid="meeting-plan"
            >
              {t('meetings.list.plan')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {/* A plain member reads no unit: their own cell's meetings are all they list, so no cell to pick. */}
          {may('read') ? (
            <UnitSelect value={unitId} onChange={setUnitId} testId="meetings-unit" allowClear={false} ariaLabel={t('meetings.fields.unit')} />
          ) : (
            items[0] && <Typography.Text strong>{items[0].unitName}</Typography.Text>
          )}
          <Segmented<'upcoming' | 'past'>
            block={phone}
            value={when}
            onChange={setWhen}
            options={[
              { value: 'upcoming', label: <span data-testid="meetings-upcoming">{t('meetings.list.upcoming', { count: upcoming.length })}</span> },
              { value: 'past', label: <span data-testid="meetings-past">{t('meetings.list.past', { count: past.length })}</span> },
            ]}
          />
        </Space>
      </Card>
      {!unitId ? (
        <Empty description={t('meetings.list.pickUnit')} />
      ) : list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: phone ? 0 : undefined } }}>
          {phone ? (
            <List
              loading={list.isFetching}
              dataSource={shown}
              locale={{ emptyText: <Empty description={t(when === 'upcoming' ? 'meetings.list.emptyUpcoming' : 'meetings.list.emptyPast')} /> }}
              renderItem={(m) => (
                <List.Item
                  data-testid="meeting-row"
                  data-meeting-id={m.id}
                  onClick={openRow(navigate, `/meetings/${m.id}`)}
                  style={{ cursor: 'pointer', padding: '10px 12px' }}
                >
                  <div style={{ width: '100%' }}>
                    <Link to={`/meetings/${m.id}`} style={{ fontWeight: 600 }} data-testid="meeting-link">
                      {when_(m)}
                    </Link>
                    <div>
                      {kindLabel(t, m.kind)}
                      {multipleUnits ? ` · ${m.unitName}` : ''}
                    </div>
                    <Typography.Text type="secondary">{m.topic}</Typography.Text>
                    <div style={{ marginTop: 4 }}>
                      <MeetingTags m={m} />
                    </div>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table<MeetingSummary>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              dataSource={shown}
              columns={columns}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t(when === 'upcoming' ? 'meetings.list.emptyUpcoming' : 'meetings.list.emptyPast')} /> }}
              onRow={(m) =>
                ({
                  'data-testid': 'meeting-row',
                  'data-meeting-id': m.id,
                  onDoubleClick: () => navigate(`/meetings/${m.id}`),
                }) as React.HTMLAttributes<HTMLElement>
              }
            />
          )}
        </Card>
      )}
    </Space>
  );
}

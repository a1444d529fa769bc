// Tổng quan: a unit's figures on a date and its meetings over a period, with the units
// under it to drill into. The view (date, period) is in the address, so a link or the
// browser's back button reproduces it; the breadcrumb climbs back up on the same date.

import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, download } from '../../api/client.ts';
import { periodProblem, useMeetingFigures, useUnitFigures } from '../../api/figures.ts';
import { useUnit } from '../../api/units.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { useDashboardView, viewQuery } from './dashboard-query.ts';
import { MeetingCards, UnitCards } from './FigureCards.tsx';
import { keyLabel } from './format.ts';
import { GradingSection } from './GradingSection.tsx';
import { GrowthSection } from './GrowthSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { Pickers } from './Pickers.tsx';
import { SubUnitsSection } from './SubUnitsSection.tsx';
import { TasksSection } from './TasksSection.tsx';
import { TrendSection } from './TrendSection.tsx';

export default function DashboardPage() {
  const t = useT();
  const phone = usePhone();
  const id = Number(useParams().id);
  const [view, setView] = useDashboardView();
  const valid = Number.isInteger(id) && id > 0;
  const unit = useUnitFigures(id, view.date);
  const meetings = useMeetingFigures(id, view.from, view.to);
  const place = useUnit(id, view.date); // the ancestors on the date, for the breadcrumb
  const [docxBusy, setDocxBusy] = useState(false);
  if (!valid) return <NotFoundPage />;

  const query = viewQuery(view);
  // While a new date or period loads, the previous figures stay on screen, dimmed, and
  // the sub-units are not joined across two different views.
  const settled = !unit.isFetching && !meetings.isFetching;
  const stale = (q: { isPlaceholderData: boolean }) => (q.isPlaceholderData ? { opacity: 0.5, transition: 'opacity 0.2s' } : undefined);
  const notThen = unit.error instanceof ApiError && unit.error.status === 404;
  const u = unit.data?.unit ?? meetings.data?.unit;
  const badPeriod = periodProblem(view.from, view.to);

  async function downloadDocx() {
    setDocxBusy(true);
    try {
      await download(`/figures/units/${id}/summary.docx`, { date: view.date, from: view.from, to: view.to }, `tong-quan-${view.date}.docx`);
    } catch (error) {
      showError(error);
    } finally {
      setDocxBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard-page" data-settled={settled ? 'true' : 'false'}>
      {/* Only when there is somewhere to climb to: a lone crumb would repeat the title. */}
      {(place.data?.ancestors.length ?? 0) > 0 && (
        <Breadcrumb
          data-testid="dashboard-breadcrumb"
          items={[
            ...(place.data?.ancestors ?? []).map((a) => ({
              title: (
                <Link to={`/units/${a.id}/dashboard?${query}`} data-testid="dashboard-crumb">
                  {a.name}
                </Link>
              ),
            })),
            { title: <span data-testid="dashboard-crumb-current">{u?.name ?? place.data?.unit.name ?? '…'}</span> },
          ]}
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8, flexWrap: 'wrap' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={phone ? 4 : 3} style={{ margin: 0 }} data-testid="dashboard-title">
            {u ? u.name : t('dashboard.title')}
          </Typography.Title>
          <Space wrap size={4} style={{ marginTop: 4 }}>
            <Tag color="geekblue">{t('dashboard.title')}</Tag>
            {u && <Tag data-testid="dashboard-kind">{keyLabel(t, 'kind', u.kind)}</Tag>}
            <Tag color="orange" data-testid="dashboard-as-of">
              {t('dashboard.asOf', { date: showDate(view.date) })}
            </Tag>
          </Space>
        </div>
        <Space wrap className="no-print">
          <Link to={`/units/${id}?at=${view.date}`}>
            <Button data-testid="dashboard-unit-page">{t('dashboard.unitPage')}</Button>
          </Link>
          {/* Nothing to print or download for a date the unit did not exist on, or a period not counted. */}
          {notThen || badPeriod ? (
            <Button icon={<PrinterOutlined />} disabled data-testid="dashboard-print">
              {t('dashboard.print')}
            </Button>
          ) : (
            <Link to={`/units/${id}/dashboard/print?${query}`}>
              <Button icon={<PrinterOutlined />} data-testid="dashboard-print">
                {t('dashboard.print')}
              </Button>
            </Link>
          )}
          <Button
            icon={<FileWordOutlined />}
            loading={docxBusy}
            disabled={notThen || badPeriod !== null}
            onClick={() => void downloadDocx()}
            data-testid="dashboard-docx"
          >
            {t('dashboard.docx')}
          </Button>
        </Space>
      </div>

      <Pickers view={view} onChange={setView} />
      {badPeriod && <Alert type="warning" showIcon title={t(badPeriod)} data-testid="dashboard-bad-period" />}

      {notThen ? (
        // The unit did not exist on the date (or was dissolved by then): say so once, keep the pickers.
        <Alert type="warning" showIcon title={t('dashboard.notThen', { date: showDate(view.date) })} data-testid="dashboard-not-then" />
      ) : (
        <>
          <section aria-labelledby="dash-unit-h">
            <Typography.Title level={5} id="dash-unit-h" style={{ marginTop: 0 }}>
              {t('dashboard.sections.unit', { date: showDate(view.date) })}
            </Typography.Title>
            {unit.isPending ? (
              <PageLoading />
            ) : unit.isError ? (
              <QueryError error={unit.error} onRetry={() => void unit.refetch()} />
            ) : (
              <div style={stale(unit)}>
                <UnitCards figures={unit.data} />
              </div>
            )}
          </section>

          <section aria-labelledby="dash-meetings-h">
            <Typography.Title level={5} id="dash-meetings-h" style={{ marginTop: 0 }}>
              {t('dashboard.sections.meetings', { from: showDate(view.from), to: showDate(view.to) })}
            </Typography.Title>
            {badPeriod ? null : meetings.isPending ? (
              <PageLoading />
            ) : meetings.isError ? (
              <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
            ) : (
              <div style={stale(meetings)}>
                {/* Nothing recorded is not the same as nothing held: say which it is before the zeros. */}
                {meetings.data.meetingsHeld === 0 && (
                  <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('dashboard.noMeetings')} data-testid="dashboard-no-meetings" />
                )}
                <MeetingCards figures={meetings.data} />
              </div>
            )}
          </section>

          {(unit.data || meetings.data) && (
            <div style={stale(unit.isPlaceholderData ? unit : meetings)}>
              <SubUnitsSection unitId={id} view={view} unit={unit.data} meetings={meetings.isPlaceholderData ? undefined : meetings.data} />
            </div>
          )}
          {meetings.data && !badPeriod && (
            <div style={stale(meetings)}>
              <TrendSection unitId={id} view={view} figures={meetings.data} />
            </div>
          )}
          <TasksSection unitId={id} view={view} />
          {unit.data && (
            <div style={stale(unit)}>
              <MembersSection unitId={id} view={view} figures={unit.data} />
            </div>
          )}
          <GrowthSection unitId={id} date={view.date} />
          <GradingSection key={id} unitId={id} view={view} />
          {unit.data && (
            <Card size="small">
              <Typography.Text type="secondary" data-testid="dashboard-rule">
                {t('dashboard.ruleNote', { source: unit.data.organisations.rule.source })}
              </Typography.Text>
            </Card>
          )}
        </>
      )}
    </Space>
  );
}

// The dashboard as one printable page (A4 portrait): the party document heading, the
// headline figures with numerator/denominator, and the sub-units' table. For members
// without a phone, the committee prints it and pins it up or reads it out.

import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { periodProblem, type Share, useMeetingFigures, useUnitFigures } from '../../api/figures.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { type Translate, useLang, useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { useDashboardView, viewQuery } from './dashboard-query.ts';
import { keyLabel, numberText, sharePercent } from './format.ts';
import { subUnitRows } from './sub-unit-rows.ts';

/** Sub-units on the page: more would not fit on one A4 page (the Excel table has them all), as in the .docx. */
const PRINT_SUB_UNITS = 12;

const PRINT_CSS = `
.dash-print { background: #fff; color: #000; font-family: 'Times New Roman', Times, serif; font-size: 14px;
  max-width: 800px; margin: 0 auto; padding: 24px 20px; }
.dash-print table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
.dash-print th, .dash-print td { border: 1px solid #000; padding: 3px 6px; text-align: left; vertical-align: top; }
.dash-print td.num, .dash-print th.num { text-align: right; white-space: nowrap; }
.dash-print th.num { white-space: normal; }
/* On a phone the sub-units' table scrolls sideways in its box rather than squeezing its names to a word a line. */
.dash-print .table-scroll { overflow-x: auto; }
.dash-print .table-scroll table { min-width: 520px; }
.dash-print .head { display: flex; justify-content: space-between; text-align: center; gap: 16px; }
.dash-print .head > div { flex: 1; }
.dash-print h1 { font-size: 17px; text-align: center; margin: 18px 0 2px; }
.dash-print h2 { font-size: 15px; margin: 10px 0 2px; }
.dash-print .sub { text-align: center; font-style: italic; margin: 0 0 8px; }
.dash-print .foot { font-style: italic; font-size: 12px; margin-top: 8px; }
.dash-print-wrap { overflow-x: auto; }
@media print {
  @page { size: A4 portrait; margin: 15mm 15mm 15mm 20mm; }
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .dash-print { padding: 0; max-width: none; font-size: 12px; }
  .dash-print tr { break-inside: avoid; }
  .dash-print .table-scroll table { min-width: 0; }
}`;

export default function DashboardPrint() {
  const t = useT();
  const [lang] = useLang();
  const id = Number(useParams().id);
  const [view] = useDashboardView();
  const unit = useUnitFigures(id, view.date);
  const meetings = useMeetingFigures(id, view.from, view.to);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  // A period the API would refuse is not asked for: say why instead of waiting for it.
  const badPeriod = periodProblem(view.from, view.to);
  if (badPeriod) return <Alert type="warning" showIcon title={t(badPeriod)} data-testid="dashboard-bad-period" />;
  if (unit.isPending || meetings.isPending) return <PageLoading />;
  if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
  if (meetings.isError) return <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />;
  const u = unit.data;
  const m = meetings.data;
  const pct = (s: Share) => sharePercent(s, lang);
  const pair = (s: Share) => `${s.n}/${s.of}`;
  const rows: [string, string, string][] = [
    [t('dashboard.cards.members'), numberText(u.members.total, lang), ''],
    [t('dashboard.cards.probationary'), pair(u.probationary), pct(u.probationary)],
    [t('dashboard.cards.exempted'), pair(u.exempted), pct(u.exempted)],
    [
      t('dashboard.cards.grassroots'),
      String(u.organisations.grassroots.n),
      t('dashboard.cards.grassrootsSplit', { committees: u.organisations.grassroots.committees, cells: u.organisations.grassroots.cells }),
    ],
    [
      t('dashboard.cards.cells'),
      String(u.organisations.cells.n),
      t('dashboard.cards.cellsSplit', { under: u.organisations.cells.underCommittees, grassroots: u.organisations.cells.grassrootsCells }),
    ],
  ];
  const meetingRows: [string, string, string][] = [
    [t('dashboard.cards.meetingsHeld'), numberText(m.meetingsHeld, lang), ''],
    [t('dashboard.cards.compliance'), pair(m.monthlyCompliance), pct(m.monthlyCompliance)],
    [t('dashboard.cards.thematic'), pair(m.thematic), pct(m.thematic)],
    [t('dashboard.cards.attendance'), pair(m.attendanceRate), pct(m.attendanceRate)],
    [
      t('dashboard.cards.graded'),
      pair(m.graded),
      [pct(m.graded), ...m.quality.filter((q) => q.n > 0).map((q) => `${keyLabel(t, 'grade', q.grade)}: ${q.n}`)].join('; '),
    ],
    [t('dashboard.cards.warnings'), String(m.strikingOffWarnings), ''],
  ];
  const allSubs = subUnitRows(u, m).filter((r) => r.members !== null);
  const subs = allSubs.slice(0, PRINT_SUB_UNITS);

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ padding: 12, display: 'flex', flexWrap: 'wrap' }}>
        <Link to={`/units/${id}/dashboard?${viewQuery(view)}`}>
          <Button icon={<ArrowLeftOutlined />} size="large" data-testid="print-back">
            {t('dashboard.printView.back')}
          </Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} size="large" onClick={() => window.print()} data-testid="print-now">
          {t('dashboard.printView.print')}
        </Button>
      </Space>
      <div className="dash-print-wrap">
        <article className="dash-print" data-testid="dashboard-print-view">
          <div className="head">
            <div>
              {u.unit.parent && <div>{u.unit.parent.name.toUpperCase()}</div>}
              <div>
                <b>{u.unit.name.toUpperCase()}</b>
              </div>
              <div>*</div>
            </div>
            <div>
              <div>
                <b>
                  <u>ĐẢNG CỘNG SẢN VIỆT NAM</u>
                </b>
              </div>
              <div style={{ marginTop: 8 }}>
                <i>{madeOn(t)}</i>
              </div>
            </div>
          </div>
          <h1>{t('dashboard.printView.title')}</h1>
          <p className="sub">{t('dashboard.printView.subtitle', { date: showDate(view.date), from: showDate(view.from), to: showDate(view.to) })}</p>
          <h2>{t('dashboard.printView.unitHeading', { date: showDate(view.date) })}</h2>
          <FigureTable rows={rows} />
          <h2>{t('dashboard.printView.meetingsHeading', { from: showDate(view.from), to: showDate(view.to) })}</h2>
          <FigureTable rows={meetingRows} />
          {subs.length > 0 && (
            <>
              <h2>{t('dashboard.printView.subUnitsHeading', { count: allSubs.length })}</h2>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
              <section className="table-scroll" tabIndex={0} aria-label={t('dashboard.printView.subUnitsHeading', { count: allSubs.length })}>
                <table>
                  <thead>
                    <tr>
                      <th>{t('dashboard.subUnits.name')}</th>
                      <th className="num">{t('dashboard.subUnits.members')}</th>
                      <th className="num">{t('dashboard.subUnits.cells')}</th>
                      <th className="num">{t('dashboard.subUnits.meetings')}</th>
                      <th className="num">{t('dashboard.subUnits.compliance')}</th>
                      <th className="num">{t('dashboard.subUnits.attendance')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {subs.map((s) => (
                      <tr key={s.id} data-testid="print-sub-unit">
                        <td>{s.name}</td>
                        <td className="num">{s.members ?? '—'}</td>
                        <td className="num">{s.cells ?? '—'}</td>
                        <td className="num">{s.meetingsHeld ?? '—'}</td>
                        <td className="num">{s.compliance ? `${pct(s.compliance)} (${pair(s.compliance)})` : '—'}</td>
                        <td className="num">{s.attendance ? `${pct(s.attendance)} (${pair(s.attendance)})` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              {allSubs.length > subs.length && <p className="foot">{t('dashboard.printView.more', { n: allSubs.length - subs.length })}</p>}
            </>
          )}
          <p className="foot">{t('dashboard.ruleNote', { source: u.organisations.rule.source })}</p>
        </article>
      </div>
    </>
  );
}

/** The party documents' date line: "Ngày 30 tháng 11 năm 2026" (January and February with a leading zero). */
function madeOn(t: Translate): string {
  const [year, month, day] = todayIso().split('-').map(Number) as [number, number, number];
  return t('dashboard.printView.madeOn', { day: String(day).padStart(2, '0'), month: month <= 2 ? String(month).padStart(2, '0') : String(month), year });
}

function FigureTable({ rows }: { rows: [string, string, string][] }) {
  const t = useT();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('dashboard.printView.figure')}</th>
          <th className="num">{t('dashboard.printView.value')}</th>
          <th>{t('dashboard.printView.share')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([a, b, c]) => (
          <tr key={a}>
            <td>{a}</td>
            <td className="num">{b}</td>
            <td>{c}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

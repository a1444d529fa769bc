// The date the figures are counted on, and the period the meetings are counted over
// (a month, a quarter, a year, or two dates). Large targets: they are used with a thumb.
import { Card, Col, DatePicker, Row, Segmented, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { DateInput } from '../../components/DateInput.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { fromIso, toIso } from '../../lib/dates.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { type DashboardView, PERIOD_KINDS, type PeriodKind, periodAround } from './dashboard-query.ts';

const PICKER_FORMAT: Record<'vi' | 'en', Record<Exclude<PeriodKind, 'custom'>, string>> = {
  vi: { month: 'MM/YYYY', quarter: '[Quý] Q/YYYY', year: 'YYYY' },
  en: { month: 'MM/YYYY', quarter: '[Q]Q YYYY', year: 'YYYY' },
};

export function Pickers({ view, onChange }: { view: DashboardView; onChange: (next: Partial<DashboardView>) => void }) {
  const t = useT();
  const [lang] = useLang();
  const phone = usePhone();
  const size = phone ? 'large' : 'middle';

  // A new date moves a month, quarter or year period to the one holding it (up to that
  // day): the whole page then shows the organisation as it was. Two chosen dates stay.
  function pickDate(date: string) {
    if (view.period === 'custom') onChange({ date });
    else onChange({ date, ...periodAround(view.period, date, date) });
  }
  function pickKind(kind: PeriodKind) {
    if (kind === 'custom') onChange({ period: kind });
    else onChange({ period: kind, ...periodAround(kind, view.date, view.date) }); // the month, quarter or year of the chosen date
  }
  function pickPeriod(d: Dayjs | null) {
    const iso = toIso(d);
    if (iso && view.period !== 'custom') onChange(periodAround(view.period, iso, view.date));
  }

  return (
    <Card size="small" className="no-print" data-testid="dashboard-pickers">
      <Row gutter={[12, 12]} align="bottom">
        <Col xs={24} md={7}>
          <label htmlFor="dash-date" style={{ fontWeight: 600 }}>
            {t('dashboard.pickers.date')}
          </label>
          <DateInput
            value={view.date}
            onChange={(v) => v && pickDate(v)}
            allowClear={false}
            notFuture
            testId="dashboard-date"
            style={{ marginTop: 4 }}
            id="dash-date"
          />
        </Col>
        <Col xs={24} md={17}>
          <Typography.Text strong id="dash-period-label">
            {t('dashboard.pickers.period')}
          </Typography.Text>
          <Row gutter={[8, 8]} style={{ marginTop: 4 }}>
            <Col xs={24} md={12}>
              <Segmented<PeriodKind>
                block
                size={size}
                value={view.period}
                onChange={pickKind}
                data-testid="dashboard-period-kind"
                aria-labelledby="dash-period-label"
                // Four labels must fit a phone's width without being cut ("Tùy chọn" was).
                styles={{ label: { paddingInline: 4 } }}
                options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`dashboard.pickers.kinds.${k}`) }))}
              />
            </Col>
            {view.period === 'custom' ? (
              <>
                <Col xs={12} md={6}>
                  <DateInput
                    value={view.from}
                    onChange={(v) => v && onChange({ from: v })}
                    allowClear={false}
                    testId="dashboard-from"
                    placeholder={t('dashboard.pickers.from')}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <DateInput
                    value={view.to}
                    onChange={(v) => v && onChange({ to: v })}
                    allowClear={false}
                    testId="dashboard-to"
                    placeholder={t('dashboard.pickers.to')}
                  />
                </Col>
              </>
            ) : (
              <Col xs={24} md={12}>
                <DatePicker
                  key={view.period} // a fresh picker per kind: antd keeps the old kind's text otherwise
                  picker={view.period}
                  size={size}
                  value={fromIso(view.from)}
                  onChange={pickPeriod}
                  allowClear={false}
                  format={PICKER_FORMAT[lang][view.period]}
                  style={{ width: '100%' }}
                  inputReadOnly
                  data-testid="dashboard-period"
                  aria-label={t('dashboard.pickers.period')}
                />
              </Col>
            )}
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

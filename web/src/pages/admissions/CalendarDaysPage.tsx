// The working-day calendar of a year: the Labour Code's holidays as the rule set computes them
// (Tết and Giỗ Tổ from the lunar calendar), and the days an admin of the whole system adds —
// extra days off and make-up working days — which every admission deadline counts with.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { applyApiErrors } from '../../lib/form-errors.ts';
import { showSuccess } from '../../lib/notify.ts';
import { admissionKeys, type CalendarYear, useCalendarYear } from './admissions-api.ts';

interface NewDay {
  day: string;
  kind: 'day_off' | 'working_day';
  note: string;
}

const TAP = { minHeight: 44 };

export default function CalendarDaysPage() {
  const t = useT();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)));
  const [form] = Form.useForm<NewDay>();
  const q = useCalendarYear(year);
  const saved = (y: CalendarYear) => {
    queryClient.setQueryData(admissionKeys.calendar(y.year), y);
    void queryClient.invalidateQueries({ queryKey: ['admissions', 'candidate'] });
    showSuccess(t('common.saved'));
  };
  const add = useMutation({ mutationFn: (v: NewDay) => api<CalendarYear>('/calendar-days', { method: 'POST', body: v }), onSuccess: saved });
  const remove = useMutation({ mutationFn: (day: string) => api<CalendarYear>(`/calendar-days/${day}`, { method: 'DELETE' }), onSuccess: saved });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="calendar-days-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('admissions.calendar.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admissions.calendar.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <span id="calendar-year-label">{t('admissions.calendar.year')} </span>
        <InputNumber
          aria-labelledby="calendar-year-label"
          min={1990}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          style={TAP}
          data-testid="calendar-year"
        />
      </Card>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Card size="small" title={t('admissions.calendar.added')}>
            {q.data.added.length === 0 && <Typography.Text type="secondary">{t('admissions.calendar.none')}</Typography.Text>}
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {q.data.added.map((d) => (
                <li key={d.day} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '6px 0', flexWrap: 'wrap' }} data-testid="calendar-added">
                  <strong>{showDate(d.day)}</strong>
                  <Tag color={d.kind === 'day_off' ? 'orange' : 'blue'}>{t(`admissions.calendar.kind.${d.kind}`)}</Tag>
                  <span style={{ flex: 1 }}>{d.note}</span>
                  {q.data.canEdit && (
                    <Button
                      danger
                      style={TAP}
                      onClick={() =>
                        confirm({
                          title: t('admissions.calendar.removeConfirm', { date: showDate(d.day) }),
                          danger: true,
                          onOk: () => remove.mutateAsync(d.day),
                        })
                      }
                    >
                      {t('admissions.calendar.remove')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            {q.data.canEdit ? (
              <Form<NewDay>
                form={form}
                layout="vertical"
                initialValues={{ kind: 'day_off' }}
                style={{ marginTop: 12 }}
                onFinish={(v) =>
                  add.mutate(v, {
                    onSuccess: () => form.resetFields(),
                    // The app's own message says why; the fields the server names get it beside them.
                    onError: (error) => void applyApiErrors(form, error),
                  })
                }
              >
                <DateItem name="day" label={t('admissions.calendar.day')} rules={[{ required: true }]} testId="calendar-day" />
                <Form.Item name="kind" rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    options={(['day_off', 'working_day'] as const).map((k) => ({ value: k, label: t(`admissions.calendar.kind.${k}`) }))}
                  />
                </Form.Item>
                <Form.Item name="note" label={t('admissions.calendar.note')} rules={[{ required: true, whitespace: true }]}>
                  <Input autoComplete="off" />
                </Form.Item>
                <Button type="primary" htmlType="submit" style={TAP} loading={add.isPending}>
                  {t('admissions.calendar.add')}
                </Button>
              </Form>
            ) : (
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('admissions.calendar.adminOnly')} />
            )}
          </Card>
          <Card size="small" title={t('admissions.calendar.holidays')}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {q.data.holidays.map((h) => (
                <li key={h.date} data-testid="calendar-holiday">
                  <strong>{showDate(h.date)}</strong> — {h.name}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </Space>
  );
}

// A task's page: what is to be done, by whom and by when; the progress reports (notes,
// figures, files) — an assignee adds one from a phone; and, for the secretary, the
// assessment: hoàn thành / hoàn thành chậm / không hoàn thành / vượt yêu cầu, each asked
// for confirmation, with its history.
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Form, Input, InputNumber, Tag, theme } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { download } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { DateItem } from '../../components/DateInput.tsx';
import { Muted, PageHeading, Panel, PlainItem, PlainList } from '../../components/Plain.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, showDateTime, todayIso } from '../../lib/dates.ts';
import { applyApiErrors } from '../../lib/form-errors.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { TAP } from '../home/home-shared.ts';
import { assigneeNames, TaskStateTag } from './TaskLine.tsx';
import { OUTCOMES, type TaskDetail, type TaskOutcome, useRecordOutcome, useReportProgress, useTask } from './tasks-api.ts';

const COLUMN = { display: 'flex', flexDirection: 'column', gap: 16 } as const;

export default function TaskPage() {
  const t = useT();
  const id = Number(useParams().id);
  const task = useTask(id);
  if (task.isPending) return <PageLoading />;
  if (task.isError) return <QueryError error={task.error} onRetry={() => void task.refetch()} />;
  const k = task.data;
  const unitOf = (value: number | null) => (value === null ? null : `${value.toLocaleString('vi-VN')} ${k.targetUnit ?? ''}`.trim());
  return (
    <div style={{ ...COLUMN, maxWidth: 860 }} data-testid="task-page" data-outcome={k.outcome ?? ''}>
      <div>
        <PageHeading>{k.title}</PageHeading>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 8, alignItems: 'center' }}>
          <TaskStateTag task={k} t={t} />
          <Muted>{k.dueOn ? t('tasks.due', { date: showDate(k.dueOn) }) : t('tasks.noDue')}</Muted>
          {k.programmeName && <Tag>{k.programmeName}</Tag>}
        </div>
      </div>
      <Panel small title={k.unitName}>
        <dl style={{ margin: 0, display: 'grid', gap: 8 }}>
          <Field label={t('tasks.fields.assignees')}>{assigneeNames(k)}</Field>
          {k.expectedResult && <Field label={t('tasks.fields.expectedResult')}>{k.expectedResult}</Field>}
          {k.targetValue !== null && <Field label={t('tasks.fields.targetValue')}>{unitOf(k.targetValue)}</Field>}
          <Field label="">
            {k.meetingId && k.meetingHeldOn ? (
              <Link to={`/meetings/${k.meetingId}?tab=minutes`}>{t('tasks.fromMeeting', { date: showDate(k.meetingHeldOn) })}</Link>
            ) : (
              <Muted>{t('tasks.direct')}</Muted>
            )}
          </Field>
          {k.outcome && (
            <Field label={t('tasks.assess')}>
              <span data-testid="task-outcome">
                {t('tasks.assessed', { outcome: t(`tasks.outcome.${k.outcome}`) })}
                {k.outcomeOn && ` (${showDate(k.outcomeOn)})`}
                {k.achievedValue !== null && ` · ${t('tasks.achieved', { value: k.achievedValue.toLocaleString('vi-VN'), unit: k.targetUnit ?? '' })}`}
              </span>
              {k.outcomeNote && <div>{k.outcomeNote}</div>}
            </Field>
          )}
        </dl>
      </Panel>
      <Reports task={k} />
      {k.canReport && k.outcome === null && <ReportForm task={k} />}
      {k.canManage && <Assessment task={k} />}
    </div>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      {label && <dt style={{ fontWeight: 600 }}>{label}</dt>}
      <dd style={{ margin: 0 }}>{children}</dd>
    </div>
  );
}

function ReportForm({ task }: { task: TaskDetail }) {
  const t = useT();
  const [form] = Form.useForm<{ note: string; progressValue?: number | null }>();
  const [file, setFile] = useState<File | null>(null);
  const { token } = theme.useToken();
  const report = useReportProgress(task.id);
  async function submit(values: { note: string; progressValue?: number | null }) {
    try {
      await report.mutateAsync({ body: { note: values.note, progressValue: values.progressValue ?? null }, file });
      form.resetFields();
      setFile(null);
      showSuccess(t('tasks.sent'));
    } catch (error) {
      if (applyApiErrors(form, error).length === 0) showError(error);
    }
  }
  return (
    <Panel small title={t('tasks.reportNow')} data-testid="task-report-form">
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('tasks.fields.note')} rules={[{ required: true, message: t('validation.required') }, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('tasks.placeholders.note')} data-testid="task-report-note" />
        </Form.Item>
        {task.targetValue !== null && (
          <Form.Item name="progressValue" label={`${t('tasks.fields.progressValue')} (${task.targetUnit ?? t('tasks.numberUnit')})`}>
            <InputNumber min={0} size="large" style={{ width: '100%' }} inputMode="decimal" data-testid="task-report-value" />
          </Form.Item>
        )}
        <Form.Item label={t('tasks.fields.file')}>
          {/* The phone's own picker (camera or files) behind a button in the page's language. */}
          <label style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', cursor: 'pointer' }}>
            <input
              type="file"
              accept="image/*,.pdf,.doc,.docx,.xls,.xlsx"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="task-report-file"
              style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
            />
            <span
              style={{
                ...TAP,
                display: 'inline-flex',
                alignItems: 'center',
                gap: 8,
                paddingInline: 16,
                border: `1px solid ${token.colorBorder}`,
                borderRadius: token.borderRadius,
                background: token.colorBgContainer,
              }}
            >
              <PaperClipOutlined />
              {t('tasks.chooseFile')}
            </span>
            <Muted>{file ? file.name : t('tasks.noFile')}</Muted>
          </label>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={report.isPending} style={TAP} data-testid="task-report-send">
          {t('tasks.send')}
        </Button>
      </Form>
    </Panel>
  );
}

function Reports({ task }: { task: TaskDetail }) {
  const t = useT();
  return (
    <Panel small title={t('tasks.reports')} data-testid="task-reports">
      {task.reports.length === 0 ? (
        <Empty description={t('tasks.noReports')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <PlainList>
          {task.reports.map((r) => (
            <PlainItem key={r.id} data-testid="task-report">
              <div style={{ whiteSpace: 'pre-wrap' }}>{r.note}</div>
              <Muted>
                {r.reporter} · {showDateTime(r.reportedAt)}
                {r.progressValue !== null && ` · ${t('tasks.achieved', { value: r.progressValue.toLocaleString('vi-VN'), unit: task.targetUnit ?? '' })}`}
              </Muted>
              {r.files.map((f) => (
                <div key={f.id}>
                  <Button
                    type="link"
                    icon={<PaperClipOutlined />}
                    style={{ ...TAP, paddingInline: 0 }}
                    onClick={() => void download(`/tasks/${task.id}/files/${f.id}`, undefined, f.fileName).catch(showError)}
                    data-testid="task-report-file-link"
                  >
                    {f.fileName}
                  </Button>
                </div>
              ))}
            </PlainItem>
          ))}
        </PlainList>
      )}
    </Panel>
  );
}

function Assessment({ task }: { task: TaskDetail }) {
  const t = useT();
  const confirm = useConfirm();
  const [form] = Form.useForm<{ outcomeOn: string; achievedValue?: number | null; note?: string }>();
  const record = useRecordOutcome(task.id);
  const send = (outcome: TaskOutcome | null) => async () => {
    const values = outcome === null ? { outcomeOn: undefined, achievedValue: null, note: null } : await form.validateFields();
    try {
      await record.mutateAsync({ outcome, outcomeOn: values.outcomeOn, achievedValue: values.achievedValue ?? null, note: values.note ?? null });
      showSuccess(t('tasks.saved'));
    } catch (error) {
      applyApiErrors(form, error);
      showError(error);
      throw error;
    }
  };
  const ask = (outcome: TaskOutcome) =>
    void form
      .validateFields()
      .then(() =>
        confirm({
          title: t('tasks.assessConfirm', { outcome: t(`tasks.outcome.${outcome}`) }),
          content: t(`tasks.outcomeHint.${outcome}`),
          onOk: send(outcome),
        }),
      )
      .catch(() => undefined);
  return (
    <Panel small title={t('tasks.assess')} data-testid="task-assessment">
      {task.outcome ? (
        <Button
          block
          style={TAP}
          onClick={() => confirm({ title: t('tasks.reopen'), content: t('tasks.reopenConfirm'), danger: true, onOk: send(null) })}
          data-testid="task-reopen"
        >
          {t('tasks.reopen')}
        </Button>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ outcomeOn: todayIso() }}>
          <DateItem name="outcomeOn" label={t('tasks.fields.outcomeOn')} notFuture allowClear={false} testId="task-outcome-on" />
          {task.targetValue !== null && (
            <Form.Item name="achievedValue" label={`${t('tasks.fields.achievedValue')} (${task.targetUnit ?? t('tasks.numberUnit')})`}>
              <InputNumber min={0} size="large" style={{ width: '100%' }} data-testid="task-achieved" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('tasks.fields.outcomeNote')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="task-outcome-note" />
          </Form.Item>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 8 }}>
            {OUTCOMES.map((o) => (
              <Button
                key={o}
                style={TAP}
                onClick={() => ask(o)}
                data-testid={`task-outcome-${o}`}
                danger={o === 'not_done'}
                type={o === 'done' ? 'primary' : 'default'}
              >
                {t(`tasks.outcome.${o}`)}
              </Button>
            ))}
          </div>
        </Form>
      )}
      {task.history.length > 0 && (
        <>
          <h3 style={{ fontSize: 16, marginBottom: 4 }}>{t('tasks.history')}</h3>
          <PlainList data-testid="task-history">
            {task.history.map((h) => (
              <PlainItem key={h.at}>
                {h.outcome ? t(`tasks.outcome.${h.outcome}`) : t('tasks.reopened')}
                {h.outcomeOn && ` (${showDate(h.outcomeOn)})`}
                <div>
                  <Muted>
                    {h.actor} · {showDateTime(h.at)}
                    {h.note && ` · ${h.note}`}
                  </Muted>
                </div>
              </PlainItem>
            ))}
          </PlainList>
        </>
      )}
      {task.outcome === null && task.state === 'overdue' && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('tasks.state.overdue', { days: task.daysOverdue })} />
      )}
    </Panel>
  );
}

// The minutes (biên bản): a structured editor while a draft, adoption (after which they
// are read-only and change only by an amendment with its reason), the .docx in the party
// document layout and the print view.

import { CheckCircleOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { votesExceedPresent } from '../../../../src/domain/meeting-minutes.ts';
import { api, apiUrl, download } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { DateItem } from '../../components/DateInput.tsx';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { hasKey, useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { applyApiErrors, type FieldProblem } from '../../lib/form-errors.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { isPreviousReviewItem } from '../home/home-shared.ts';
import { OpenTasksCard } from '../tasks/OpenTasksCard.tsx';
import { AmendAttendance, type AttendanceEdits, attendanceChanges, attendanceInitial } from './AmendAttendance.tsx';
import { FormProblems } from './FormProblems.tsx';
import { gradeLabel, vnDateTime } from './meeting-labels.ts';
import { type Meeting, type Minutes, type MinutesContent, meetingKeys, useMinutes, useQuality } from './meetings-api.ts';
import { useChairPrefill } from './use-chair-prefill.ts';

type Votes = { for?: number | null; against?: number | null; abstain?: number | null };
interface Task {
  memberId?: number | null;
  assignee?: string;
  description?: string;
  dueOn?: string | null;
}
interface ContentValues {
  placeName?: string;
  openedAt?: string;
  closedAt?: string;
  chairName?: string;
  chairPosition?: string;
  minuteTakerName?: string;
  purpose?: string;
  guestsNote?: string;
  agendaItems?: { title?: string; summary?: string; speakers?: string[] }[];
  previousResolutionReview?: string;
  upperDocuments?: string;
  conclusions?: string;
  resolutionItems?: string[];
  votes?: Votes;
  tasks?: Task[];
  admissionsAndTransfers?: string;
}
interface MinutesValues {
  number?: string;
  content: ContentValues;
}

const TEXT_KEYS = [
  'placeName',
  'openedAt',
  'closedAt',
  'chairName',
  'chairPosition',
  'minuteTakerName',
  'purpose',
  'guestsNote',
  'previousResolutionReview',
  'upperDocuments',
  'conclusions',
  'admissionsAndTransfers',
] as const;

const clean = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The form's values as the API's minutes content: empty boxes become null, empty rows go. */
function toContent(v: ContentValues) {
  const out: Record<string, unknown> = {};
  for (const k of TEXT_KEYS) out[k] = clean(v[k]);
  out.agendaItems = (v.agendaItems ?? [])
    .filter((a) => a?.title?.trim())
    .map((a) => ({
      title: a.title!.trim(),
      summary: clean(a.summary),
      speakers: (a.speakers ?? []).map((s) => s.trim()).filter(Boolean),
    }));
  out.resolutionItems = (v.resolutionItems ?? []).map((r) => r?.trim()).filter(Boolean);
  const votes = v.votes ?? {};
  const given = [votes.for, votes.against, votes.abstain].some((n) => n !== null && n !== undefined);
  out.votes = given ? { for: votes.for ?? 0, against: votes.against ?? 0, abstain: votes.abstain ?? 0 } : null;
  out.tasks = (v.tasks ?? [])
    .filter((x) => x?.assignee?.trim() && x.description?.trim())
    .map((x) => ({
      memberId: x.memberId ?? null,
      assignee: x.assignee!.trim(),
      description: x.description!.trim(),
      dueOn: x.dueOn ?? null,
    }));
  return out;
}

function fromContent(c: MinutesContent, meeting: Meeting): ContentValues {
  const empty = Object.keys(c).length === 0;
  return {
    ...Object.fromEntries(TEXT_KEYS.map((k) => [k, c[k] ?? ''])),
    // A first draft starts from the plan: its times and its agenda.
    openedAt: c.openedAt ?? (empty ? meeting.startTime : ''),
    closedAt: c.closedAt ?? (empty ? meeting.endTime : ''),
    // …and last month's resolution, when the plan carried it into its review item.
    previousResolutionReview: c.previousResolutionReview ?? (empty ? (meeting.agenda.find((a) => isPreviousReviewItem(a.title))?.note ?? '') : ''),
    agendaItems: c.agendaItems?.length
      ? c.agendaItems.map((a) => ({ title: a.title, summary: a.summary ?? '', speakers: a.speakers ?? [] }))
      : meeting.agenda.map((a) => ({ title: a.title, summary: '', speakers: [] })),
    resolutionItems: c.resolutionItems?.length ? c.resolutionItems : [''],
    votes: c.votes ?? {},
    tasks: (c.tasks ?? []).map((x) => ({ memberId: x.memberId ?? null, assignee: x.assignee, description: x.description, dueOn: x.dueOn ?? null })),
  };
}

export function MinutesTab({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const minutes = useMinutes(meeting.id);
  const [downloading, setDownloading] = useState(false);
  if (minutes.isPending) return <PageLoading />;
  if (minutes.isError) return <QueryError error={minutes.error} onRetry={() => void minutes.refetch()} />;
  const mn = minutes.data;
  const adopted = mn.status === 'adopted';

  async function docx() {
    setDownloading(true);
    try {
      await download(`/meetings/${meeting.id}/minutes.docx`, undefined, `bien-ban-${meeting.heldOn}.docx`);
    } catch (error) {
      showError(error);
    } finally {
      setDownloading(false);
    }
  }

  const files = (
    <Space wrap>
      <Button icon={<DownloadOutlined />} onClick={() => void docx()} loading={downloading} disabled={mn.status === 'none'} data-testid="minutes-docx">
        {t('meetings.minutes.docx')}
      </Button>
      <a href={apiUrl(`/meetings/${meeting.id}/minutes/print`)} target="_blank" rel="noopener noreferrer">
        <Button icon={<PrinterOutlined />} disabled={mn.status === 'none'} data-testid="minutes-print">
          {t('meetings.minutes.print')}
        </Button>
      </a>
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="minutes-tab" data-status={mn.status}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Space wrap>
          <Typography.Text strong data-testid="minutes-number">
            {t('meetings.minutes.numberLine', { number: mn.documentNumber })}
          </Typography.Text>
          {adopted ? (
            <Tag color="green" icon={<CheckCircleOutlined />} data-testid="minutes-adopted">
              {mn.adoptedBy
                ? t('meetings.minutes.adoptedAt', { at: vnDateTime(mn.adoptedAt), by: mn.adoptedBy })
                : t('meetings.minutes.adoptedAtOnly', { at: vnDateTime(mn.adoptedAt) })}
            </Tag>
          ) : (
            <Tag color={mn.status === 'draft' ? 'orange' : 'default'}>{t(`meetings.minutesStatus.${mn.status}`)}</Tag>
          )}
        </Space>
        {files}
      </div>
      {!adopted && mn.missing.length > 0 && mn.status !== 'none' && (
        <Alert
          type="info"
          showIcon
          data-testid="minutes-missing"
          title={t('meetings.minutes.missing')}
          description={
            <Space size={4} wrap>
              {mn.missing.map((x) => (
                <Tag key={x.field}>{x.label}</Tag>
              ))}
            </Space>
          }
        />
      )}
      {adopted ? (
        <AdoptedMinutes meeting={meeting} minutes={mn} />
      ) : meeting.canManage ? (
        <MinutesEditor meeting={meeting} minutes={mn} />
      ) : mn.status === 'none' ? (
        <Empty description={t('meetings.minutes.none')} />
      ) : (
        <MinutesView meeting={meeting} minutes={mn} />
      )}
    </Space>
  );
}

function MinutesEditor({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const t = useT();
  const queryClient = useQueryClient();
  const confirm = useConfirm();
  const [form] = Form.useForm<MinutesValues>();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const present = minutes.attendance.summary.present;
  useChairPrefill(form, meeting, minutes.content);
  const started = Date.now() >= Date.parse(meeting.startsAt);
  // HD 12: the meeting is graded before its minutes are adopted; the dialog shows the grade.
  const quality = useQuality(meeting.id);
  const [params, setParams] = useSearchParams();

  const refresh = async (saved: Minutes) => {
    queryClient.setQueryData(meetingKeys.minutes(meeting.id), saved);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) }),
      queryClient.invalidateQueries({ queryKey: meetingKeys.quality(meeting.id) }),
      queryClient.invalidateQueries({ queryKey: ['meetings', 'list'] }),
    ]);
  };
  const body = (v: MinutesValues) => ({ number: clean(v.number), content: toContent(v.content) });
  const save = useMutation({
    mutationFn: (v: MinutesValues) => api<Minutes>(`/meetings/${meeting.id}/minutes`, { method: 'PUT', body: body(v) }),
    onSuccess: async (saved) => {
      await refresh(saved);
      showSuccess(t('meetings.minutes.saved'));
    },
    onError: (error) => setUnmatched(applyApiErrors(form, error)),
  });
  const adopt = useMutation({
    mutationFn: async (v: MinutesValues) => {
      // What is on the screen is what gets adopted.
      await api<Minutes>(`/meetings/${meeting.id}/minutes`, { method: 'PUT', body: body(v) });
      return api<Minutes>(`/meetings/${meeting.id}/minutes/adopt`, { method: 'POST' });
    },
    onSuccess: async (saved) => {
      await refresh(saved);
      showSuccess(t('meetings.minutes.adoptedNow'));
    },
    onError: async (error) => {
      setUnmatched(applyApiErrors(form, error));
      await queryClient.invalidateQueries({ queryKey: meetingKeys.minutes(meeting.id) });
    },
  });

  async function onAdopt() {
    let values: MinutesValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setUnmatched([]);
    const q = quality.data;
    if (!q?.saved) {
      confirm({
        title: t('meetings.minutes.gradeFirstTitle'),
        content: t('meetings.minutes.gradeFirstText'),
        okText: t('meetings.minutes.gradeNow'),
        onOk: () => {
          const next = new URLSearchParams(params);
          next.set('tab', 'quality');
          setParams(next, { replace: true });
        },
      });
      return;
    }
    confirm({
      title: t('meetings.minutes.confirmAdopt'),
      content: (
        <>
          <p data-testid="adopt-grade">{t('meetings.minutes.adoptGrade', { grade: gradeLabel(t, q.grade), points: q.points, max: q.maxPoints })}</p>
          <p>{t('meetings.minutes.confirmAdoptText')}</p>
        </>
      ),
      okText: t('meetings.minutes.adopt'),
      onOk: () => adopt.mutateAsync(values),
    });
  }

  return (
    <Form<MinutesValues>
      form={form}
      layout="vertical"
      scrollToFirstError
      data-testid="minutes-form"
      initialValues={{ number: minutes.number ?? '', content: fromContent(minutes.content, meeting) }}
      onFinish={(v) => {
        setUnmatched([]);
        save.mutate(v);
      }}
    >
      <MinutesFields form={form} meeting={meeting} present={present} withNumber draft />
      <FormProblems problems={unmatched} testId="minutes-errors" />
      {!started && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('meetings.minutes.notStarted')} />}
      <Space wrap style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '8px 0', width: '100%', zIndex: 5 }}>
        <Button htmlType="submit" loading={save.isPending} data-testid="minutes-save">
          {t('meetings.minutes.save')}
        </Button>
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          onClick={() => void onAdopt()}
          loading={adopt.isPending}
          disabled={!started}
          data-testid="minutes-adopt"
        >
          {t('meetings.minutes.adopt')}
        </Button>
      </Space>
    </Form>
  );
}

/**
 * A note on a draft whose times are the plan's old ones: both moved by the same amount, as
 * when the plan was moved after the draft began from it. Times that differ otherwise are what
 * happened (a meeting opened late, ran long) and are left alone: HD 12's length is the
 * minutes', not the plan's.
 */
function TimesAgainstPlan({ form, meeting }: { form: FormInstance<MinutesValues>; meeting: Meeting }) {
  const t = useT();
  const opened = Form.useWatch(['content', 'openedAt'], form);
  const closed = Form.useWatch(['content', 'closedAt'], form);
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  if (!opened || !closed) return null;
  const shift = minutes(opened) - minutes(meeting.startTime);
  if (shift === 0 || shift !== minutes(closed) - minutes(meeting.endTime)) return null;
  return (
    <Col xs={24} data-testid="minutes-times-differ">
      <Typography.Text type="secondary">{t('meetings.minutes.timesDiffer', { start: meeting.startTime, end: meeting.endTime })}</Typography.Text>{' '}
      <Button
        type="link"
        style={{ paddingInline: 4 }}
        onClick={() => {
          form.setFieldValue(['content', 'openedAt'], meeting.startTime);
          form.setFieldValue(['content', 'closedAt'], meeting.endTime);
        }}
        data-testid="minutes-times-use-plan"
      >
        {t('meetings.minutes.timesUsePlan')}
      </Button>
    </Col>
  );
}

/** The fields of the minutes, in the order of HD 12; used by the editor and the amendment. */
function MinutesFields({
  form,
  meeting,
  present,
  withNumber,
  draft,
}: {
  form: FormInstance<MinutesValues>;
  meeting: Meeting;
  present: number;
  withNumber?: boolean;
  /** A draft being written (not an amendment of adopted minutes). */
  draft?: boolean;
}) {
  const t = useT();
  const phone = usePhone();
  const max = (n: number) => ({ max: n, message: t('validation.tooLong', { max: n }) });
  const time = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('meetings.plan.badTime') };
  const c = (name: string | (string | number)[]) => ['content', ...(Array.isArray(name) ? name : [name])];
  const votesRule = {
    validator: async () => {
      const v = (form.getFieldValue(['content', 'votes']) ?? {}) as Votes;
      const over = votesExceedPresent({ for: v.for ?? 0, against: v.against ?? 0, abstain: v.abstain ?? 0 }, present);
      if (over) throw new Error(t('meetings.minutes.votesOver', { total: over.total, present: over.present }));
    },
  };
  const section = (title: string) => (
    <Divider titlePlacement="start" plain style={{ fontWeight: 600 }}>
      {title}
    </Divider>
  );
  return (
    <>
      {section(t('meetings.minutes.sections.opening'))}
      <Row gutter={12}>
        {withNumber && (
          <Col xs={12} md={4}>
            <Form.Item
              name="number"
              label={t('meetings.minutes.fields.number')}
              extra={t('meetings.minutes.numberHint')}
              rules={[{ pattern: /^\d{1,6}$/, message: t('meetings.minutes.badNumber') }]}
            >
              <Input inputMode="numeric" data-testid="minutes-number-input" />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} md={withNumber ? 8 : 12}>
          <Form.Item name={c('placeName')} label={t('meetings.minutes.fields.placeName')} extra={t('meetings.minutes.placeHint')} rules={[max(100)]}>
            <Input data-testid="minutes-place-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={c('openedAt')} label={t('meetings.minutes.fields.openedAt')} rules={[time]}>
            <Input type="time" data-testid="minutes-opened" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={c('closedAt')} label={t('meetings.minutes.fields.closedAt')} rules={[time]}>
            <Input type="time" data-testid="minutes-closed" />
          </Form.Item>
        </Col>
        {draft && <TimesAgainstPlan form={form} meeting={meeting} />}
        <Col xs={24} md={8}>
          <Form.Item name={c('chairName')} label={t('meetings.minutes.fields.chairName')} rules={[max(200)]}>
            <Input data-testid="minutes-chair" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={c('chairPosition')} label={t('meetings.minutes.fields.chairPosition')} rules={[max(200)]}>
            <Input data-testid="minutes-chair-position" placeholder={t('meetings.minutes.chairPositionPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={c('minuteTakerName')} label={t('meetings.minutes.fields.minuteTakerName')} rules={[max(200)]}>
            <Input data-testid="minutes-taker" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={c('purpose')} label={t('meetings.minutes.fields.purpose')} rules={[max(5000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="minutes-purpose" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={c('guestsNote')} label={t('meetings.minutes.fields.guestsNote')} rules={[max(2000)]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="minutes-guests-note" />
          </Form.Item>
        </Col>
      </Row>

      {section(t('meetings.minutes.sections.content'))}
      {meeting.kind === 'regular' && (
        <Form.Item name={c('previousResolutionReview')} label={t('meetings.minutes.fields.previousResolutionReview')} rules={[max(20000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid="minutes-previous" />
        </Form.Item>
      )}
      <Form.Item name={c('upperDocuments')} label={t('meetings.minutes.fields.upperDocuments')} rules={[max(20000)]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} data-testid="minutes-upper" />
      </Form.Item>
      <Form.List name={c('agendaItems')}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                data-testid="minutes-agenda-item"
                title={<span style={{ whiteSpace: 'normal' }}>{i + 1}.</span>}
                extra={<Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />}
              >
                <Form.Item name={[field.name, 'title']} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('validation.required') }, max(500)]}>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 3 }}
                    aria-label={t('meetings.minutes.agendaTitle', { n: i + 1 })}
                    data-testid="minutes-agenda-title"
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'summary']} style={{ marginBottom: 8 }} rules={[max(20000)]}>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 10 }}
                    placeholder={t('meetings.minutes.summaryPlaceholder')}
                    data-testid="minutes-agenda-summary"
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'speakers']} style={{ marginBottom: 0 }}>
                  <Select
                    mode="tags"
                    tokenSeparators={[',', ';']}
                    open={false}
                    suffixIcon={null}
                    placeholder={t('meetings.minutes.speakersPlaceholder')}
                    aria-label={t('meetings.minutes.speakersLabel', { n: i + 1 })}
                    data-testid="minutes-agenda-speakers"
                  />
                </Form.Item>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ title: '', summary: '', speakers: [] })}
              style={{ marginBottom: 16 }}
              data-testid="minutes-agenda-add"
            >
              {t('meetings.plan.addAgenda')}
            </Button>
          </>
        )}
      </Form.List>

      {section(t('meetings.minutes.sections.conclusion'))}
      <Form.Item name={c('conclusions')} label={t('meetings.minutes.fields.conclusions')} rules={[max(20000)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="minutes-conclusions" />
      </Form.Item>
      <Typography.Text strong>{t('meetings.minutes.fields.resolutionItems')}</Typography.Text>
      <Form.List name={c('resolutionItems')}>
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((field, i) => (
              <div key={field.key} style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
                <Typography.Text style={{ paddingTop: 5, minWidth: 18 }}>{i + 1}.</Typography.Text>
                <Form.Item name={field.name} style={{ flex: 1, marginBottom: 0 }} rules={[max(2000)]}>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 6 }}
                    aria-label={t('meetings.minutes.resolutionItem', { n: i + 1 })}
                    data-testid="minutes-resolution-item"
                  />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 16 }} data-testid="minutes-resolution-add">
              {t('meetings.minutes.addResolution')}
            </Button>
          </div>
        )}
      </Form.List>
      <Card
        size="small"
        title={t('meetings.minutes.fields.votes')}
        style={{ marginBottom: 16 }}
        data-testid="minutes-votes"
        extra={
          <Typography.Text type="secondary" data-testid="minutes-votes-present">
            {t('meetings.minutes.presentCount', { present })}
          </Typography.Text>
        }
      >
        <Row gutter={8}>
          {(['for', 'against', 'abstain'] as const).map((k) => (
            <Col xs={8} key={k}>
              <Form.Item
                name={c(['votes', k])}
                label={t(`meetings.minutes.votes.${k}`)}
                dependencies={(['for', 'against', 'abstain'] as const).filter((x) => x !== k).map((x) => c(['votes', x]))}
                rules={[votesRule]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={0} max={100000} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid={`minutes-votes-${k}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>

      {section(t('meetings.minutes.sections.tasks'))}
      <Form.List name={c('tasks')}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                data-testid="minutes-task"
                extra={<Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />}
              >
                <Row gutter={8}>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'memberId']} label={t('meetings.minutes.taskMember')} style={{ marginBottom: 8 }}>
                      <MemberSelect
                        unitId={meeting.unitId}
                        testId="minutes-task-member"
                        onChange={(v, name) => {
                          form.setFieldValue(['content', 'tasks', field.name, 'memberId'], v);
                          if (name) form.setFieldValue(['content', 'tasks', field.name, 'assignee'], name);
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, 'assignee']}
                      label={t('meetings.minutes.taskAssignee')}
                      style={{ marginBottom: 8 }}
                      rules={[{ required: true, message: t('validation.required') }, max(200)]}
                    >
                      <Input data-testid="minutes-task-assignee" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <DateItem name={[field.name, 'dueOn']} label={t('meetings.minutes.taskDue')} style={{ marginBottom: 8 }} testId="minutes-task-due" />
                  </Col>
                  <Col xs={24}>
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('meetings.minutes.taskDescription')}
                      style={{ marginBottom: 0 }}
                      rules={[{ required: true, message: t('validation.required') }, max(2000)]}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid="minutes-task-description" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ memberId: null, assignee: '', description: '', dueOn: null })}
              style={{ marginBottom: 16 }}
              data-testid="minutes-task-add"
            >
              {t('meetings.minutes.addTask')}
            </Button>
          </>
        )}
      </Form.List>

      {section(t('meetings.minutes.sections.other'))}
      <Form.Item name={c('admissionsAndTransfers')} label={t('meetings.minutes.fields.admissionsAndTransfers')} rules={[max(5000)]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid="minutes-admissions" />
      </Form.Item>
      {phone && <div style={{ height: 8 }} />}
    </>
  );
}

/** The minutes read-only (a member's view of a draft, and adopted minutes). */
function MinutesView({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const t = useT();
  const phone = usePhone();
  const c = minutes.content;
  const s = minutes.attendance.summary;
  const text = (v: string | null | undefined) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="minutes-view">
      <Descriptions bordered size="small" column={phone ? 1 : 2}>
        <Descriptions.Item label={t('meetings.minutes.time')}>
          {c.openedAt ?? meeting.startTime} – {c.closedAt ?? meeting.endTime}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.fields.place')}>{meeting.place}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.fields.chairName')}>
          {c.chairName ?? '—'}
          {c.chairPosition ? ` – ${c.chairPosition}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.fields.minuteTakerName')}>{c.minuteTakerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.attendanceLine')} span={phone ? 1 : 2}>
          <span data-testid="minutes-attendance">
            {t('meetings.minutes.attendanceText', {
              total: s.total,
              full: s.full,
              probationary: s.probationary,
              exempted: s.exempted,
              onDuty: s.onDuty,
              present: s.present,
              expected: s.expected,
              excused: s.absentExcused,
              unexcused: s.absentUnexcused,
            })}
          </span>
        </Descriptions.Item>
        {c.purpose && (
          <Descriptions.Item label={t('meetings.minutes.fields.purpose')} span={phone ? 1 : 2}>
            {text(c.purpose)}
          </Descriptions.Item>
        )}
        {c.previousResolutionReview && (
          <Descriptions.Item label={t('meetings.minutes.fields.previousResolutionReview')} span={phone ? 1 : 2}>
            {text(c.previousResolutionReview)}
          </Descriptions.Item>
        )}
        {c.upperDocuments && (
          <Descriptions.Item label={t('meetings.minutes.fields.upperDocuments')} span={phone ? 1 : 2}>
            {text(c.upperDocuments)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {(c.agendaItems ?? []).length > 0 && (
        <Card size="small" title={t('meetings.minutes.sections.content')}>
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {(c.agendaItems ?? []).map((a, i) => (
              <li key={i} style={{ marginBottom: 6 }}>
                <b>{a.title}</b>
                {a.summary ? <div style={{ whiteSpace: 'pre-wrap' }}>{a.summary}</div> : null}
                {a.speakers?.length ? (
                  <Typography.Text type="secondary">{t('meetings.minutes.speakers', { names: a.speakers.join('; ') })}</Typography.Text>
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
      )}
      <Card size="small" title={t('meetings.minutes.sections.conclusion')}>
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid="minutes-conclusions-view">
          {c.conclusions ?? '—'}
        </div>
        {(c.resolutionItems ?? []).length > 0 && (
          <ol style={{ paddingLeft: 20 }}>
            {(c.resolutionItems ?? []).map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
        )}
        {c.votes && (
          <Typography.Paragraph data-testid="minutes-votes-view">
            {t('meetings.minutes.votesText', { for: c.votes.for, against: c.votes.against, abstain: c.votes.abstain, present: s.present })}
          </Typography.Paragraph>
        )}
      </Card>
      {(c.tasks ?? []).length > 0 && (
        <Card size="small" title={t('meetings.minutes.sections.tasks')}>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {(c.tasks ?? []).map((x, i) => (
              <li key={i}>
                <b>{x.assignee}</b>: {x.description}
                {x.dueOn ? ` (${t('meetings.minutes.due', { date: showDate(x.dueOn) })})` : ''}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {c.admissionsAndTransfers && (
        <Card size="small" title={t('meetings.minutes.fields.admissionsAndTransfers')}>
          {text(c.admissionsAndTransfers)}
        </Card>
      )}
    </Space>
  );
}

function AdoptedMinutes({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const t = useT();
  const [amending, setAmending] = useState(false);
  const fieldLabel = (k: string) => {
    const key = `meetings.minutes.fields.${k}`;
    return hasKey(key) ? t(key) : k;
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        title={t('meetings.minutes.lockedNote')}
        action={
          meeting.canManage ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setAmending(true)} data-testid="minutes-amend">
              {t('meetings.minutes.amend')}
            </Button>
          ) : undefined
        }
      />
      <MinutesView meeting={meeting} minutes={minutes} />
      {minutes.actionItems.length > 0 && (
        <Card size="small" title={t('meetings.minutes.actionItems')}>
          <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="minutes-action-items">
            {minutes.actionItems.map((a) => (
              <li key={a.id}>
                {a.assignee}: <Link to={`/tasks/${a.id}`}>{a.description}</Link>{' '}
                <Tag>{a.outcome ? t(`tasks.outcome.${a.outcome}`) : t(`meetings.minutes.itemStatus.${a.status}`)}</Tag>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {minutes.openTasks.length > 0 && <OpenTasksCard tasks={minutes.openTasks} />}
      {minutes.amendments.length > 0 && (
        <Card size="small" title={t('meetings.minutes.amendments', { count: minutes.amendments.length })}>
          <Timeline
            items={minutes.amendments.map((a) => ({
              key: a.id,
              content: (
                <div data-testid="minutes-amendment">
                  <Typography.Text strong>{vnDateTime(a.at)}</Typography.Text>
                  {a.actor ? ` · ${a.actor}` : ''}
                  <div>
                    {t('meetings.minutes.amendReason')}: {a.reason}
                  </div>
                  <Typography.Text type="secondary">
                    {t('meetings.minutes.amendFields', {
                      fields: Object.keys((a.after ?? {}) as object)
                        .map(fieldLabel)
                        .join(', '),
                    })}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </Card>
      )}
      {meeting.canManage && <AmendDialog meeting={meeting} minutes={minutes} open={amending} onClose={() => setAmending(false)} />}
    </Space>
  );
}

function AmendDialog({ meeting, minutes, open, onClose }: { meeting: Meeting; minutes: Minutes; open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const confirm = useConfirm();
  const [form] = Form.useForm<MinutesValues & { reason: string; attendance: AttendanceEdits }>();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const [nothing, setNothing] = useState(false);
  const initial = fromContent(minutes.content, meeting);
  const amend = useMutation({
    mutationFn: (body: { reason: string; changes: Record<string, unknown>; attendance?: ReturnType<typeof attendanceChanges> }) =>
      api<Minutes>(`/meetings/${meeting.id}/minutes/amendments`, { method: 'POST', body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(meetingKeys.minutes(meeting.id), saved);
      showSuccess(t('meetings.minutes.amended'));
      onClose();
    },
    onError: (error) => setUnmatched(applyApiErrors(form as unknown as FormInstance, error)),
  });

  async function onOk() {
    let values: MinutesValues & { reason: string; attendance: AttendanceEdits };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // Only the fields that differ are sent: the amendment records what it replaced.
    const before = toContent(initial);
    const after = toContent(values.content);
    const changes = Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
    const attendance = attendanceChanges(minutes.attendance.members, values.attendance);
    if (Object.keys(changes).length === 0 && attendance.length === 0) {
      setNothing(true);
      return;
    }
    setNothing(false);
    setUnmatched([]);
    confirm({
      title: t('meetings.minutes.confirmAmend'),
      onOk: () => amend.mutateAsync({ reason: values.reason.trim(), changes, ...(attendance.length ? { attendance } : {}) }),
    });
  }

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => void onOk()}
      title={t('meetings.minutes.amendTitle')}
      width={900}
      destroyOnHidden
      okText={t('common.continue')}
      cancelText={t('common.cancel')}
      confirmLoading={amend.isPending}
      okButtonProps={{ ...({ 'data-testid': 'minutes-amend-form-submit' } as object) }}
      data-testid="minutes-amend-form"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ content: initial, reason: '', attendance: attendanceInitial(minutes.attendance.members) }}
        preserve={false}
      >
        <Form.Item name="reason" label={t('meetings.minutes.amendReason')} rules={[{ required: true, message: t('validation.required') }, { max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="minutes-amend-reason" />
        </Form.Item>
        <MinutesFields form={form as unknown as FormInstance<MinutesValues>} meeting={meeting} present={minutes.attendance.summary.present} />
        <AmendAttendance members={minutes.attendance.members} />
        {nothing && <Alert type="warning" showIcon title={t('meetings.minutes.amendNothing')} />}
        <FormProblems problems={unmatched} testId="minutes-amend-errors" />
      </Form>
    </Modal>
  );
}

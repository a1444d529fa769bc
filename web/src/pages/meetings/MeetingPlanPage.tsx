// "Lập kế hoạch sinh hoạt": kind, date and time, place, topic (a thematic meeting picks one from
// the topic bank), the 2–3 focal issues of the month, and the agenda prefilled from the
// standard sequence of the rule set in force (HD 12), which the secretary may edit.
// The same form changes a planned meeting (/meetings/:id/edit).

import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Divider, Form, Input, Row, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { UnitKind } from '../../api/types.ts';
import { useUnit, useUnitChildren } from '../../api/units.ts';
import { DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { type MessageKey, useT } from '../../i18n/i18n.ts';
import { asIso, showDate, todayIso } from '../../lib/dates.ts';
import { applyApiErrors, type FieldProblem } from '../../lib/form-errors.ts';
import { showFirstProblem } from '../../lib/form-problems.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { PreviousResolutionCard } from '../home/PreviousResolution.tsx';
import { OpenTasksCard } from '../tasks/OpenTasksCard.tsx';
import { FormProblems } from './FormProblems.tsx';
import { kindLabel } from './meeting-labels.ts';
import {
  CELL_MEETING_KINDS,
  COMMITTEE_MEETING_KINDS,
  type Meeting,
  type MeetingKind,
  meetingKeys,
  useMeeting,
  useStandardAgenda,
  useTopics,
} from './meetings-api.ts';
import { useRegularPlan } from './use-regular-plan.ts';

export interface AgendaValue {
  title: string;
  note?: string | null;
}
export interface PlanValues {
  unitId: number;
  kind: MeetingKind;
  partyGroupId?: number | null;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  topicId?: number | null;
  topic?: string;
  focalIssues: string[];
  agenda: AgendaValue[];
}

const CELL_UNIT_KINDS = new Set<UnitKind>(['chi_bo', 'chi_bo_co_so']);

export default function MeetingPlanPage() {
  const { id } = useParams();
  const meeting = useMeeting(Number(id ?? 0));
  if (!id) return <PlanForm />;
  if (meeting.isPending) return <PageLoading />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  return <PlanForm meeting={meeting.data} />;
}

function PlanForm({ meeting }: { meeting?: Meeting }) {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlanValues>();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const presetUnit = Number(params.get('unitId')) || undefined;
  const prepares = Number(params.get('prepares')) || null;
  const presetKind = (params.get('kind') as MeetingKind | null) ?? undefined;
  const presetTopic = Number(params.get('topicId')) || null;
  const presetMonth = params.get('month');
  const carryAsked = params.get('carry') === '1';

  const unitId = Form.useWatch('unitId', form) ?? meeting?.unitId ?? presetUnit ?? null;
  const kind = Form.useWatch('kind', form) ?? meeting?.kind ?? presetKind;
  // A date still being corrected (typed text, not a date) asks the agenda for no date of its own.
  const date = asIso(Form.useWatch('date', form)) ?? meeting?.heldOn ?? todayIso();
  const unit = useUnit(unitId ?? 0, null);
  const children = useUnitChildren(unitId, null, unitId !== null);
  const agenda = useStandardAgenda(kind, unitId, date);
  const topics = useTopics(kind === 'thematic' ? unitId : null);
  const prepared = useMeeting(prepares ?? 0);

  const unitKind = unitId && unit.data?.unit.id === unitId ? unit.data.unit.kind : null;
  // A cell's regular meeting starts from the cell's usual day, times and place, and last
  // month's resolution is at hand to carry into the plan (use-regular-plan.ts).
  const regularOfCell = kind === 'regular' && unitKind !== null && CELL_UNIT_KINDS.has(unitKind);
  const { defaults, carryPrevious } = useRegularPlan({
    form,
    meeting,
    unitId,
    enabled: regularOfCell,
    date,
    month: presetMonth,
    carryAsked,
    onAgendaCarried: () => {
      agendaEdited.current = true;
      agendaKind.current = kind ?? null;
    },
  });
  const kinds = unitKind === null ? [] : CELL_UNIT_KINDS.has(unitKind) ? CELL_MEETING_KINDS : unitKind === 'to_dang' ? [] : COMMITTEE_MEETING_KINDS;
  const groups = (children.data?.items ?? []).filter((c) => c.kind === 'to_dang');
  // A kind this unit does not hold gives way to the first one it does (a cell: the monthly meeting).
  useEffect(() => {
    if (!meeting && kinds.length && (!kind || !kinds.includes(kind))) form.setFieldValue('kind', kinds[0]);
  }, [meeting, kinds, kind, form]);
  const focal = agenda.data?.focalIssues ?? { min: 2, max: 3 };
  const focalRequired = kind === 'regular';

  // The standard agenda fills the list until the secretary edits it; a change of kind
  // brings the agenda of the new kind.
  const agendaEdited = useRef(Boolean(meeting));
  const agendaKind = useRef<string | null>(meeting ? meeting.kind : null);
  useEffect(() => {
    if (!agenda.data || !kind) return;
    if (agendaEdited.current && agendaKind.current === kind) return;
    form.setFieldValue(
      'agenda',
      agenda.data.items.map((i) => ({ title: i.title, note: i.note ?? '' })),
    );
    agendaKind.current = kind;
    agendaEdited.current = false;
  }, [agenda.data, kind, form]);

  const save = useMutation({
    mutationFn: (v: PlanValues) => {
      const common = {
        partyGroupId: v.partyGroupId ?? null,
        date: v.date,
        startTime: v.startTime,
        endTime: v.endTime,
        place: v.place.trim(),
        topic: v.topic?.trim() || undefined,
        topicId: v.topicId ?? null,
        focalIssues: (v.focalIssues ?? []).map((f) => f?.trim()).filter(Boolean),
        agenda: (v.agenda ?? []).filter((a) => a.title?.trim()).map((a) => ({ title: a.title.trim(), note: a.note?.trim() || null })),
      };
      return meeting
        ? api<Meeting>(`/meetings/${meeting.id}`, { method: 'PATCH', body: common })
        : api<Meeting>('/meetings', { method: 'POST', body: { ...common, unitId: v.unitId, kind: v.kind, preparesMeetingId: prepares } });
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(meetingKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
      showSuccess(t('common.saved'));
      navigate(`/meetings/${saved.id}`, { replace: Boolean(meeting) });
    },
    onError: (error) => setUnmatched(applyApiErrors(form, error)),
  });

  const req = { required: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.tooLong', { max: n }) });
  const initialValues: Partial<PlanValues> = meeting
    ? {
        unitId: meeting.unitId,
        kind: meeting.kind,
        partyGroupId: meeting.partyGroupId,
        date: meeting.heldOn,
        startTime: meeting.startTime,
        endTime: meeting.endTime,
        place: meeting.place,
        topicId: meeting.topicId,
        topic: meeting.topic,
        focalIssues: meeting.focalIssues,
        agenda: meeting.agenda.map((a) => ({ title: a.title, note: a.note ?? '' })),
      }
    : {
        unitId: presetUnit,
        kind: presetKind ?? (prepares ? 'committee' : undefined),
        date: todayIso(),
        topicId: presetTopic,
        startTime: '08:00',
        endTime: '10:00',
        focalIssues: ['', ''],
        agenda: [],
      };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to={`/meetings${unitId ? `?unitId=${unitId}` : ''}`}>{t('meetings.list.title')}</Link> },
          ...(meeting ? [{ title: <Link to={`/meetings/${meeting.id}`}>{showDate(meeting.heldOn)}</Link> }] : []),
          { title: meeting ? t('meetings.plan.editTitle') : t('meetings.list.plan') },
        ]}
      />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {meeting ? t('meetings.plan.editTitle') : t('meetings.list.plan')}
        </Typography.Title>
        {!meeting && regularOfCell && defaults.data?.planned && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="plan-already-planned"
            title={t('meetings.plan.alreadyPlanned', {
              month: `${Number(defaults.data.month.slice(5, 7))}/${defaults.data.month.slice(0, 4)}`,
              date: showDate(defaults.data.planned.heldOn),
            })}
            action={<Link to={`/meetings/${defaults.data.planned.id}`}>{t('meetings.plan.openPlanned')}</Link>}
          />
        )}
        {prepares && prepared.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="plan-prepares"
            title={t('meetings.plan.preparesNote', { date: showDate(prepared.data.heldOn), topic: prepared.data.topic })}
          />
        )}
        <Form<PlanValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          data-testid="meeting-form"
          onFinish={(v) => {
            setUnmatched([]);
            save.mutate(v);
          }}
          onFinishFailed={({ errorFields }) => {
            setUnmatched([]);
            const missing = [...new Set(errorFields.map((f) => PLAN_FIELDS[String(f.name[0])]).filter((k) => k !== undefined))].map((k) => t(k));
            showFirstProblem(
              document.querySelector<HTMLElement>('form[data-testid="meeting-form"]'),
              missing.length ? t('meetings.plan.fixFields', { fields: missing.join(', ') }) : null,
            );
          }}
          onValuesChange={(changed: Partial<PlanValues>) => {
            if ('agenda' in changed) agendaEdited.current = true;
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('meetings.fields.unit')} rules={[req]}>
                <UnitSelect testId="plan-unit" allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('meetings.fields.kind')} rules={[req]} extra={unitKind === 'to_dang' ? t('meetings.plan.groupUnit') : undefined}>
                {/* While the unit loads, the kind from the address shows in words, never as "regular". */}
                <Select
                  data-testid="plan-kind"
                  disabled={Boolean(meeting) || Boolean(prepares)}
                  options={(meeting ? [meeting.kind] : kinds.length === 0 && kind ? [kind] : kinds).map((k) => ({ value: k, label: kindLabel(t, k) }))}
                  optionRender={(o) => <span data-testid="plan-kind-option">{o.label}</span>}
                />
              </Form.Item>
            </Col>
            {groups.length > 0 && kind !== 'committee' && (
              <Col xs={24} md={12}>
                <Form.Item name="partyGroupId" label={t('meetings.fields.partyGroup')} extra={t('meetings.plan.partyGroupHint')}>
                  <Select allowClear data-testid="plan-party-group" options={groups.map((g) => ({ value: g.id, label: g.name }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <DateItem
                name="date"
                label={t('meetings.fields.date')}
                rules={[req]}
                testId="plan-date"
                allowClear={false}
                extra={!meeting && regularOfCell && defaults.data ? t('meetings.plan.usualDay', { day: defaults.data.usualDay }) : undefined}
              />
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="startTime"
                label={t('meetings.fields.startTime')}
                rules={[req, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('meetings.plan.badTime') }]}
              >
                <Input type="time" data-testid="plan-start" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="endTime"
                label={t('meetings.fields.endTime')}
                dependencies={['startTime']}
                rules={[
                  req,
                  { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('meetings.plan.badTime') },
                  ({ getFieldValue }) => ({
                    validator: (_, v?: string) =>
                      !v || !getFieldValue('startTime') || v > getFieldValue('startTime')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('meetings.plan.endBeforeStart'))),
                  }),
                ]}
              >
                <Input type="time" data-testid="plan-end" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label={t('meetings.fields.place')} rules={[req, max(300)]}>
                <Input data-testid="plan-place" placeholder={t('meetings.plan.placePlaceholder')} />
              </Form.Item>
            </Col>
            {kind === 'thematic' && (
              <Col xs={24}>
                <Form.Item
                  name="topicId"
                  label={t('meetings.fields.bankTopic')}
                  extra={<Link to={`/meetings/topics${unitId ? `?unitId=${unitId}` : ''}`}>{t('meetings.topics.title')}</Link>}
                >
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    data-testid="plan-topic-bank"
                    loading={topics.isFetching}
                    placeholder={t('meetings.plan.pickTopic')}
                    onChange={(v?: number) => {
                      const picked = topics.data?.items.find((x) => x.id === v);
                      if (picked) form.setFieldValue('topic', picked.title);
                    }}
                    options={(topics.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))}
                    optionRender={(o) => {
                      const topic = topics.data?.items.find((x) => x.id === o.value);
                      return (
                        <div data-testid="plan-topic-option">
                          <div style={{ whiteSpace: 'normal' }}>{o.label}</div>
                          {topic && (
                            <Typography.Text type="secondary">
                              {topic.unitName}
                              {topic.usedBy.length ? ` · ${t('meetings.topics.usedCount', { count: topic.usedBy.length })}` : ''}
                            </Typography.Text>
                          )}
                        </div>
                      );
                    }}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item
                name="topic"
                label={t('meetings.fields.topic')}
                rules={[{ required: kind !== 'thematic', message: t('validation.required') }, max(500)]}
                extra={kind === 'thematic' ? t('meetings.plan.topicFromBank') : undefined}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="plan-topic" placeholder={t('meetings.plan.topicPlaceholder')} />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" plain>
            {t('meetings.fields.focalIssues')}
          </Divider>
          <Typography.Paragraph type="secondary">
            {focalRequired ? t('meetings.plan.focalHint', { min: focal.min, max: focal.max }) : t('meetings.plan.focalOptional')}
          </Typography.Paragraph>
          <Form.List
            name="focalIssues"
            rules={[
              {
                validator: async (_, v?: string[]) => {
                  const n = (v ?? []).filter((x) => x?.trim()).length;
                  if (focalRequired && (n < focal.min || n > focal.max)) throw new Error(t('meetings.plan.focalCount', { min: focal.min, max: focal.max }));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
                    <Typography.Text style={{ paddingTop: 5, minWidth: 18 }}>{i + 1}.</Typography.Text>
                    <Form.Item name={field.name} style={{ flex: 1, marginBottom: 0 }} rules={[max(500)]}>
                      <Input data-testid="plan-focal" placeholder={t('meetings.plan.focalPlaceholder')} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} data-testid="plan-focal-remove" />
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                {fields.length < (focalRequired ? focal.max : 10) && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 16 }} data-testid="plan-focal-add">
                    {t('meetings.plan.addFocal')}
                  </Button>
                )}
              </>
            )}
          </Form.List>

          {regularOfCell && defaults.data && (
            <div style={{ marginBottom: 16 }}>
              <PreviousResolutionCard
                previous={defaults.data.previous}
                action={
                  defaults.data.previous ? (
                    <Button block onClick={carryPrevious} style={{ minHeight: 44 }} data-testid="plan-carry">
                      {t('home.previous.carry')}
                    </Button>
                  ) : undefined
                }
              />
              <div style={{ height: 16 }} />
              <OpenTasksCard tasks={defaults.data.openTasks} />
            </div>
          )}

          <Divider titlePlacement="start" plain>
            {t('meetings.fields.agenda')}
          </Divider>
          <AgendaEditor
            phone={phone}
            source={agenda.data ? `${agenda.data.ruleSet.title}` : null}
            onReset={() => {
              agendaEdited.current = false;
              agendaKind.current = null;
              if (agenda.data)
                form.setFieldValue(
                  'agenda',
                  agenda.data.items.map((i) => ({ title: i.title, note: i.note ?? '' })),
                );
            }}
          />

          <FormProblems problems={unmatched} testId="meeting-form-errors" />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-save">
              {meeting ? t('common.save') : t('meetings.plan.submit')}
            </Button>
            <Button onClick={() => navigate(-1)} data-testid="plan-cancel">
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}

/** The plan's fields by name, for the message naming what is missing. */
const PLAN_FIELDS: Record<string, MessageKey> = {
  unitId: 'meetings.fields.unit',
  kind: 'meetings.fields.kind',
  partyGroupId: 'meetings.fields.partyGroup',
  date: 'meetings.fields.date',
  startTime: 'meetings.fields.startTime',
  endTime: 'meetings.fields.endTime',
  place: 'meetings.fields.place',
  topicId: 'meetings.fields.bankTopic',
  topic: 'meetings.fields.topic',
  focalIssues: 'meetings.fields.focalIssues',
  agenda: 'meetings.fields.agenda',
};

/** The agenda as an editable, reorderable list of items. */
function AgendaEditor({ phone, source, onReset }: { phone: boolean; source: string | null; onReset: () => void }) {
  const t = useT();
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
        <Typography.Text type="secondary">{source ? t('meetings.plan.agendaFrom', { source }) : ''}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={onReset} data-testid="plan-agenda-reset">
          {t('meetings.plan.agendaReset')}
        </Button>
      </div>
      <Form.List
        name="agenda"
        rules={[
          {
            validator: async (_, v?: AgendaValue[]) => {
              if (!(v ?? []).some((a) => a?.title?.trim())) throw new Error(t('meetings.plan.agendaEmpty'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            <ol style={{ paddingLeft: phone ? 20 : 28, margin: 0 }} data-testid="plan-agenda">
              {fields.map((field, i) => (
                <li key={field.key} data-testid="plan-agenda-item" style={{ marginBottom: 8 }}>
                  <div style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Form.Item
                        name={[field.name, 'title']}
                        style={{ marginBottom: 4 }}
                        rules={[
                          { required: true, message: t('validation.required') },
                          { max: 500, message: t('validation.tooLong', { max: 500 }) },
                        ]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          aria-label={t('meetings.plan.agendaTitle', { n: i + 1 })}
                          data-testid="plan-agenda-title"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'note']}
                        style={{ marginBottom: 0 }}
                        rules={[{ max: 2000, message: t('validation.tooLong', { max: 2000 }) }]}
                      >
                        <Input size="small" placeholder={t('meetings.plan.agendaNote')} data-testid="plan-agenda-note" />
                      </Form.Item>
                    </div>
                    <Space.Compact orientation={phone ? 'vertical' : 'horizontal'}>
                      <Tooltip title={t('meetings.plan.moveUp')}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0}
                          onClick={() => move(i, i - 1)}
                          aria-label={t('meetings.plan.moveUp')}
                          data-testid="plan-agenda-up"
                        />
                      </Tooltip>
                      <Tooltip title={t('meetings.plan.moveDown')}>
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={i === fields.length - 1}
                          onClick={() => move(i, i + 1)}
                          aria-label={t('meetings.plan.moveDown')}
                          data-testid="plan-agenda-down"
                        />
                      </Tooltip>
                      <Tooltip title={t('common.remove')}>
                        <Button
                          size="small"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('common.remove')}
                          data-testid="plan-agenda-remove"
                        />
                      </Tooltip>
                    </Space.Compact>
                  </div>
                </li>
              ))}
            </ol>
            <Form.ErrorList errors={errors} />
            {fields.length < 50 && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ title: '', note: '' })}
                style={{ margin: '8px 0 16px' }}
                data-testid="plan-agenda-add"
              >
                {t('meetings.plan.addAgenda')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}

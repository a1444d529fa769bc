// The form for one next step: its date (the app's date box) and what that step records; the
// server's checks come back in words beside the fields (age, certificate, sponsor) or above the
// button. A step that makes or changes a member, or asks above, is confirmed first.
import { Alert, Button, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { STEP_FIELDS, type StepField } from '../../../../src/domain/admission-pipeline.ts';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { DateItem } from '../../components/DateInput.tsx';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { applyApiErrors, type FieldProblem } from '../../lib/form-errors.ts';
import { errorText, showSuccess } from '../../lib/notify.ts';
import { type Candidate, type CandidateStep, useCandidateWrite } from './admissions-api.ts';

interface Values {
  doneOn: string;
  decisionNumber?: string;
  memberId?: number;
  knownSince?: string;
  votesFor?: number;
  fullMembers?: number;
  note?: string;
}

const IRREVERSIBLE: readonly CandidateStep[] = ['decision', 'ceremony', 'recognised', 'strike_off_proposed'];
const TAP = { minHeight: 44 };

export function StepForm({ c, step }: { c: Candidate; step: CandidateStep }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const confirm = useConfirm();
  const [problem, setProblem] = useState<{ title: string; more: FieldProblem[] } | null>(null);
  const write = useCandidateWrite((v: Values) => api<Candidate>(`/admissions/candidates/${c.id}/steps`, { method: 'POST', body: { step, ...v } }));
  const label = t(`admissions.step.${step}`);

  async function send(values: Values) {
    setProblem(null);
    try {
      await write.mutateAsync(values);
      form.resetFields();
      showSuccess(t('admissions.recorded', { step: label }));
    } catch (error) {
      const more = applyApiErrors(form, error);
      setProblem({ title: errorText(error), more });
    }
  }

  async function onFinish(values: Values) {
    if (!IRREVERSIBLE.includes(step)) return send(values);
    confirm({
      title: t('admissions.confirm.title', { step: label, date: showDate(values.doneOn) }),
      content: t(`admissions.confirm.${step as 'decision'}`, { name: c.fullName }),
      danger: step === 'strike_off_proposed',
      onOk: () => send(values),
    });
  }

  const records = (field: StepField) => STEP_FIELDS[step].includes(field);
  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="step-form" data-step={step} style={{ marginBottom: 16 }}>
      <div style={{ fontWeight: 600, fontSize: 17, marginBottom: 8 }}>{label}</div>
      <DateItem name="doneOn" label={t('admissions.doneOn')} rules={[{ required: true }]} notFuture testId="step-date" />
      {records('memberId') && (
        <Form.Item name="memberId" label={t(step === 'dossier' ? 'admissions.sponsor' : 'admissions.helper')} rules={[{ required: true }]}>
          <MemberSelect unitId={c.unitId} testId="step-member" />
        </Form.Item>
      )}
      {records('knownSince') && (
        <DateItem name="knownSince" label={t('admissions.knownSince')} rules={[{ required: true }]} notFuture testId="step-known-since" />
      )}
      {records('votesFor') && (
        <>
          <Form.Item name="votesFor" label={t('admissions.votesFor')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} inputMode="numeric" style={{ width: '100%', ...TAP }} data-testid="step-votes-for" />
          </Form.Item>
          <Form.Item name="fullMembers" label={t('admissions.fullMembers')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} inputMode="numeric" style={{ width: '100%', ...TAP }} data-testid="step-full-members" />
          </Form.Item>
        </>
      )}
      {records('decisionNumber') && (
        <Form.Item name="decisionNumber" label={t('admissions.decisionNumber')} rules={[{ required: step !== 'committee_resolution', whitespace: true }]}>
          <Input autoComplete="off" data-testid="step-decision-number" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('admissions.note')} rules={[{ required: step === 'strike_off_proposed', whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="step-problem"
          title={problem.title}
          description={problem.more.length > 0 ? problem.more.map((p) => <div key={p.path}>{p.message}</div>) : undefined}
        />
      )}
      <Button type="primary" htmlType="submit" block style={TAP} loading={write.isPending} data-testid="step-submit">
        {t('admissions.record')}
      </Button>
    </Form>
  );
}

// Assigning a task (giao nhiệm vụ): what to do, the programme it serves, the due date, the
// expected result and a measurable target where there is one, and the members of the cell
// who do it. On a phone: one column, big boxes.
import { Button, Form, Input, InputNumber, Select } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DateItem } from '../../components/DateInput.tsx';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { PageHeading, Panel } from '../../components/Plain.tsx';
import { useT } from '../../i18n/i18n.ts';
import { applyApiErrors } from '../../lib/form-errors.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { TAP } from '../home/home-shared.ts';
import { useCreateTask, useProgrammes } from './tasks-api.ts';

interface Values {
  title: string;
  programme?: string | null;
  dueOn: string;
  expectedResult?: string;
  targetValue?: number | null;
  targetUnit?: string;
  assigneeIds: number[];
}

export default function TaskFormPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const unitId = Number(params.get('unitId')) || null;
  const [form] = Form.useForm<Values>();
  const programmes = useProgrammes();
  const create = useCreateTask();
  const required = { required: true, message: t('validation.required') };

  async function submit(values: Values) {
    if (!unitId) return;
    try {
      const task = await create.mutateAsync({
        unitId,
        title: values.title,
        programme: values.programme ?? null,
        dueOn: values.dueOn,
        expectedResult: values.expectedResult ?? null,
        targetValue: values.targetValue ?? null,
        targetUnit: values.targetUnit ?? null,
        assigneeIds: values.assigneeIds,
      });
      showSuccess(t('tasks.created'));
      navigate(`/tasks/${task.id}`, { replace: true });
    } catch (error) {
      const left = applyApiErrors(form, error);
      const assignees = left.filter((p) => p.path.startsWith('assigneeIds'));
      if (assignees.length) form.setFields([{ name: 'assigneeIds', errors: assignees.map((p) => p.message) }]);
      if (left.length === assignees.length && left.length > 0) return;
      showError(error);
    }
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 720 }} data-testid="task-form-page">
      <PageHeading>{t('tasks.newTitle')}</PageHeading>
      <Panel small title={t('tasks.newTitle')}>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="task-form">
          <Form.Item name="title" label={t('tasks.fields.title')} rules={[required, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('tasks.placeholders.title')} data-testid="task-title" />
          </Form.Item>
          <Form.Item name="assigneeIds" label={t('tasks.fields.assignees')} rules={[required]}>
            {unitId ? <MemberSelect multiple unitId={unitId} testId="task-assignees" /> : <Input disabled />}
          </Form.Item>
          <DateItem name="dueOn" label={t('tasks.fields.dueOn')} rules={[required]} testId="task-due" allowClear={false} />
          <Form.Item name="programme" label={t('tasks.fields.programme')}>
            <Select
              allowClear
              size="large"
              data-testid="task-programme"
              loading={programmes.isPending}
              options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="expectedResult" label={t('tasks.fields.expectedResult')} rules={[{ max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="task-expected" />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="targetValue" label={t('tasks.fields.targetValue')} style={{ flex: '1 1 140px' }}>
              <InputNumber min={0} style={{ width: '100%' }} size="large" data-testid="task-target" />
            </Form.Item>
            <Form.Item name="targetUnit" label={t('tasks.fields.targetUnit')} style={{ flex: '1 1 140px' }}>
              <Input size="large" placeholder={t('tasks.placeholders.targetUnit')} data-testid="task-target-unit" />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button type="primary" htmlType="submit" loading={create.isPending} style={{ ...TAP, flex: '1 1 160px' }} data-testid="task-save">
              {t('tasks.assign')}
            </Button>
            <Link to={unitId ? `/tasks?unitId=${unitId}` : '/tasks'} style={{ flex: '1 1 120px' }}>
              <Button block style={TAP}>
                {t('common.cancel')}
              </Button>
            </Link>
          </div>
        </Form>
      </Panel>
    </div>
  );
}

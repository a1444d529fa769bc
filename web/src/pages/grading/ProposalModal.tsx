// The cell's appraisal and proposed grade for one entry (issue 9 item 5): points per
// criterion (from the self-assessment to start with), the facts the rules' conditions test
// (tasks of the period, discipline, shortcomings remedied), the group of similar roles the
// quota counts the member in, and a note. A grade above what the rules allow is refused by
// the server with the reason beside the grade box.

import { Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { ActionModal } from '../../components/ActionModal.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { EntryFacts, ruleTasksOf } from './EntryFacts.tsx';
import { type Entry, GRADES, type Grade, type PeriodDetail, type ProposalInput, useSaveProposal } from './grading-api.ts';
import { gradeLabel, pointsText } from './grading-labels.ts';

type Tasks = NonNullable<NonNullable<ProposalInput['facts']>['tasks']>;
const TASK_KEYS: readonly (keyof Tasks)[] = ['total', 'onTime', 'exceeded', 'completed', 'behindSchedule'];

interface Values {
  scores: Record<string, number>;
  tasks: Partial<Tasks>;
  shortcomingsRemedied: boolean;
  disciplinedInPeriod: boolean;
  degradation: boolean;
  grade?: Grade;
  roleGroup?: string;
  note?: string;
}

export function ProposalModal({ period, entry, onClose }: { period: PeriodDetail; entry: Entry | null; onClose: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const save = useSaveProposal();
  if (!entry) return null;
  const criteria = period.criteria.filter((c) => c.subjects.includes(entry.subject));
  const start = entry.proposal?.scores ?? entry.selfAssessment?.scores ?? {};
  const total = (v: Values) => criteria.reduce((s, c) => s + (v.scores?.[c.key] ?? 0), 0);
  // What chibo holds starts the form; the server fills in what the proposal leaves out, so only
  // counts the secretary changed are sent, and discipline only when ticked (issue 9 review item 4).
  const heldTasks = ruleTasksOf(entry.facts);
  const heldDiscipline = (entry.facts?.disciplines.length ?? 0) > 0;
  return (
    <ActionModal<Values>
      open
      onClose={onClose}
      title={t('grading.proposal.title', { name: entry.name })}
      testId="proposal"
      okText={t('grading.proposal.submit')}
      width={640}
      initialValues={{
        scores: { ...start },
        shortcomingsRemedied: true,
        disciplinedInPeriod: heldDiscipline,
        degradation: false,
        roleGroup: entry.roleGroup,
        tasks: heldTasks ?? {},
      }}
      confirmText={(v) =>
        t('grading.proposal.confirm', {
          name: entry.name,
          points: pointsText(total(v), lang),
          grade: v.grade ? gradeLabel(t, v.grade) : t('grading.proposal.gradeByRules'),
        })
      }
      submit={async (v) => {
        const counts = TASK_KEYS.map((k) => v.tasks?.[k]);
        const typed = counts.every((n) => typeof n === 'number') ? (Object.fromEntries(TASK_KEYS.map((k) => [k, v.tasks[k]])) as Tasks) : undefined;
        const tasks = typed && !(heldTasks && TASK_KEYS.every((k) => typed[k] === heldTasks[k])) ? typed : undefined;
        try {
          await save.run({
            entryId: entry.id,
            body: {
              scores: Object.fromEntries(criteria.map((c) => [c.key, v.scores[c.key] ?? 0])),
              facts: {
                ...(tasks ? { tasks } : {}),
                shortcomingsRemedied: v.shortcomingsRemedied,
                ...(v.disciplinedInPeriod && !heldDiscipline ? { disciplinedInPeriod: true } : {}),
                ...(v.degradation ? { degradation: true } : {}),
              },
              grade: v.grade,
              roleGroup: entry.subject === 'member' ? v.roleGroup : undefined,
              note: v.note?.trim() || undefined,
            },
          });
          showSuccess(t('grading.proposal.done', { name: entry.name }));
        } catch (error) {
          showError(error);
          throw error;
        }
      }}
    >
      {entry.facts && <EntryFacts facts={entry.facts} />}
      {entry.selfAssessment && (
        <Typography.Paragraph type="secondary">
          {t('grading.proposal.selfWas', { points: pointsText(entry.selfAssessment.points, lang), grade: gradeLabel(t, entry.selfAssessment.grade) })}
        </Typography.Paragraph>
      )}
      {criteria.map((c) => (
        <Form.Item
          key={c.key}
          name={['scores', c.key]}
          label={c.label}
          extra={t('grading.me.maxPoints', { max: pointsText(c.maxPoints, lang) })}
          rules={[{ required: true, message: t('grading.me.scoreRequired') }]}
        >
          <InputNumber
            min={0}
            max={c.maxPoints}
            step={0.5}
            decimalSeparator={lang === 'vi' ? ',' : '.'}
            style={{ width: 160 }}
            data-testid={`proposal-score-${c.key}`}
          />
        </Form.Item>
      ))}
      <Divider style={{ margin: '8px 0' }} />
      <Typography.Text strong>{t('grading.proposal.tasks')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="proposal-tasks-hint">
        {heldTasks ? t('grading.proposal.tasksHeld') : t('grading.proposal.tasksHint')}
      </Typography.Paragraph>
      <Row gutter={12}>
        {TASK_KEYS.map((k) => (
          <Col xs={12} sm={8} key={k}>
            <Form.Item name={['tasks', k]} label={t(`grading.proposal.task.${k}`)}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} data-testid={`proposal-task-${k}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="shortcomingsRemedied" valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox data-testid="proposal-remedied">{t('grading.proposal.remedied')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="disciplinedInPeriod"
        valuePropName="checked"
        style={{ marginBottom: 4 }}
        extra={heldDiscipline ? t('grading.proposal.disciplineHeld') : undefined}
      >
        <Checkbox disabled={heldDiscipline} data-testid="proposal-disciplined">
          {t('grading.proposal.disciplined')}
        </Checkbox>
      </Form.Item>
      <Form.Item name="degradation" valuePropName="checked">
        <Checkbox>{t('grading.proposal.degradation')}</Checkbox>
      </Form.Item>
      {entry.subject === 'member' && (
        <Form.Item name="roleGroup" label={t('grading.proposal.roleGroup')}>
          <Select options={period.roleGroups.map((g) => ({ value: g.key, label: g.label }))} data-testid="proposal-role-group" />
        </Form.Item>
      )}
      <Form.Item name="grade" label={t('grading.proposal.grade')} extra={t('grading.proposal.gradeHint')}>
        <Select
          allowClear
          placeholder={t('grading.proposal.gradeByRules')}
          options={GRADES.map((g) => ({ value: g, label: gradeLabel(t, g) }))}
          data-testid="proposal-grade"
        />
      </Form.Item>
      <Form.Item name="note" label={t('grading.proposal.note')} rules={[{ max: 5000, message: t('validation.tooLong', { max: 5000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="proposal-note" />
      </Form.Item>
    </ActionModal>
  );
}

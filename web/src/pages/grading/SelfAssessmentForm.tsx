// The self-assessment form (a member's, or a cell committee's for its cell): each criterion
// of the period's rule set with its maximum, the band the total reaches shown as it is typed
// (the rule set's own bands), the self-grade, and the text fields of form 2A/2B/2C. Sent
// after a confirmation; a refused score is shown beside its box.

import { Alert, Button, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useConfirm } from '../../components/confirm.ts';
import { useLang, useT } from '../../i18n/i18n.ts';
import { applyApiErrors } from '../../lib/form-errors.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { bandOf, type Entry, FORM_FIELDS, formOf, GRADES, type Grade, type PeriodDetail, useSaveSelfAssessment } from './grading-api.ts';
import { GRADE_COLORS, gradeLabel, gradeShort, pointsText } from './grading-labels.ts';

interface Values {
  scores: Record<string, number | null>;
  selfGrade: Grade;
  fields: Record<string, string>;
}

export function SelfAssessmentForm({ period, entry, onDone, onCancel }: { period: PeriodDetail; entry: Entry; onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const [form] = Form.useForm<Values>();
  const confirm = useConfirm();
  const save = useSaveSelfAssessment();
  const [problem, setProblem] = useState<string | null>(null);
  const criteria = period.criteria.filter((c) => c.subjects.includes(entry.subject));
  const formCode = entry.selfAssessment?.forms?.form ?? formOf(entry);
  const scores = Form.useWatch('scores', form) ?? {};
  const selfGrade = Form.useWatch('selfGrade', form);
  const filled = criteria.filter((c) => typeof scores[c.key] === 'number');
  const total = Math.round(filled.reduce((s, c) => s + (scores[c.key] ?? 0), 0) * 100) / 100;
  const complete = filled.length === criteria.length;
  const band = bandOf(period.bands, total);
  const above = complete && selfGrade !== undefined && GRADES.indexOf(selfGrade) < GRADES.indexOf(band);

  const initial: Partial<Values> = {
    scores: { ...(entry.selfAssessment?.scores ?? {}) },
    selfGrade: entry.selfAssessment?.grade,
    fields: { ...(entry.selfAssessment?.forms?.fields ?? {}) },
  };

  async function send() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    const fields = Object.fromEntries(Object.entries(v.fields ?? {}).filter(([, text]) => typeof text === 'string' && text.trim() !== ''));
    confirm({
      title: t('grading.me.confirmTitle'),
      content: t('grading.me.confirm', { points: pointsText(total, lang), grade: gradeLabel(t, v.selfGrade) }),
      okText: t('grading.me.submit'),
      onOk: async () => {
        try {
          await save.run({
            entryId: entry.id,
            body: {
              scores: Object.fromEntries(criteria.map((c) => [c.key, v.scores[c.key] ?? 0])),
              selfGrade: v.selfGrade,
              forms: { form: formCode, fields },
            },
          });
          showSuccess(t('grading.me.submitted'));
          onDone();
        } catch (error) {
          const unmatched = applyApiErrors(form, error);
          if (unmatched.length) setProblem(unmatched.map((u) => u.message).join(' '));
          else showError(error);
          throw error;
        }
      },
    });
  }

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} data-testid="self-assessment-form" requiredMark>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('grading.me.criteria')}
      </Typography.Title>
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
            inputMode="decimal"
            style={{ width: 160 }}
            data-testid={`score-${c.key}`}
          />
        </Form.Item>
      ))}
      <Alert
        type={complete ? 'info' : 'warning'}
        data-testid="self-band"
        data-band={complete ? band : ''}
        title={
          <span>
            {t('grading.me.total', { points: pointsText(total, lang), max: pointsText(period.maxPoints, lang) })}
            {complete && (
              <>
                {' · '}
                {t('grading.me.band')}{' '}
                <strong style={{ color: GRADE_COLORS[band] === 'red' ? '#cf1322' : undefined }}>
                  {gradeLabel(t, band)} ({gradeShort(t, band)})
                </strong>
              </>
            )}
          </span>
        }
        description={complete ? t('grading.me.bandHint') : t('grading.me.incomplete', { n: criteria.length - filled.length })}
        style={{ marginBottom: 16 }}
      />
      <Form.Item name="selfGrade" label={t('grading.me.selfGrade')} rules={[{ required: true, message: t('grading.me.selfGradeRequired') }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="self-grade">
          {GRADES.map((g) => (
            <Radio key={g} value={g} style={{ minHeight: 44, alignItems: 'center' }} data-testid={`self-grade-${g}`}>
              {gradeLabel(t, g)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      {above && <Alert type="warning" showIcon title={t('grading.me.aboveBand', { grade: gradeLabel(t, band) })} style={{ marginBottom: 16 }} />}
      <Typography.Title level={5}>{t(`grading.form.${formCode}`)}</Typography.Title>
      {FORM_FIELDS[formCode].map((f) => (
        <Form.Item
          key={f}
          name={['fields', f]}
          label={t(`grading.formField.${f}`)}
          rules={[{ max: 10_000, message: t('validation.tooLong', { max: 10_000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`form-field-${f}`} />
        </Form.Item>
      ))}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Space wrap>
        <Button type="primary" size="large" onClick={() => void send()} loading={save.busy} data-testid="self-assessment-submit">
          {t('grading.me.submit')}
        </Button>
        {onCancel && (
          <Button size="large" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </Space>
    </Form>
  );
}

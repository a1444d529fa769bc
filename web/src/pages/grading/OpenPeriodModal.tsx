// Opening a grading period (issue 9 item 5): the unit, the kind, the dates and an optional
// name; the rule set the period will use (the one in force on its end date, the unit's own
// first) is shown before the committee confirms, with its point bands.

import { useQueryClient } from '@tanstack/react-query';
import { Alert, Descriptions, Form, Input, Select, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { asIso, showDate } from '../../lib/dates.ts';
import { errorText, showError, showSuccess } from '../../lib/notify.ts';
import { gradingKeys, PERIOD_KINDS, type PeriodKind, type RuleSetPreview, useOpenPeriod, useRuleSetPreview } from './grading-api.ts';
import { gradeLabel, kindLabel, pointsText } from './grading-labels.ts';

interface Values {
  unitId: number;
  kind: PeriodKind;
  name?: string;
  startsOn: string;
  endsOn: string;
}

const lastYear = new Date().getFullYear() - 1;

export function OpenPeriodModal({ open, onClose, unitId }: { open: boolean; onClose: () => void; unitId: number | null }) {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const openPeriod = useOpenPeriod();
  const required = { required: true, message: t('validation.required') };
  return (
    <ActionModal<Values>
      open={open}
      onClose={onClose}
      title={t('grading.open.title')}
      testId="open-period"
      okText={t('grading.open.submit')}
      initialValues={{ unitId: unitId ?? undefined, kind: 'year', startsOn: `${lastYear}-01-01`, endsOn: `${lastYear}-12-31` }}
      confirmText={(v) => {
        const rules = client.getQueryData<RuleSetPreview>(gradingKeys.ruleSet(v.unitId, v.endsOn));
        return t('grading.open.confirm', {
          name: v.name?.trim() || kindLabel(t, v.kind),
          from: showDate(v.startsOn),
          to: showDate(v.endsOn),
          ruleSet: rules?.title ?? '…',
        });
      }}
      submit={async (v) => {
        try {
          const period = await openPeriod.run({ unitId: v.unitId, kind: v.kind, startsOn: v.startsOn, endsOn: v.endsOn, name: v.name?.trim() || undefined });
          showSuccess(t('grading.open.done'));
          navigate(`/grading/periods/${period.id}`);
        } catch (error) {
          showError(error);
          throw error;
        }
      }}
    >
      <Form.Item name="unitId" label={t('grading.unit')} rules={[required]}>
        <UnitSelect testId="open-period-unit" />
      </Form.Item>
      <Form.Item name="kind" label={t('grading.open.kind')} rules={[required]}>
        <Select options={PERIOD_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} data-testid="open-period-kind" />
      </Form.Item>
      <DateItem name="startsOn" label={t('grading.open.startsOn')} rules={[required]} testId="open-period-starts" />
      <DateItem name="endsOn" label={t('grading.open.endsOn')} rules={[required]} testId="open-period-ends" />
      <Form.Item
        name="name"
        label={t('grading.open.name')}
        extra={t('grading.open.nameHint')}
        rules={[{ max: 200, message: t('validation.tooLong', { max: 200 }) }]}
      >
        <Input data-testid="open-period-name" />
      </Form.Item>
      <RuleSetBox />
    </ActionModal>
  );
}

/** The rule set the period would use, for the unit and end date on the form. */
function RuleSetBox() {
  const t = useT();
  const [lang] = useLang();
  const form = Form.useFormInstance<Values>();
  const unitId = Form.useWatch('unitId', form) ?? null;
  const endsOn = asIso(Form.useWatch('endsOn', form));
  const preview = useRuleSetPreview(unitId, endsOn);
  if (unitId === null || endsOn === null) return null;
  if (preview.isPending) return <Spin />;
  if (preview.isError) return <Alert type="error" showIcon title={errorText(preview.error)} data-testid="open-period-rules-error" />;
  const r = preview.data;
  return (
    <Alert
      type="info"
      data-testid="open-period-rules"
      title={t('grading.open.rules')}
      description={
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('grading.open.rulesTitle')}>
            <span data-testid="open-period-rules-title">{r.title}</span>
            {r.ownSet && ` (${t('grading.open.ownSet')})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('grading.open.rulesFrom')}>{showDate(r.effectiveFrom)}</Descriptions.Item>
          <Descriptions.Item label={t('grading.open.bands')}>
            {r.bands.map((b) => `${gradeLabel(t, b.grade)}: ${t('grading.open.fromPoints', { points: pointsText(b.minPoints, lang) })}`).join('; ')}
          </Descriptions.Item>
        </Descriptions>
      }
    />
  );
}

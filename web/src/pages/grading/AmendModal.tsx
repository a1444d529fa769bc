// Correcting a decided grade (issue 9 item 5): never an edit, an amendment with its reason
// (and the decision behind it), confirmed and audited; held to the quota like a decision.

import { Form, Input, Select } from 'antd';
import { ActionModal } from '../../components/ActionModal.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { type Entry, GRADES, type Grade, useAmend } from './grading-api.ts';
import { gradeLabel } from './grading-labels.ts';

interface Values {
  grade: Grade;
  reason: string;
  decisionNumber?: string;
}

export function AmendModal({ entry, onClose }: { entry: Entry | null; onClose: () => void }) {
  const t = useT();
  const amend = useAmend();
  if (!entry?.grade) return null;
  const from = entry.grade;
  return (
    <ActionModal<Values>
      open
      danger
      onClose={onClose}
      title={t('grading.amend.title', { name: entry.name })}
      testId="amend"
      okText={t('grading.amend.submit')}
      confirmText={(v) => t('grading.amend.confirm', { name: entry.name, from: gradeLabel(t, from), to: gradeLabel(t, v.grade) })}
      submit={async (v) => {
        try {
          await amend.run({ entryId: entry.id, body: { grade: v.grade, reason: v.reason.trim(), decisionNumber: v.decisionNumber?.trim() || undefined } });
          showSuccess(t('grading.amend.done'));
        } catch (error) {
          showError(error);
          throw error;
        }
      }}
    >
      <Form.Item name="grade" label={t('grading.amend.grade')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={GRADES.filter((g) => g !== from).map((g) => ({ value: g, label: gradeLabel(t, g) }))} data-testid="amend-grade" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('common.reason')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 2000, message: t('validation.tooLong', { max: 2000 }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="amend-reason" />
      </Form.Item>
      <Form.Item name="decisionNumber" label={t('common.decisionNumber')} rules={[{ max: 100, message: t('validation.tooLong', { max: 100 }) }]}>
        <Input placeholder={t('common.decisionPlaceholder')} data-testid="amend-decision-number" />
      </Form.Item>
    </ActionModal>
  );
}

// A member's "học tập và làm theo Bác" registration and pledge for the year of a grading
// period (issue 9 item 2), beside their self-assessment: read back once registered, and
// registered or changed here on the phone (PUT /grading/commitments/me; saving replaces it).

import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { type Commitment, useSaveMyCommitment } from './grading-api.ts';

interface Values {
  content: string;
  pledge: string;
}

export function MyCommitment({ year, commitments }: { year: number; commitments: readonly Commitment[] }) {
  const t = useT();
  const mine = commitments.find((c) => c.kind === 'hoc_tap_lam_theo_bac' && c.year === year);
  const [editing, setEditing] = useState(false);
  const save = useSaveMyCommitment();
  const [form] = Form.useForm<Values>();

  async function onFinish(v: Values) {
    try {
      await save.run({ year, content: v.content.trim(), pledge: v.pledge.trim() });
      showSuccess(t('grading.commitment.saved', { year }));
      setEditing(false);
    } catch (error) {
      showError(error);
    }
  }

  const required = { required: true, whitespace: true, message: t('grading.commitment.required') };
  return (
    <section data-testid="my-commitment" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {t('grading.commitment.title', { year })}
      </Typography.Text>
      {editing ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ content: mine?.content ?? '', pledge: mine?.pledge ?? '' }}
          onFinish={(v) => void onFinish(v)}
        >
          <Form.Item name="content" label={t('grading.commitment.content')} extra={t('grading.commitment.contentHint')} rules={[required, { max: 10_000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} style={{ fontSize: 16 }} data-testid="my-commitment-content" />
          </Form.Item>
          <Form.Item name="pledge" label={t('grading.commitment.pledge')} rules={[required, { max: 10_000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} style={{ fontSize: 16 }} data-testid="my-commitment-pledge" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" size="large" loading={save.busy} data-testid="my-commitment-save">
              {t('grading.commitment.save')}
            </Button>
            <Button size="large" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      ) : (
        <>
          {mine ? (
            <dl style={{ margin: '0 0 8px' }} data-testid="my-commitment-view">
              <dt style={{ fontWeight: 600 }}>{t('grading.commitment.content')}</dt>
              <dd style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>{mine.content}</dd>
              <dt style={{ fontWeight: 600 }}>{t('grading.commitment.pledge')}</dt>
              <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{mine.pledge}</dd>
            </dl>
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('grading.commitment.none', { year })}
            </Typography.Paragraph>
          )}
          <Button size="large" onClick={() => setEditing(true)} data-testid="my-commitment-edit">
            {mine ? t('grading.commitment.change') : t('grading.commitment.register')}
          </Button>
        </>
      )}
    </section>
  );
}

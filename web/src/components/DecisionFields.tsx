import { Col, Form, Input, Row } from 'antd';
import { useT } from '../i18n/i18n.ts';
import { DateItem } from './DateInput.tsx';

/** The effective date and decision number every change to the register records. */
export function DecisionFields({ decisionRequired = true }: { decisionRequired?: boolean }) {
  const t = useT();
  const required = { required: true, message: t('validation.required') };
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <DateItem name="effectiveOn" label={t('common.effectiveOn')} rules={[required]} testId="action-effective-on" notFuture />
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="decisionNumber"
          label={t('common.decisionNumber')}
          rules={[...(decisionRequired ? [required] : []), { max: 100, message: t('validation.tooLong', { max: 100 }) }]}
        >
          <Input data-testid="action-decision-number" placeholder={t('common.decisionPlaceholder')} />
        </Form.Item>
      </Col>
    </Row>
  );
}

// A form in a dialog for one change to the register: fill in, then confirm, then apply.
// Problems the API finds with fields are shown next to those fields.

import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { applyApiErrors, type FieldProblem } from '../lib/form-errors.ts';
import { useConfirm } from './confirm.ts';

interface Props<V> {
  open: boolean;
  onClose: () => void;
  title: string;
  testId: string;
  initialValues?: Partial<V>;
  /** What the confirmation says will happen. */
  confirmText: (values: V) => ReactNode;
  submit: (values: V) => Promise<unknown>;
  okText?: string;
  /** The dialog's close button ("Hủy" unless said; say "Không hủy" where the action itself is a cancelling). */
  closeText?: string;
  /** The confirmation's buttons, when they should differ from okText / "Hủy". */
  confirmOkText?: string;
  backText?: string;
  danger?: boolean;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  width?: number;
}

export function ActionModal<V extends object>({
  open,
  onClose,
  title,
  testId,
  initialValues,
  confirmText,
  submit,
  okText,
  closeText,
  confirmOkText,
  backText,
  danger,
  children,
  width,
}: Props<V>) {
  const t = useT();
  const [form] = Form.useForm<V>();
  const confirm = useConfirm();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function onOk() {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the messages next to the fields
    }
    setUnmatched([]);
    confirm({
      title: t('common.confirmTitle'),
      content: confirmText(values),
      danger,
      okText: confirmOkText ?? okText ?? t('common.confirmApply'),
      cancelText: backText,
      onOk: async () => {
        setBusy(true);
        try {
          await submit(values);
          form.resetFields();
          onClose();
        } catch (error) {
          setUnmatched(applyApiErrors(form, error));
          throw error;
        } finally {
          setBusy(false);
        }
      },
    });
  }

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={okText ?? t('common.continue')}
      cancelText={closeText ?? t('common.cancel')}
      cancelButtonProps={{ ...({ 'data-testid': `${testId}-close` } as object) }}
      confirmLoading={busy}
      okButtonProps={{ danger, ...({ 'data-testid': `${testId}-submit` } as object) }}
      destroyOnHidden
      width={width}
      data-testid={testId}
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} preserve={false} requiredMark>
        {typeof children === 'function' ? children(form) : children}
        {unmatched.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('errors.fieldsTitle')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {unmatched.map((u) => (
                  <li key={u.path + u.message}>{u.message}</li>
                ))}
              </ul>
            }
          />
        )}
      </Form>
    </Modal>
  );
}

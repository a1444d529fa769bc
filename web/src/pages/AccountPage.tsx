// The logged-in person's own account: who they are, their roles, and a password change.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, List, Space, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api/client.ts';
import { ME_KEY, useMe } from '../auth/session.ts';
import { roleLabel } from '../components/labels.ts';
import { useT } from '../i18n/i18n.ts';
import { applyApiErrors } from '../lib/form-errors.ts';
import { showSuccess } from '../lib/notify.ts';
import { passwordRules } from '../lib/password-rules.ts';
import { safeNext } from '../lib/safe-next.ts';
import { usePhone } from '../lib/use-phone.ts';
import ApiTokensCard from './account/ApiTokensCard.tsx';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function AccountPage() {
  const t = useT();
  const phone = usePhone();
  const { data: me } = useMe();
  const [form] = Form.useForm<PasswordValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const change = useMutation({
    mutationFn: (v: PasswordValues) => api('/auth/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }),
    onSuccess: async () => {
      form.resetFields();
      showSuccess(t('account.passwordChanged'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      // Sent here by a one-time password on the way somewhere (a check-in): go on there.
      if (params.has('next')) navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => {
      applyApiErrors(form, error);
      // The one mistake here the API names without a field: point at the box to fix.
      if (error instanceof ApiError && error.problem.code === 'auth.bad_current_password')
        form.setFields([{ name: 'currentPassword', errors: [error.problem.title] }]);
    },
  });
  if (!me) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('account.title')}
      </Typography.Title>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('account.mustChange')} description={t('account.mustChangeText')} data-testid="account-must-change" />
      )}
      <Card size="small">
        <Descriptions size="small" column={phone ? 1 : 2}>
          <Descriptions.Item label={t('users.displayName')}>
            <span data-testid="account-name">{me.displayName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('users.username')}>{me.username}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('users.grants')}</Typography.Title>
        <List
          size="small"
          dataSource={me.grants}
          // antd's pale grey "empty" text is below 4.5:1; links inside a line are underlined (not colour alone).
          locale={{ emptyText: <Typography.Text type="secondary">{t('users.noGrants')}</Typography.Text> }}
          renderItem={(g) => (
            <List.Item>
              {roleLabel(t, g.role)} ·{' '}
              <Link to={`/units/${g.unitId}`} style={{ textDecoration: 'underline' }}>
                {g.unitName}
              </Link>
              {g.includeSubtree ? '' : ` (${t('users.unitOnly')})`}
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('account.changePassword')}>
        <Form<PasswordValues> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} style={{ maxWidth: 400 }}>
          <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('account.newPassword')} extra={t('validation.passwordRule')} rules={passwordRules(t)}>
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-save">
            {t('account.changePassword')}
          </Button>
        </Form>
      </Card>
      <ApiTokensCard />
    </Space>
  );
}

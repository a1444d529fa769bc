// One account: its role grants (add, remove), a password reset, and deactivation.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Empty, Form, Input, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { ROLES, type Role, type User } from '../../api/types.ts';
import { userKeys, useUser } from '../../api/users.ts';
import { useMe } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { useConfirm } from '../../components/confirm.ts';
import { roleLabel } from '../../components/labels.ts';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { applyApiErrors } from '../../lib/form-errors.ts';
import { showSuccess } from '../../lib/notify.ts';
import { passwordRules } from '../../lib/password-rules.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';

interface GrantValues {
  role: Role;
  unitId: number;
  includeSubtree: boolean;
}

export default function UserPage() {
  const t = useT();
  const id = Number(useParams().id);
  const phone = usePhone();
  const me = useMe();
  const user = useUser(id);
  const queryClient = useQueryClient();
  const confirm = useConfirm();
  const [grantForm] = Form.useForm<GrantValues>();
  const [unitName, setUnitName] = useState('');
  const [resetting, setResetting] = useState(false);
  const [linking, setLinking] = useState(false);
  const [linkUnit, setLinkUnit] = useState<number | null>(null);
  const [memberName, setMemberName] = useState('');

  const onSaved = async (updated: User) => {
    queryClient.setQueryData(userKeys.detail(updated.id), updated);
    await queryClient.invalidateQueries({ queryKey: userKeys.list });
    if (updated.id === me.data?.id) await queryClient.invalidateQueries({ queryKey: ['me'] });
  };
  const addGrant = useMutation({
    mutationFn: (v: GrantValues) => api<User>(`/users/${id}/grants`, { method: 'POST', body: v }),
    onSuccess: async (u) => {
      await onSaved(u);
      grantForm.resetFields();
      showSuccess(t('users.grantAdded'));
    },
    onError: (error) => applyApiErrors(grantForm, error),
  });
  const removeGrant = useMutation({
    mutationFn: (grantId: number) => api<User>(`/users/${id}/grants/${grantId}`, { method: 'DELETE' }),
    onSuccess: async (u) => {
      await onSaved(u);
      showSuccess(t('users.grantRemoved'));
    },
  });
  const patch = useMutation({
    mutationFn: (body: { isActive?: boolean; password?: string; memberId?: number | null }) => api<User>(`/users/${id}`, { method: 'PATCH', body }),
    onSuccess: onSaved,
  });

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (user.isPending) return <PageLoading />;
  if (user.isError) return <QueryError error={user.error} onRetry={() => void user.refetch()} />;
  const u = user.data;
  const self = u.id === me.data?.id;

  function toggleActive() {
    confirm({
      title: u.isActive ? t('users.deactivateTitle', { username: u.username }) : t('users.activateTitle', { username: u.username }),
      content: u.isActive ? t('users.deactivateText') : undefined,
      danger: u.isActive,
      onOk: async () => {
        await patch.mutateAsync({ isActive: !u.isActive });
        showSuccess(t('common.saved'));
      },
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="user-page">
      <Breadcrumb items={[{ title: <Link to="/users">{t('users.title')}</Link> }, { title: u.username }]} />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {u.displayName}
        </Typography.Title>
        <Descriptions size="small" column={phone ? 1 : 3}>
          <Descriptions.Item label={t('users.username')}>{u.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.state')}>
            {u.isActive ? (
              <Tag color="green" data-testid="user-state">
                {t('users.active')}
              </Tag>
            ) : (
              <Tag data-testid="user-state">{t('users.inactive')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('users.member')}>
            {u.memberId ? (
              <Link to={`/members/${u.memberId}`} data-testid="user-member-link">
                {t('users.viewMember')}
              </Link>
            ) : (
              <Typography.Text type="secondary" data-testid="user-member-none">
                {t('users.noMember')}
              </Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          <Button onClick={() => setResetting(true)} data-testid="user-reset-password">
            {t('users.resetPassword')}
          </Button>
          <Button onClick={() => setLinking(true)} data-testid="user-link-member">
            {u.memberId ? t('users.changeMember') : t('users.linkMember')}
          </Button>
          {u.memberId && (
            <Button
              onClick={() =>
                confirm({
                  title: t('users.unlinkTitle', { username: u.username }),
                  content: t('users.unlinkText'),
                  danger: true,
                  onOk: async () => {
                    await patch.mutateAsync({ memberId: null });
                    showSuccess(t('common.saved'));
                  },
                })
              }
              data-testid="user-unlink-member"
            >
              {t('users.unlinkMember')}
            </Button>
          )}
          {!self && (
            <Button danger={u.isActive} onClick={toggleActive} data-testid="user-deactivate">
              {u.isActive ? t('users.deactivate') : t('users.activate')}
            </Button>
          )}
        </Space>
      </Card>

      <Card size="small" title={t('users.grants')}>
        {u.grants.length === 0 ? (
          <Empty description={t('users.noGrants')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={u.grants}
            renderItem={(g) => (
              <List.Item
                data-testid="grant-row"
                actions={[
                  <Button
                    key="remove"
                    size="small"
                    danger
                    type="link"
                    data-testid="grant-remove"
                    onClick={() =>
                      confirm({
                        title: t('users.removeGrantTitle'),
                        content: t('users.removeGrantText', { role: roleLabel(t, g.role), unit: g.unitName, username: u.username }),
                        danger: true,
                        onOk: () => removeGrant.mutateAsync(g.id),
                      })
                    }
                  >
                    {t('users.removeGrant')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <>
                      {roleLabel(t, g.role)} · <Link to={`/units/${g.unitId}`}>{g.unitName}</Link>
                    </>
                  }
                  description={g.includeSubtree ? t('users.withSubtree') : t('users.unitOnly')}
                />
              </List.Item>
            )}
          />
        )}
        <Typography.Title level={5}>{t('users.addGrant')}</Typography.Title>
        <Form<GrantValues>
          form={grantForm}
          layout={phone ? 'vertical' : 'inline'}
          initialValues={{ includeSubtree: true }}
          onFinish={(v) =>
            confirm({
              title: t('users.addGrantTitle'),
              content: t('users.addGrantText', { role: roleLabel(t, v.role), unit: unitName || `#${v.unitId}`, username: u.username }),
              onOk: () => addGrant.mutateAsync(v),
            })
          }
          style={{ rowGap: 8 }}
        >
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select style={{ minWidth: 160 }} data-testid="grant-role" options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={t('users.unit')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ minWidth: phone ? undefined : 280 }}
          >
            <UnitSelect testId="grant-unit" onPick={(_, name) => setUnitName(name)} />
          </Form.Item>
          <Form.Item name="includeSubtree" label={t('users.includeSubtree')} valuePropName="checked">
            <Switch data-testid="grant-subtree" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={addGrant.isPending} data-testid="grant-add">
              {t('users.addGrant')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      <ActionModal<{ unitId: number; memberId: number }>
        open={linking}
        onClose={() => setLinking(false)}
        title={t('users.linkMemberTitle', { username: u.username })}
        testId="user-link-form"
        confirmText={() => t('users.linkMemberConfirm', { username: u.username, name: memberName })}
        submit={async (v) => {
          await patch.mutateAsync({ memberId: v.memberId });
          showSuccess(t('common.saved'));
        }}
      >
        <Form.Item name="unitId" label={t('users.memberCell')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitSelect testId="user-link-unit" onChange={(v) => setLinkUnit(v ?? null)} />
        </Form.Item>
        {linkUnit && (
          <Form.Item name="memberId" label={t('users.member')} rules={[{ required: true, message: t('validation.required') }]}>
            <MemberSelect unitId={linkUnit} testId="user-link-member-select" onChange={(_, name) => setMemberName(name ?? '')} />
          </Form.Item>
        )}
      </ActionModal>

      <ActionModal<{ password: string; confirm: string }>
        open={resetting}
        onClose={() => setResetting(false)}
        title={t('users.resetPasswordTitle', { username: u.username })}
        testId="user-reset-form"
        confirmText={() => t('users.resetPasswordConfirm', { username: u.username })}
        submit={async (v) => {
          await patch.mutateAsync({ password: v.password });
          showSuccess(t('users.passwordReset'));
        }}
      >
        <Form.Item name="password" label={t('users.newPassword')} extra={t('validation.passwordRule')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-new-password-confirm" />
        </Form.Item>
      </ActionModal>
    </Space>
  );
}

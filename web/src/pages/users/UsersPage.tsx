// Accounts (admins only): who can log in, and on which units they hold which role.

import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { userKeys, useUsers } from '../../api/users.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { roleLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { openRow } from '../../lib/open-row.ts';
import { passwordRules } from '../../lib/password-rules.ts';
import { usePhone } from '../../lib/use-phone.ts';

interface NewUser {
  username: string;
  displayName: string;
  password: string;
}

export default function UsersPage() {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (v: NewUser) =>
      api<User>('/users', { method: 'POST', body: { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password } }),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      showSuccess(t('users.created', { username: user.username }));
      navigate(`/users/${user.id}`);
    },
  });

  const grants = (u: User) =>
    u.grants.map((g) => (
      // A role with its scope is a sentence on a phone: it wraps instead of running off the screen.
      <Tag key={g.id} style={{ marginBottom: 4, whiteSpace: 'normal', maxWidth: '100%' }}>
        {roleLabel(t, g.role)} · {g.unitName}
        {g.includeSubtree ? '' : ` (${t('users.unitOnly')})`}
      </Tag>
    ));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/users/cell-accounts">
            <Button icon={<TeamOutlined />} data-testid="cell-accounts-link">
              {t('users.cellAccounts.title')}
            </Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        </Space>
      </div>
      <Card size="small">
        {users.isPending ? (
          <PageLoading />
        ) : users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : phone ? (
          <List
            dataSource={users.data.items}
            locale={{ emptyText: <Empty /> }}
            renderItem={(u) => (
              <List.Item data-testid="user-row" onClick={openRow(navigate, `/users/${u.id}`)} style={{ cursor: 'pointer' }}>
                <List.Item.Meta
                  title={
                    <>
                      <Link to={`/users/${u.id}`}>{u.displayName}</Link> {!u.isActive && <Tag>{t('users.inactive')}</Tag>}
                    </>
                  }
                  description={
                    <>
                      <div>{u.username}</div>
                      {grants(u)}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            dataSource={users.data.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(u) => ({ 'data-testid': 'user-row', 'data-user-id': u.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('users.username'),
                key: 'username',
                render: (_, u) => (
                  <Link to={`/users/${u.id}`} data-testid="user-link">
                    {u.username}
                  </Link>
                ),
              },
              { title: t('users.displayName'), dataIndex: 'displayName' },
              { title: t('users.grants'), key: 'grants', render: (_, u) => grants(u) },
              {
                title: t('users.state'),
                key: 'active',
                width: 130,
                render: (_, u) => (u.isActive ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
              },
            ]}
          />
        )}
      </Card>
      <ActionModal<NewUser>
        open={creating}
        onClose={() => setCreating(false)}
        title={t('users.create')}
        testId="user-create-form"
        confirmText={(v) => t('users.confirmCreate', { username: v.username, name: v.displayName })}
        submit={(v) => create.mutateAsync(v)}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[a-zA-Z0-9._-]{3,50}$/, message: t('users.usernameHint') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('validation.required') }, { max: 200 }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('users.initialPassword')} extra={t('validation.passwordRule')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </ActionModal>
    </Space>
  );
}

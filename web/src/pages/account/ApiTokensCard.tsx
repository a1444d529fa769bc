// API tokens for scripts: a token is shown once, when it is made; afterwards only its
// name, when it was last used and when it expires (90 days at most). Revoking asks first.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDateTime } from '../../lib/dates.ts';
import { showError, showSuccess } from '../../lib/notify.ts';

interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
}
interface NewToken {
  name: string;
  expiresInDays: number;
}

const LIFETIMES = [7, 30, 90];

export default function ApiTokensCard() {
  const t = useT();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewToken>();
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => api<{ items: ApiToken[] }>('/me/tokens') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] });
  const create = useMutation({
    mutationFn: (body: NewToken) => api<ApiToken & { token: string }>('/me/tokens', { method: 'POST', body }),
    onSuccess: (made) => {
      setSecret(made.token);
      form.resetFields();
      void refresh();
    },
    onError: showError,
  });
  const revoke = (token: ApiToken) =>
    confirm({
      title: t('account.tokens.revokeConfirm', { name: token.name }),
      danger: true,
      onOk: async () => {
        try {
          await api(`/me/tokens/${token.id}`, { method: 'DELETE' });
          showSuccess(t('account.tokens.revoked'));
          await refresh();
        } catch (error) {
          showError(error);
          throw error;
        }
      },
    });
  return (
    <Card size="small" title={t('account.tokens.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('account.tokens.help')}</Typography.Text>
        {secret && (
          <Alert
            type="warning"
            showIcon
            closable
            onClose={() => setSecret(null)}
            title={t('account.tokens.showOnce')}
            description={
              <Typography.Text code copyable data-testid="token-secret">
                {secret}
              </Typography.Text>
            }
          />
        )}
        <Form form={form} layout="inline" initialValues={{ expiresInDays: 90 }} onFinish={(v) => create.mutate(v)} style={{ rowGap: 8 }}>
          <Form.Item name="name" rules={[{ required: true, message: t('validation.required') }, { max: 100 }]}>
            <Input placeholder={t('account.tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('account.tokens.lifetime')}>
            <Select
              style={{ width: 110 }}
              data-testid="token-lifetime"
              options={LIFETIMES.map((days) => ({ value: days, label: t('account.tokens.days', { days }) }))}
            />
          </Form.Item>
          <Button htmlType="submit" loading={create.isPending} data-testid="token-create">
            {t('account.tokens.create')}
          </Button>
        </Form>
        <List
          size="small"
          loading={tokens.isLoading}
          dataSource={tokens.data?.items ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('account.tokens.none')}</Typography.Text> }}
          renderItem={(token) => (
            <List.Item
              data-testid="token-row"
              actions={[
                <Button key="revoke" size="small" danger onClick={() => revoke(token)}>
                  {t('account.tokens.revoke')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <>
                    {token.name} {new Date(token.expiresAt) <= new Date() && <Tag>{t('account.tokens.expired')}</Tag>}
                  </>
                }
                description={t('account.tokens.used', {
                  created: showDateTime(token.createdAt),
                  used: token.lastUsedAt ? showDateTime(token.lastUsedAt) : t('account.tokens.never'),
                  expires: showDateTime(token.expiresAt),
                })}
              />
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}

// API tokens for scripts: a token is shown once, when it is made; afterwards only its
// name and when it was last used. Revoking asks first.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDateTime } from '../../lib/dates.ts';
import { showError, showSuccess } from '../../lib/notify.ts';

interface ApiToken { id: number; name: string; createdAt: string; lastUsedAt: string | null }

export default function ApiTokensCard() {
  const t = useT();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => api<{ items: ApiToken[] }>('/me/tokens') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] });
  const create = useMutation({
    mutationFn: (name: string) => api<ApiToken & { token: string }>('/me/tokens', { method: 'POST', body: { name } }),
    onSuccess: (made) => { setSecret(made.token); form.resetFields(); void refresh(); },
    onError: showError,
  });
  const revoke = (token: ApiToken) => confirm({
    title: t('account.tokens.revokeConfirm', { name: token.name }),
    danger: true,
    onOk: async () => {
      try {
        await api(`/me/tokens/${token.id}`, { method: 'DELETE' });
        showSuccess(t('account.tokens.revoked'));
        await refresh();
      } catch (error) { showError(error); throw error; }
    },
  });
  return (
    <Card size="small" title={t('account.tokens.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('account.tokens.help')}</Typography.Text>
        {secret && (
          <Alert type="warning" showIcon closable onClose={() => setSecret(null)} title={t('account.tokens.showOnce')}
            description={<Typography.Text code copyable data-testid="token-secret">{secret}</Typography.Text>} />
        )}
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v.name)}>
          <Form.Item name="name" rules={[{ required: true, message: t('validation.required') }, { max: 100 }]}>
            <Input placeholder={t('account.tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
          <Button htmlType="submit" loading={create.isPending} data-testid="token-create">{t('account.tokens.create')}</Button>
        </Form>
        <List
          size="small" loading={tokens.isLoading} dataSource={tokens.data?.items ?? []} locale={{ emptyText: t('account.tokens.none') }}
          renderItem={(token) => (
            <List.Item data-testid="token-row" actions={[<Button key="revoke" size="small" danger onClick={() => revoke(token)}>{t('account.tokens.revoke')}</Button>]}>
              <List.Item.Meta title={token.name} description={t('account.tokens.used', {
                created: showDateTime(token.createdAt),
                used: token.lastUsedAt ? showDateTime(token.lastUsedAt) : t('account.tokens.never'),
              })} />
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}

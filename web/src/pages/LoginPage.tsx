import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { fetchMe, ME_KEY, useMe } from '../auth/session.ts';
import { useT } from '../i18n/i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { errorText } from '../lib/notify.ts';
import { safeNext } from '../lib/safe-next.ts';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  async function submit(values: LoginValues) {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/login', { method: 'POST', body: { username: values.username.trim(), password: values.password } });
      queryClient.setQueryData(ME_KEY, await fetchMe());
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #b71c1c 0%, #7f0000 45%, #f5f5f5 45%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start', marginBottom: 8 }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          <LangSwitch />
        </div>
        <Form<LoginValues> layout="vertical" onFinish={submit} requiredMark={false} style={{ marginTop: 16 }}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoComplete="username" autoCapitalize="none" autoFocus size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          {next.startsWith('/check-in') && !error && (
            <Alert type="info" showIcon title={t('meetings.checkInPage.loginFirst')} style={{ marginBottom: 16 }} data-testid="login-to-check-in" />
          )}
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

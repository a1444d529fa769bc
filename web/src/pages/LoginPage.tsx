import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, theme } from 'antd';
// The two inputs on their own: antd's Input also carries TextArea, Search and OTP.
import InputModule from 'antd/es/input/Input.js';
import PasswordModule from 'antd/es/input/Password.js';
import { type ReactNode, useId, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { fetchMe, ME_KEY, useMe } from '../auth/session.ts';
import { useT } from '../i18n/i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { loadFrame } from '../layout/load-frame.ts';
import { esmDefault } from '../lib/esm-default.ts';
import { preloadPageOf } from '../lib/lazy-page.ts';
import { errorText } from '../lib/notify.ts';
import { safeNext } from '../lib/safe-next.ts';

const Input = esmDefault(InputModule);
const Password = esmDefault(PasswordModule);

interface LoginValues {
  username: string;
  password: string;
}

// The first page a phone downloads, so it is kept light: a card, headings and a form of plain
// HTML in antd's colours. antd's Card (which brings Tabs and Menu), Typography and Form
// (Tooltip, validators) wait for the pages after login.
export function LoginPage() {
  const t = useT();
  const { token } = theme.useToken();
  const [values, setValues] = useState<LoginValues>({ username: '', password: '' });
  const [missing, setMissing] = useState<Partial<Record<keyof LoginValues, boolean>>>({});
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefetched = useRef(false);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const edit = (field: keyof LoginValues) => (e: { target: { value: string } }) => {
    // While the person types, fetch the frame and the page they will land on: after "Đăng
    // nhập" they open at once. Not before typing: the login page itself comes first.
    if (!prefetched.current) {
      prefetched.current = true;
      void loadFrame();
      preloadPageOf(next);
    }
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setMissing((m) => ({ ...m, [field]: e.target.value === '' }));
  };

  /** What both inputs take: their value, the refusal, and the test id login-username / login-password. */
  const bind = (field: keyof LoginValues, id: string, describedBy?: string) => ({
    id,
    value: values[field],
    onChange: edit(field),
    status: missing[field] ? ('error' as const) : undefined,
    'aria-invalid': missing[field] || undefined,
    'aria-describedby': describedBy,
    size: 'large' as const,
    'data-testid': `login-${field}`,
  });

  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    const empty = { username: values.username.trim() === '', password: values.password === '' };
    setMissing(empty);
    if (empty.username || empty.password) return;
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
      <main
        style={{
          width: '100%',
          maxWidth: 380,
          boxSizing: 'border-box',
          padding: token.paddingLG,
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowTertiary,
          // What antd's App would give the text (the pages after login stand in it).
          fontFamily: token.fontFamily,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          color: token.colorText,
        }}
      >
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start', marginBottom: 8 }}>
          <div>
            <h1 style={{ margin: 0, fontSize: token.fontSizeHeading3, lineHeight: token.lineHeightHeading3, fontWeight: 600, color: token.colorTextHeading }}>
              {t('app.name')}
            </h1>
            <p style={{ margin: 0, color: token.colorTextDescription }}>{t('app.tagline')}</p>
          </div>
          <LangSwitch />
        </div>
        <form onSubmit={(e) => void submit(e)} noValidate style={{ marginTop: 16 }}>
          <Field label={t('auth.username')} error={missing.username ? t('validation.required') : undefined}>
            {(id, describedBy) => <Input {...bind('username', id, describedBy)} autoComplete="username" autoCapitalize="none" autoFocus />}
          </Field>
          <Field label={t('auth.password')} error={missing.password ? t('validation.required') : undefined}>
            {(id, describedBy) => <Password {...bind('password', id, describedBy)} autoComplete="current-password" />}
          </Field>
          {next.startsWith('/check-in') && !error && (
            <Alert type="info" showIcon title={t('meetings.checkInPage.loginFirst')} style={{ marginBottom: 16 }} data-testid="login-to-check-in" />
          )}
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </form>
      </main>
    </div>
  );
}

/** A label above its input and, when the input is refused, why below it (as antd's Form.Item shows it). */
function Field({ label, error, children }: { label: string; error?: string; children: (id: string, describedBy?: string) => ReactNode }) {
  const { token } = theme.useToken();
  const id = useId();
  return (
    <div style={{ marginBottom: token.marginLG }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: token.paddingXS, color: token.colorTextHeading }}>
        {label}
      </label>
      {children(id, error ? `${id}-error` : undefined)}
      {error && (
        <div id={`${id}-error`} role="alert" style={{ color: token.colorError, marginTop: token.marginXXS }}>
          {error}
        </div>
      )}
    </div>
  );
}

// What a page shows while its data loads, and when loading failed: never a blank screen.
import { Button, Spin } from 'antd';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { errorText } from '../lib/notify.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { Result } from './Result.tsx';

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage message={error.problem.title} />;
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={errorText(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry} data-testid="retry">
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

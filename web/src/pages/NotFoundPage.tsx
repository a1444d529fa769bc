import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { Result } from '../components/Result.tsx';
import { useT } from '../i18n/i18n.ts';

export function NotFoundPage({ message }: { message?: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={message ?? t('notFound.text')}
      extra={
        <Link to="/">
          <Button type="primary" data-testid="not-found-home">
            {t('notFound.home')}
          </Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}

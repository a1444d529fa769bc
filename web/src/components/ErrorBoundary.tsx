// If a page fails while drawing, show what happened and a way out instead of a blank screen.

import { Button } from 'antd';
import { Component, type ReactNode, useEffect } from 'react';
import { useRouteError } from 'react-router-dom';
import { t } from '../i18n/i18n.ts';
import { Result } from './Result.tsx';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.error(error);
  }

  render() {
    return this.state.failed ? <FailedPage /> : this.props.children;
  }
}

/** What a failure shows: what happened, and a reload. */
function FailedPage() {
  return (
    <Result
      status="error"
      title={t('errors.pageFailed')}
      subTitle={t('errors.unexpected')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()} data-testid="reload">
          {t('common.reload')}
        </Button>
      }
    />
  );
}

/** The same, for a failure the router catches (the frame, the sign-in check, a page's code not downloaded): the router's own page is English. */
export function RouteFailed() {
  const error = useRouteError();
  useEffect(() => console.error(error), [error]);
  return <FailedPage />;
}

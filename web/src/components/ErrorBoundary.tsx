// If a page fails while drawing, show what happened and a way out instead of a blank screen.

import { Button } from 'antd';
import { Component, type ReactNode } from 'react';
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
    if (!this.state.failed) return this.props.children;
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
}

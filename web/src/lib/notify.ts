// Messages, from pages and from outside React (the query cache's error handler), through
// antd's message API, loaded on the first one (feedback.ts).
import { ApiError, NETWORK_ERROR_CODE } from '../api/client.ts';
import { t } from '../i18n/i18n.ts';
import { withFeedback } from './feedback.ts';

/** The text a person should see for a failure: the server's translated title, or ours. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problem.code === NETWORK_ERROR_CODE || !error.problem.title) return error.status >= 500 ? t('errors.server') : t('errors.network');
    return error.problem.detail && !error.problem.errors ? `${error.problem.title} ${error.problem.detail}` : error.problem.title;
  }
  return t('errors.unexpected');
}

export function showError(error: unknown) {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  const content = errorText(error);
  withFeedback(({ message }) => message.error({ content, duration: 6 }));
}

export function showSuccess(text: string) {
  withFeedback(({ message }) => message.success(text));
}

export function showWarning(text: string) {
  withFeedback(({ message }) => message.warning({ content: text, duration: 6 }));
}

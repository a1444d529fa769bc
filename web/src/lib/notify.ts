// Messages from outside React (the query cache's error handler) go through antd's App
// context, which a small bridge component hands over here once mounted.
import type { App } from 'antd';
import { ApiError, NETWORK_ERROR_CODE } from '../api/client.ts';
import { t } from '../i18n/i18n.ts';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

let messageApi: MessageInstance | null = null;
export function setMessageApi(api: MessageInstance) {
  messageApi = api;
}

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
  messageApi?.error({ content: errorText(error), duration: 6 });
}

export function showSuccess(text: string) {
  messageApi?.success(text);
}

// Every change that touches the register asks before it is applied.

import { App } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';

export interface ConfirmOptions {
  title: ReactNode;
  content?: ReactNode;
  okText?: string;
  danger?: boolean;
  onOk: () => Promise<unknown> | undefined;
}

export function useConfirm(): (options: ConfirmOptions) => void {
  const { modal } = App.useApp();
  const t = useT();
  return ({ title, content, okText, danger, onOk }) => {
    modal.confirm({
      title,
      content,
      okText: okText ?? t('common.confirmApply'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger, ...({ 'data-testid': 'confirm-ok' } as object) },
      cancelButtonProps: { ...({ 'data-testid': 'confirm-cancel' } as object) },
      // A failure is reported by the caller (message, field errors); the dialog just closes.
      onOk: async () => {
        try {
          await onOk();
        } catch {
          /* reported elsewhere */
        }
      },
    });
  };
}

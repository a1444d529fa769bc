// Every change that touches the register asks before it is applied.

import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';
import { withFeedback } from '../lib/feedback.ts';

export interface ConfirmOptions {
  title: ReactNode;
  content?: ReactNode;
  okText?: string;
  /** The button that leaves things as they are ("Hủy" unless said). */
  cancelText?: string;
  danger?: boolean;
  onOk: () => Promise<unknown> | undefined;
  /** When the dialog is closed without going ahead. */
  onCancel?: () => void;
}

export function useConfirm(): (options: ConfirmOptions) => void {
  const t = useT();
  return ({ title, content, okText, cancelText, danger, onOk, onCancel }) => {
    withFeedback(({ modal }) =>
      modal.confirm({
        title,
        content,
        okText: okText ?? t('common.confirmApply'),
        cancelText: cancelText ?? t('common.cancel'),
        okButtonProps: { danger, ...({ 'data-testid': 'confirm-ok' } as object) },
        cancelButtonProps: { ...({ 'data-testid': 'confirm-cancel' } as object) },
        onCancel,
        // A failure is reported by the caller (message, field errors); the dialog just closes.
        onOk: async () => {
          try {
            await onOk();
          } catch {
            /* reported elsewhere */
          }
        },
      }),
    );
  };
}

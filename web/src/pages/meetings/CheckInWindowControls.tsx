// The secretary's hold on the check-in window: open it early, extend it by 15 minutes,
// close it, or put it back as the rule set says. The server answers with the new window
// and its state, which every view then shows as is.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { type CheckInWindow, meetingKeys } from './meetings-api.ts';

const TAP = { minHeight: 44 };

type Change = { action: 'open' } | { action: 'extend'; minutes: number } | { action: 'close' } | { action: 'reset' };

export function CheckInWindowControls({ meetingId, window: w }: { meetingId: number; window: CheckInWindow }) {
  const t = useT();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (body: Change) => api<CheckInWindow>(`/meetings/${meetingId}/check-in-window`, { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meetingKeys.code(meetingId) }),
        queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) }),
      ]);
      showSuccess(t('meetings.checkIn.changed'));
    },
  });
  const busy = change.isPending;
  return (
    <div data-testid="check-in-window-controls">
      <Space wrap>
        {w.state !== 'open' && (
          <Button type="primary" size="large" style={TAP} loading={busy} onClick={() => change.mutate({ action: 'open' })} data-testid="check-in-open-now">
            {t('meetings.checkIn.openNow')}
          </Button>
        )}
        {w.state === 'open' && (
          <Button size="large" style={TAP} loading={busy} onClick={() => change.mutate({ action: 'extend', minutes: 15 })} data-testid="check-in-extend">
            {t('meetings.checkIn.extend')}
          </Button>
        )}
        {w.state === 'open' && (
          <Button
            size="large"
            style={TAP}
            loading={busy}
            onClick={() => confirm({ title: t('meetings.checkIn.closeConfirm'), onOk: () => change.mutateAsync({ action: 'close' }) })}
            data-testid="check-in-close"
          >
            {t('meetings.checkIn.closeNow')}
          </Button>
        )}
        {w.adjusted && (
          <Button size="large" type="link" style={TAP} loading={busy} onClick={() => change.mutate({ action: 'reset' })} data-testid="check-in-reset">
            {t('meetings.checkIn.reset')}
          </Button>
        )}
      </Space>
      {w.adjusted && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('meetings.checkIn.adjusted')}
        </Typography.Paragraph>
      )}
    </div>
  );
}

// The HD 12 conditions of a meeting "of quality", one line each: ✓ met, ✗ not met, ? not
// known yet, with the reason under it. The two conditions the secretary records by hand
// are recorded right on their line: the committee's pre-meeting (plan it, or open it to
// write the content and the draft resolution) and whether the previous resolution was
// carried out. Lines wrap and buttons are large, for a phone.

import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleTwoTone } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { type Meeting, meetingKeys, type Quality } from './meetings-api.ts';

type Line = Quality['checklist'][number];
/** Tap targets of at least 44 px, and long labels wrap instead of widening the page. */
const TAP = { minHeight: 44, height: 'auto', whiteSpace: 'normal' } as const;

const ICONS = {
  met: <CheckCircleTwoTone twoToneColor="#389e0d" style={{ fontSize: 22 }} />,
  not_met: <CloseCircleTwoTone twoToneColor="#cf1322" style={{ fontSize: 22 }} />,
  unknown: <QuestionCircleTwoTone twoToneColor="#8c8c8c" style={{ fontSize: 22 }} />,
} as const;

export function QualityChecklist({ meeting: m, quality: q, editable }: { meeting: Meeting; quality: Quality; editable: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (done: boolean) => api<Quality>(`/meetings/${m.id}/previous-resolution`, { method: 'PUT', body: { done } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(meetingKeys.quality(m.id), saved);
      showSuccess(t('common.saved'));
    },
  });
  const preMeeting = m.preMeetingIds[0];
  // A committee meeting has no HD 12 checklist of its own.
  if (q.checklist.length === 0) return null;

  const action = (c: Line) => {
    if (!editable) return null;
    if ((c.key === 'committee_met' || c.key === 'content_prepared') && c.state !== 'met') {
      return preMeeting ? (
        <Button size="large" style={TAP} onClick={() => navigate(`/meetings/${preMeeting}`)} data-testid="checklist-open-pre">
          {t('meetings.checklist.openPre')}
        </Button>
      ) : c.key === 'committee_met' ? (
        <Button
          size="large"
          style={TAP}
          type="primary"
          onClick={() => navigate(`/meetings/new?unitId=${m.unitId}&kind=committee&prepares=${m.id}`)}
          data-testid="checklist-plan-pre"
        >
          {t('meetings.checklist.planPre')}
        </Button>
      ) : null;
    }
    if (c.key === 'previous_resolution_done') {
      const done = q.facts.previousResolutionDone;
      return (
        <Space wrap>
          <Button
            size="large"
            style={TAP}
            type={done === true ? 'primary' : 'default'}
            loading={record.isPending && record.variables === true}
            onClick={() => record.mutate(true)}
            data-testid="checklist-previous-done"
            aria-pressed={done === true}
          >
            {t('meetings.checklist.previousDone')}
          </Button>
          <Button
            size="large"
            style={TAP}
            type={done === false ? 'primary' : 'default'}
            loading={record.isPending && record.variables === false}
            onClick={() => record.mutate(false)}
            data-testid="checklist-previous-not-done"
            aria-pressed={done === false}
          >
            {t('meetings.checklist.previousNotDone')}
          </Button>
        </Space>
      );
    }
    return null;
  };

  return (
    <Card size="small" title={t('meetings.checklist.title')} styles={{ body: { padding: 0 } }} data-testid="quality-checklist">
      <List
        dataSource={q.checklist}
        renderItem={(c) => (
          <List.Item data-testid="checklist-line" data-key={c.key} data-state={c.state} style={{ display: 'block', padding: '10px 12px' }}>
            <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
              <span role="img" aria-label={t(`meetings.checklist.state.${c.state}`)}>
                {ICONS[c.state]}
              </span>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {c.label}
                </Typography.Text>
                <div>
                  <Typography.Text style={{ fontSize: 16 }} data-testid="checklist-why">
                    {c.why}
                  </Typography.Text>
                </div>
                {action(c) && <div style={{ marginTop: 8 }}>{action(c)}</div>}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

// The meeting's quality grade against the scale in force: the HD 12 conditions of a meeting
// "of quality" as a checklist (each met or not, and why; the committee's pre-meeting and
// the previous resolution can be recorded from here); the criteria the data answers are
// shown met or not; the chair ticks the rest; points and band follow live. A condition
// missing keeps the grade below the top band, and the tab says which. Locked with the minutes.

import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, List, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { GRADE_COLORS, gradeLabel, vnDateTime } from './meeting-labels.ts';
import { type Meeting, meetingKeys, type Quality, useQuality } from './meetings-api.ts';
import { QualityChecklist } from './QualityChecklist.tsx';

export function QualityTab({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const queryClient = useQueryClient();
  const quality = useQuality(meeting.id);
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (quality.data) setTicks(quality.data.ticks);
  }, [quality.data]);
  const save = useMutation({
    mutationFn: () => api<Quality>(`/meetings/${meeting.id}/quality`, { method: 'PUT', body: { ticks } }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(meetingKeys.quality(meeting.id), saved);
      await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
      await queryClient.invalidateQueries({ queryKey: ['meetings', 'list'] });
      showSuccess(t('meetings.quality.saved', { grade: saved.gradeLabel }));
    },
  });

  // Points as ticked on the screen, before saving; the server computes the grade it stores.
  const preview = useMemo(() => {
    const q = quality.data;
    if (!q) return null;
    const earned = q.criteria.reduce((sum, c) => sum + (c.auto ? c.earned : ticks[c.key] ? c.points : 0), 0);
    const met = new Set(q.criteria.filter((c) => (c.auto ? c.met : ticks[c.key])).map((c) => c.key));
    const bands = [...q.scale.bands].sort((a, b) => b.minPoints - a.minPoints);
    const reached = (b: (typeof bands)[number]) => earned >= b.minPoints && b.requires.every((k) => met.has(k));
    // As the server does: a missing HD 12 condition keeps the meeting out of the top band.
    const capped = q.checklist.some((c) => c.state !== 'met');
    const band = bands.find((b) => reached(b) && !(capped && b.minPoints === bands[0]!.minPoints));
    return { earned, grade: band?.grade ?? ('kem' as const) };
  }, [quality.data, ticks]);

  if (quality.isPending) return <PageLoading />;
  if (quality.isError) return <QueryError error={quality.error} onRetry={() => void quality.refetch()} />;
  const q = quality.data;
  const started = Date.now() >= Date.parse(meeting.startsAt);
  const editable = meeting.canManage && !q.locked && started;
  const points = q.locked || !preview ? q.points : preview.earned;
  const grade = q.locked || !preview ? q.grade : preview.grade;
  const dirty = JSON.stringify(ticks) !== JSON.stringify(q.ticks);
  const unmet = q.checklist.filter((c) => c.state !== 'met');
  // Before the first save the band is only a preview: a neutral tag, so an empty form
  // does not greet the secretary with a red "Kém".
  const previewOnly = !q.locked && !q.saved;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="quality-tab">
      <Card size="small">
        <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
          <Progress
            type="circle"
            size={84}
            percent={q.maxPoints ? Math.round((points / q.maxPoints) * 100) : 0}
            format={() => `${points}/${q.maxPoints}`}
            aria-label={t('meetings.quality.points', { points, max: q.maxPoints })}
          />
          <div>
            <Tag
              color={previewOnly ? 'default' : GRADE_COLORS[grade]}
              style={{ fontSize: 16, padding: '4px 10px' }}
              data-testid="quality-grade"
              data-grade={grade}
              data-preview={previewOnly}
            >
              {previewOnly ? t('meetings.quality.notGraded') : gradeLabel(t, grade)}
            </Tag>
            <div>
              <Typography.Text data-testid="quality-points">
                {previewOnly
                  ? t('meetings.quality.previewPoints', { points, max: q.maxPoints, grade: gradeLabel(t, grade) })
                  : t('meetings.quality.points', { points, max: q.maxPoints })}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary">
              {q.scale.title} · {q.scale.source}
            </Typography.Text>
            {q.saved && q.gradedAt && (
              <div>
                <Typography.Text type="secondary">{t('meetings.quality.gradedAt', { at: vnDateTime(q.gradedAt) })}</Typography.Text>
              </div>
            )}
          </div>
        </div>
        {unmet.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="quality-capped"
            title={t('meetings.checklist.capped', { list: unmet.map((c) => c.label).join('; ') })}
          />
        )}
        {q.locked && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('meetings.quality.locked')} />}
        {!started && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('meetings.quality.notStarted')} />}
      </Card>

      <QualityChecklist meeting={meeting} quality={q} editable={meeting.canManage && !q.locked} />

      <Card size="small" title={t('meetings.quality.criteria')} styles={{ body: { padding: 0 } }}>
        <List
          dataSource={q.criteria}
          renderItem={(c) => {
            const met = c.auto ? c.met : Boolean(ticks[c.key]);
            return (
              <List.Item
                data-testid="quality-criterion"
                data-key={c.key}
                data-auto={c.auto}
                data-met={met}
                style={{ padding: '8px 12px' }}
                extra={
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                    {t('meetings.quality.criterionPoints', { points: c.points })}
                  </Typography.Text>
                }
              >
                {c.auto ? (
                  <Space align="start">
                    {met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
                    <span>
                      {c.label} <Tag style={{ marginLeft: 4 }}>{t('meetings.quality.auto')}</Tag>
                    </span>
                  </Space>
                ) : (
                  <Checkbox
                    checked={met}
                    disabled={!editable}
                    onChange={(e) => setTicks((old) => ({ ...old, [c.key]: e.target.checked }))}
                    data-testid="quality-tick"
                  >
                    {c.label}
                  </Checkbox>
                )}
              </List.Item>
            );
          }}
        />
      </Card>

      {q.scale.notes && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {q.scale.notes}
        </Typography.Paragraph>
      )}

      {editable && (
        <Space>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty && q.saved} data-testid="quality-save">
            {t('meetings.quality.save')}
          </Button>
        </Space>
      )}
    </Space>
  );
}

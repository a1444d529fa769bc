// A member's status as tags. Given the full-membership date, membership (chính thức / dự bị)
// and an exemption or suspension of activities show as two tags (an exempted member is
// still chính thức: src/domain/member-standing.ts); without it (a row of the status
// history) the one recorded status shows.
import { Space, Tag } from 'antd';
import { memberStanding } from '../../../src/domain/member-standing.ts';
import type { MemberStatus } from '../api/types.ts';
import { useT } from '../i18n/i18n.ts';
import { todayIso } from '../lib/dates.ts';
import { STATUS_COLORS, statusLabel } from './labels.ts';

export function StatusTag({ status, fullMemberOn }: { status: MemberStatus; fullMemberOn?: string | null }) {
  const t = useT();
  const tag = (s: MemberStatus, testId: string) => (
    <Tag color={STATUS_COLORS[s]} data-testid={testId} data-status={s} style={{ marginInlineEnd: 0 }}>
      {statusLabel(t, s)}
    </Tag>
  );
  if (fullMemberOn === undefined) return tag(status, 'member-status');
  const standing = memberStanding(status, fullMemberOn, todayIso());
  if (standing.left) return tag(standing.left, 'member-status');
  return (
    <Space size={4} wrap data-testid="member-standing">
      {standing.membership && tag(standing.membership, 'member-status')}
      {standing.activity && tag(standing.activity, 'member-activity')}
    </Space>
  );
}

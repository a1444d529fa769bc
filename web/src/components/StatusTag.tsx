import { Tag } from 'antd';
import type { MemberStatus } from '../api/types.ts';
import { useT } from '../i18n/i18n.ts';
import { STATUS_COLORS, statusLabel } from './labels.ts';

export function StatusTag({ status }: { status: MemberStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="member-status" data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}

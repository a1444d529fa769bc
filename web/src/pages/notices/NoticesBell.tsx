// The bell in the header: the member's unread notices, refreshed every minute.

import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/session.ts';
import { useT } from '../../i18n/i18n.ts';
import { useNotices } from '../meetings/meetings-api.ts';

export function NoticesBell() {
  const t = useT();
  const { data: me } = useMe();
  const notices = useNotices(Boolean(me?.memberId));
  if (!me?.memberId) return null;
  const unread = notices.data?.unread ?? 0;
  return (
    <Link to="/notices" aria-label={t('meetings.notices.unread', { count: unread })} data-testid="notices-bell">
      <Badge count={unread} size="small" offset={[-4, 4]} data-testid="notices-unread" data-count={unread}>
        <Button type="text" icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} tabIndex={-1} />
      </Badge>
    </Link>
  );
}

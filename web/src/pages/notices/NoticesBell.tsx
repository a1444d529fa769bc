// The bell in the header: the member's unread notices, refreshed every minute. The count is
// a plain bubble (antd's Badge animates its digits with code no page needs first).

import { BellOutlined } from '@ant-design/icons';
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
    <Link
      to="/notices"
      aria-label={t('meetings.notices.unread', { count: unread })}
      data-testid="notices-bell"
      style={{ position: 'relative', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', minWidth: 44, minHeight: 44 }}
    >
      <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      <span
        data-testid="notices-unread"
        data-count={unread}
        aria-hidden
        hidden={unread === 0}
        style={{
          position: 'absolute',
          top: 4,
          right: 0,
          minWidth: 18,
          height: 18,
          padding: '0 5px',
          borderRadius: 9,
          background: '#fff',
          color: '#8e1414',
          fontSize: 12,
          fontWeight: 700,
          lineHeight: '18px',
          textAlign: 'center',
        }}
      >
        {unread > 99 ? '99+' : unread}
      </span>
    </Link>
  );
}

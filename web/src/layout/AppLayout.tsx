// The frame of every page after login: a header with the sections, the language switch
// and who is logged in; on a phone the sections move into a drawer. Plain elements styled
// with antd's tokens: antd's Layout, Menu and Dropdown would add some 40 KB (gzipped) to the
// first load of every page, a second and more on a slow phone line (issue 8 item 21).

import { MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, theme } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { ME_KEY, useMe } from '../auth/session.ts';
import { useT } from '../i18n/i18n.ts';
import { showError } from '../lib/notify.ts';
import { usePhone } from '../lib/use-phone.ts';
import { NoticesBell } from '../pages/notices/NoticesBell.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { NavList } from './NavList.tsx';
import { currentSection, navSections } from './nav-sections.ts';
import { UserMenu } from './UserMenu.tsx';

const NavDrawer = lazy(() => import('./NavDrawer.tsx'));

export function AppLayout() {
  const t = useT();
  const { token } = theme.useToken();
  const { data: me } = useMe();
  const phone = usePhone();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The drawer's code is asked for on the first tap, then it stays mounted (it animates).
  const [drawer, setDrawer] = useState<'never' | 'open' | 'closed'>('never');

  const sections = navSections(me, t);
  const current = currentSection(sections, location.pathname);

  async function logout() {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (error) {
      showError(error);
    }
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    navigate('/login', { replace: true });
  }

  return (
    <div style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          minHeight: 56,
          padding: phone ? '0 12px' : '0 24px',
          background: '#8e1414',
          position: 'sticky',
          top: 0,
          // Above a table's pinned columns (antd gives them z-index 10), below dialogs and drawers (1000).
          zIndex: 100,
        }}
      >
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setDrawer('open')}
            aria-label={t('nav.menu')}
            aria-expanded={drawer === 'open'}
            style={{ minWidth: 44 }}
            data-testid="nav-open"
          />
        )}
        <Link to="/" style={{ color: '#fff', fontWeight: 700, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Link>
        {phone ? <div style={{ flex: 1 }} /> : <NavList sections={sections} current={current} />}
        <NoticesBell />
        <LangSwitch dark />
        <UserMenu name={me?.displayName ?? me?.username} iconOnly={phone} onLogout={() => void logout()} />
      </header>
      {drawer !== 'never' && (
        <Suspense fallback={null}>
          <NavDrawer open={drawer === 'open'} onClose={() => setDrawer('closed')} sections={sections} current={current} />
        </Suspense>
      )}
      {/* border-box: the padding is inside the width, or a phone scrolls sideways by 16 px. */}
      <main style={{ padding: phone ? 8 : 24, maxWidth: 1280, width: '100%', boxSizing: 'border-box', margin: '0 auto' }}>
        <Outlet />
      </main>
    </div>
  );
}

// The frame of every page after login: a header with the sections, the language switch
// and who is logged in; on a phone the sections move into a drawer.

import { MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Dropdown, Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { can, hasHomePage, ME_KEY, useMe } from '../auth/session.ts';
import { useT } from '../i18n/i18n.ts';
import { showError } from '../lib/notify.ts';
import { usePhone } from '../lib/use-phone.ts';
import { NoticesBell } from '../pages/notices/NoticesBell.tsx';
import { LangSwitch } from './LangSwitch.tsx';

const { Header, Content } = Layout;

export function AppLayout() {
  const t = useT();
  const { data: me } = useMe();
  const phone = usePhone();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [drawerOpen, setDrawerOpen] = useState(false);

  // A plain member (no unit role) sees their own record rather than lists of others.
  const sections = can(me, 'read')
    ? [
        {
          key: '/dashboard',
          label: (
            <Link to="/dashboard" data-testid="nav-dashboard">
              {t('nav.dashboard')}
            </Link>
          ),
        },
        {
          key: '/units',
          label: (
            <Link to="/units" data-testid="nav-units">
              {t('nav.units')}
            </Link>
          ),
        },
        {
          key: '/members',
          label: (
            <Link to="/members" data-testid="nav-members">
              {t('nav.members')}
            </Link>
          ),
        },
        {
          key: '/meetings',
          label: (
            <Link to="/meetings" data-testid="nav-meetings">
              {t('meetings.nav.meetings')}
            </Link>
          ),
        },
        ...(can(me, 'write_members')
          ? [
              {
                key: '/imports',
                label: (
                  <Link to="/imports" data-testid="nav-imports">
                    {t('nav.imports')}
                  </Link>
                ),
              },
            ]
          : []),
        ...(can(me, 'write_units')
          ? [
              {
                key: '/identifier-conflicts',
                label: (
                  <Link to="/identifier-conflicts" data-testid="nav-conflicts">
                    {t('nav.conflicts')}
                  </Link>
                ),
              },
            ]
          : []),
        ...(can(me, 'read_audit')
          ? [
              {
                key: '/audit',
                label: (
                  <Link to="/audit" data-testid="nav-audit">
                    {t('nav.audit')}
                  </Link>
                ),
              },
            ]
          : []),
        ...(can(me, 'manage_users')
          ? [
              {
                key: '/users',
                label: (
                  <Link to="/users" data-testid="nav-users">
                    {t('nav.users')}
                  </Link>
                ),
              },
            ]
          : []),
      ]
    : me?.memberId
      ? [
          {
            key: `/members/${me.memberId}`,
            label: (
              <Link to={`/members/${me.memberId}`} data-testid="nav-my-record">
                {t('nav.myRecord')}
              </Link>
            ),
          },
        ]
      : [];
  // The home page (the first screen after login) comes first for those who have one.
  if (hasHomePage(me))
    sections.unshift({
      key: '/',
      label: (
        <Link to="/" data-testid="nav-home">
          {t('nav.home')}
        </Link>
      ),
    });
  // Everyone who is a member has their own meetings (secretaries too).
  if (me?.memberId)
    sections.push({
      key: '/my-meetings',
      label: (
        <Link to="/my-meetings" data-testid="nav-my-meetings">
          {t('meetings.nav.myMeetings')}
        </Link>
      ),
    });
  const selected = location.pathname.endsWith('/dashboard')
    ? ['/dashboard']
    : sections.map((s) => s.key).filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));

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

  const userMenu = {
    items: [
      { key: 'account', label: <span data-testid="menu-account">{t('nav.account')}</span>, onClick: () => navigate('/account') },
      { type: 'divider' as const },
      { key: 'logout', label: <span data-testid="logout">{t('auth.logout')}</span>, onClick: () => void logout() },
    ],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: phone ? '0 12px' : '0 24px', position: 'sticky', top: 0, zIndex: 10 }}>
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setDrawerOpen(true)}
            aria-label={t('nav.menu')}
            style={{ minWidth: 44 }}
            data-testid="nav-open"
          />
        )}
        <Link to="/" style={{ color: '#fff', fontWeight: 700, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Link>
        {!phone && <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={sections} style={{ flex: 1, minWidth: 0 }} />}
        {phone && <div style={{ flex: 1 }} />}
        <NoticesBell />
        <LangSwitch dark />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          {/* On a phone only the icon (named for screen readers): the name would push the header past the screen's edge. */}
          <Button
            type="text"
            style={{ color: '#fff', maxWidth: 200, minWidth: 44 }}
            icon={<UserOutlined />}
            aria-label={phone ? (me?.displayName ?? me?.username) : undefined}
            data-testid="current-user"
          >
            {!phone && (
              <Typography.Text ellipsis style={{ color: '#fff', maxWidth: 160 }}>
                {me?.displayName ?? me?.username}
              </Typography.Text>
            )}
          </Button>
        </Dropdown>
      </Header>
      <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={260} title={t('app.name')}>
        <Menu mode="inline" selectedKeys={selected} items={sections} onClick={() => setDrawerOpen(false)} style={{ borderInlineEnd: 0 }} />
      </Drawer>
      <Content style={{ padding: phone ? 8 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Content>
    </Layout>
  );
}

// Who is logged in, and a small list under their name: their account and logging out.
// A disclosure button (aria-expanded) rather than antd's Dropdown, whose menu and popup code
// would load with every page: Escape or a click elsewhere closes it, focus goes back.
import { UserOutlined } from '@ant-design/icons';
import { Button, theme } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n.ts';

const ITEM = {
  display: 'flex',
  alignItems: 'center',
  width: '100%',
  minHeight: 44,
  padding: '0 16px',
  fontSize: 16,
  whiteSpace: 'nowrap',
  textDecoration: 'none',
} as const;

export function UserMenu({ name, iconOnly, onLogout }: { name: string | undefined; iconOnly: boolean; onLogout: () => void }) {
  const t = useT();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={box} style={{ position: 'relative' }}>
      {/* On a phone only the icon (named for screen readers): the name would push the header past the screen's edge. */}
      <Button
        ref={button}
        type="text"
        style={{ color: '#fff', maxWidth: 200, minWidth: 44 }}
        icon={<UserOutlined />}
        aria-label={iconOnly ? name : undefined}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="current-user"
      >
        {!iconOnly && <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</span>}
      </Button>
      <ul
        id={id}
        hidden={!open}
        style={{
          position: 'absolute',
          right: 0,
          top: '100%',
          marginTop: 4,
          padding: '4px 0',
          listStyle: 'none',
          minWidth: 200,
          background: token.colorBgElevated,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowSecondary,
          zIndex: token.zIndexPopupBase,
        }}
      >
        <li>
          <Link to="/account" onClick={() => setOpen(false)} style={{ ...ITEM, color: token.colorText }} data-testid="menu-account">
            {t('nav.account')}
          </Link>
        </li>
        <li style={{ borderTop: `1px solid ${token.colorSplit}`, marginTop: 4, paddingTop: 4 }}>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              onLogout();
            }}
            style={{ ...ITEM, border: 0, background: 'none', cursor: 'pointer', color: token.colorText, font: 'inherit' }}
            data-testid="logout"
          >
            {t('auth.logout')}
          </button>
        </li>
      </ul>
    </div>
  );
}

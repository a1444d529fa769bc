// The sections as a plain list of links (no antd Menu: it brings its overflow, tooltip and
// popup code to every page after login). A link is a 44 px tap target with 16 px text; the
// current section says so to screen readers (aria-current) and is drawn darker or tinted.
import { theme } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n.ts';
import type { NavSection } from './nav-sections.ts';

export function NavList({
  sections,
  current,
  vertical,
  onPick,
}: {
  sections: NavSection[];
  current: string | undefined;
  /** In the phone's drawer: one section a line, on white. Else a row on the red header. */
  vertical?: boolean;
  onPick?: () => void;
}) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <nav aria-label={t('nav.sections')} style={vertical ? undefined : { flex: 1, minWidth: 0 }}>
      <ul
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'flex',
          flexDirection: vertical ? 'column' : 'row',
          flexWrap: 'wrap',
          gap: vertical ? 4 : 0,
        }}
      >
        {sections.map((s) => {
          const here = s.to === current;
          return (
            <li key={s.to}>
              <Link
                to={s.to}
                onClick={onPick}
                aria-current={here ? 'page' : undefined}
                data-testid={s.testId}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  minHeight: 44,
                  padding: '0 12px',
                  fontSize: 16,
                  whiteSpace: 'nowrap',
                  textDecoration: 'none',
                  borderRadius: token.borderRadius,
                  ...(vertical
                    ? { color: here ? token.colorPrimary : token.colorText, background: here ? token.colorPrimaryBg : undefined, fontWeight: here ? 600 : 400 }
                    : { color: '#fff', background: here ? '#5e0b0b' : undefined, fontWeight: here ? 600 : 400 }),
                }}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

// The sections on a phone, in a drawer from the left. Loaded on the first tap of the menu
// button: the drawer's code is not needed to show the page.
import { Drawer } from 'antd';
import { useT } from '../i18n/i18n.ts';
import { NavList } from './NavList.tsx';
import type { NavSection } from './nav-sections.ts';

export default function NavDrawer({
  open,
  onClose,
  sections,
  current,
}: {
  open: boolean;
  onClose: () => void;
  sections: NavSection[];
  current: string | undefined;
}) {
  const t = useT();
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={260} title={t('app.name')}>
      <NavList sections={sections} current={current} vertical onPick={onClose} />
    </Drawer>
  );
}

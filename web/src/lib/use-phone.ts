import { Grid } from 'antd';

/** True below antd's md breakpoint (768px): phones get cards and drawers instead of tables. */
export function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

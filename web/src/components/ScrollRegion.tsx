// A table wider than a phone scrolls sideways inside this box. The box takes the keyboard
// focus (and is named), so someone without a mouse or touch can scroll it too (WCAG: a
// scrollable region must be focusable); antd's own scrolling table is not.
import type { ReactNode } from 'react';

export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section tabIndex={0} aria-label={label} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}

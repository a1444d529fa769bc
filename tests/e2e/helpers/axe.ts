// The axe check of issue 8: serious or critical WCAG 2 A/AA violations on a page as it stands.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** "url rule (impact): first nodes" for each serious or critical violation; [] when none. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // A toast ("Đã lưu…") is an overlay that passes in 3 s: axe judges the page at rest, not
  // whatever text the toast happens to cover. (Added while chasing the plan page's colour
  // verdict in secretary-month.test.ts; it did not cure that one, whose cause is still open.)
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice'), undefined, { timeout: 15_000 });
  // playwright-core's Page is the type @axe-core/playwright expects (it is written for playwright).
  // resultTypes: only the violations are wanted; axe then keeps one node of each passed or
  // incomplete check instead of all of them (the same verdicts, a fraction of the work).
  const result = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${new URL(page.url()).pathname} ${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

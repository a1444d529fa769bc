// The axe check of issue 8: serious or critical WCAG 2 A/AA violations on a page as it stands.

import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { SHOTS } from './session.ts';

/** "url rule (impact): first nodes" for each serious or critical violation; [] when none. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // axe judges the page at rest: not whatever text a toast ("Đã lưu…", shown for 3 s)
  // covers, nor a colour halfway through a transition (antd fades a link's colour in 0.3 s
  // when the pointer comes or goes). Endless animations (spinners) are left running.
  await page.waitForFunction(
    () =>
      !document.querySelector('.ant-message-notice') &&
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: 15_000 },
  );
  // playwright-core's Page is the type @axe-core/playwright expects (it is written for playwright).
  // resultTypes: only the violations are wanted; axe then keeps one node of each passed or
  // incomplete check instead of all of them (the same verdicts, a fraction of the work).
  // Legacy mode: axe runs in the page itself, instead of gathering each frame's partial
  // results in a blank page it opens for that (a new renderer per check). The app has no
  // frames, so the verdicts are the same; a check took 0.7–1.5 s instead of 1.5–3.3 s (02/12).
  const result = await new AxeBuilder({ page: page as never })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // The page as axe judged it, and (in the message) the colours it measured: the failure's
  // own screenshot comes later, on another page.
  if (serious.length) await page.screenshot({ path: path.join(SHOTS, `axe-${new URL(page.url()).pathname.replaceAll('/', '_')}.png`) });
  return serious.map(
    (v) =>
      `${new URL(page.url()).pathname} ${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}]`)
        .join(' | ')}`,
  );
}

// An accessibility check (axe-core, WCAG 2 A and AA rules) of the main pages, as each role
// sees them on a phone: no serious or critical violation.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, newPage } = useChibo();

async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // playwright-core's Page is the type @axe-core/playwright expects (it is written for playwright).
  const result = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${page.url()} ${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describe('accessibility of the main pages on a phone', () => {
  it('has no serious or critical axe violation', async () => {
    const found: string[] = [];
    const anonymous = await newPage({ ...PHONE });
    await anonymous.goto('/login');
    await anonymous.getByTestId('login-submit').waitFor();
    found.push(...(await seriousViolations(anonymous)));

    const secretary = await loggedIn('bithu.cb1', { ...PHONE });
    for (const path of ['/members', '/meetings', '/my-meetings']) {
      await secretary.goto(path);
      found.push(...(await seriousViolations(secretary)));
    }
    const committee = await loggedIn('bithu.xa', { ...PHONE });
    await committee.goto('/');
    found.push(...(await seriousViolations(committee)));
    console.info(`axe: ${found.length} serious or critical violations\n${found.join('\n')}`);
    expect(found).toEqual([]);
  });
});

// The grading section of the dashboard, in Debian's Chromium against the real `chibo start`
// with the demo commune: the committee opens a 2025 grading period for the commune, the
// proposals and the decision go through the API (the grading pages are another lane's), and
// the dashboard's year 2025 shows the members by grade with numerator and denominator, the
// organisations, and the cells "4 tốt" with the split — on a phone without sideways scroll.
import path from 'node:path';
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { SHOTS, useChibo } from './helpers/session.ts';

const { loggedIn } = useChibo();

async function call(request: APIRequestContext, method: 'post' | 'put', url: string, data: unknown) {
  const res = await request[method](url, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

interface Entry {
  id: number;
  subject: 'member' | 'organisation';
  unitId: number;
  excluded: unknown;
}

describe('the grading section of the dashboard', () => {
  it('shows the year decided by the committee, by grade, with "4 tốt" and the split', async () => {
    const page = await loggedIn('capuy', { ...PHONE });
    const request = page.context().request;
    const me = (await (await request.get('/api/v1/auth/me')).json()) as { grants: { unitId: number }[] };
    const commune = me.grants[0]!.unitId;
    const period = await call(request, 'post', '/api/v1/grading/periods', { unitId: commune, kind: 'year', startsOn: '2025-01-01', endsOn: '2025-12-31' });
    // Six members and every cell are decided (the rest stay undecided: the counts say so).
    const all = (period.entries as Entry[]).filter((e) => e.excluded === null && !(e.subject === 'organisation' && e.unitId === commune));
    const graded = all.filter((e) => e.subject === 'member').length;
    const entries = [...all.filter((e) => e.subject === 'member').slice(0, 6), ...all.filter((e) => e.subject === 'organisation')];
    const facts = { tasks: { total: 2, onTime: 2, exceeded: 1, completed: 2, behindSchedule: 0 }, shortcomingsRemedied: true };
    for (const e of entries) await call(request, 'put', `/api/v1/grading/entries/${e.id}/proposal`, { scores: { general: 26, task_results: 56 }, facts });
    const cells = entries.filter((e) => e.subject === 'organisation');
    const members = entries.filter((e) => e.subject === 'member');
    await call(request, 'post', `/api/v1/grading/periods/${period.id}/decisions`, {
      decisions: entries.map((e) => ({ entryId: e.id, fourGood: e.subject === 'organisation' ? cells.indexOf(e) < 2 : undefined })),
      decidedOn: '2026-01-10',
      decisionNumber: '25-QĐ/ĐU',
    });

    await page.goto(`/units/${commune}/dashboard?date=2025-12-31&p=year&from=2025-01-01&to=2025-12-31`);
    const section = page.getByTestId('dashboard-grading');
    await section.getByTestId('dashboard-grading-members').waitFor();
    expect(await section.locator('.ant-card-head-title').textContent()).toBe('Đánh giá, xếp loại chất lượng năm 2025');
    const membersText = (await section.getByTestId('dashboard-grading-members').textContent()) ?? '';
    // Six decided HTTNV, of all those on the roll.
    expect(membersText).toContain(`(${members.length}/${graded})`);
    expect(await section.getByTestId('dashboard-grading-members-graded').textContent()).toContain(`đã quyết định ${members.length}.`);
    expect(await section.getByTestId('dashboard-grading-four-good').textContent()).toContain(`(2/${cells.length})`);
    await section.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: path.join(SHOTS, 'grading-dashboard-phone.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(SHOTS, 'grading-dashboard-desktop.png') });
    // The year before, nothing decided: said in words, not a table of zeros.
    await section.getByTestId('dashboard-grading-year').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '2024' }).click();
    await section.getByTestId('dashboard-grading-none').waitFor();
  }, 240_000);
});

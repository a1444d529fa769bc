// Villages and growth targets in Chromium against the real `chibo start` with the demo
// commune, as the commune's organisation board: on a phone it lists a cell's villages (two
// pasted in at once, both white), records where a member lives, sets the year's admission
// targets, and sees on the dashboard the white villages (the demo's two and one left of the
// two added) with the target beside the admissions; the same pages on a 1366×768 screen. Nothing scrolls sideways on the phone.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { SHOTS, useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
let commune = 0;
let cell = 0;
let targetSum = 0;

describe('villages, white villages and growth targets', () => {
  beforeAll(async () => {
    const page = await loggedIn('tochuc', PHONE);
    const request = page.context().request;
    const me = (await (await request.get('/api/v1/auth/me')).json()) as { grants: { unitId: number }[] };
    commune = me.grants[0]!.unitId;
    const children = (await (await request.get(`/api/v1/units/children?parentId=${commune}`)).json()) as {
      items: { id: number; name: string; kind: string }[];
    };
    cell = children.items.find((c) => c.kind === 'chi_bo' && c.name.includes('thôn'))!.id;
  });

  it('adds a cell’s villages on a phone, pasted one a line, each white until a member lives there', async () => {
    const page = await loggedIn('tochuc', PHONE);
    await page.goto(`/units/${cell}/villages`);
    await page.getByTestId('villages-page').waitFor();
    // The demo cell already has its villages, one of them white (no member lives there).
    await page.getByTestId('village-row').first().waitFor();
    const rowsBefore = await page.getByTestId('village-row').count();
    const whiteBefore = await page.getByTestId('village-white').count();
    const add = page.getByTestId('village-add');
    expect((await add.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await add.click();
    await page.getByTestId('village-names').fill('Thôn Đông Sơn\nThôn Đồng Cao\n');
    await page.getByTestId('village-established').fill('01/01/2020');
    await page.getByTestId('village-add-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page
      .getByTestId('village-row')
      .nth(rowsBefore + 1)
      .waitFor();
    expect(await page.getByTestId('village-white').count()).toBe(whiteBefore + 2);
    expect(await page.getByTestId('villages-summary').textContent()).toContain(`${whiteBefore + 2} trên ${rowsBefore + 2} thôn, bản`);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'villages-phone');

    // Where a member of the cell lives, recorded on the member's page.
    const request = page.context().request;
    const members = (await (await request.get(`/api/v1/members?unitId=${cell}`)).json()) as { items: { id: number }[] };
    await page.goto(`/members/${members.items[0]!.id}`);
    await page.getByTestId('member-residence-change').click();
    await page.getByTestId('member-field-villageId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Thôn Đông Sơn' }).click();
    await page.getByTestId('member-residence-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(async () => page.getByTestId('member-residence-now').textContent()).toContain('Cư trú tại Thôn Đông Sơn');
    await page.getByTestId('member-residence').screenshot({ path: path.join(SHOTS, 'member-residence-phone.png') });
    await page.goto(`/units/${cell}/villages`);
    await page
      .getByTestId('village-row')
      .nth(rowsBefore + 1)
      .waitFor();
    expect(await page.getByTestId('village-white').count()).toBe(whiteBefore + 1);
  });

  it('sets the year’s admission targets of the commune’s cells', async () => {
    const page = await loggedIn('tochuc', PHONE);
    await page.goto(`/units/${commune}/growth-targets`);
    const input = page.getByTestId('growth-target-input').first();
    await input.waitFor();
    await input.fill('2');
    await page.getByTestId('growth-target-input').nth(1).fill('1');
    await page.getByTestId('growth-targets-save').click();
    await page.getByTestId('confirm-ok').click();
    // The other cells keep the targets the demo set for them.
    const inputs = page.getByTestId('growth-target-input');
    targetSum = 0;
    for (let i = 0; i < (await inputs.count()); i++) targetSum += Number((await inputs.nth(i).inputValue()) || 0);
    await expect.poll(async () => page.getByTestId('growth-targets-sum').textContent()).toBe(String(targetSum));
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'growth-targets-phone');
  });

  it('shows admissions against target and white villages on the dashboard, on a phone and a screen', async () => {
    const page = await loggedIn('tochuc', PHONE);
    await page.goto(`/units/${commune}/dashboard`);
    const growth = page.getByTestId('dashboard-growth');
    await growth.waitFor();
    // The demo's two white villages and Thôn Đồng Cao.
    expect(await page.getByTestId('card-white-villages-value').textContent()).toBe('3');
    expect(await page.getByTestId('card-admitted-value').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('card-admitted-detail').textContent()).toMatch(new RegExp(`^Chỉ tiêu ${targetSum} \\(`));
    expect(await page.getByTestId('dashboard-white-list').textContent()).toContain('Thôn Đồng Cao');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await growth.screenshot({ path: path.join(SHOTS, 'dashboard-growth-phone.png') });

    const wide = await loggedIn('tochuc', DESKTOP);
    for (const [url, name] of [
      [`/units/${commune}/dashboard`, 'dashboard-growth-desktop'],
      [`/units/${cell}/villages`, 'villages-desktop'],
      [`/units/${commune}/growth-targets`, 'growth-targets-desktop'],
    ] as const) {
      await wide.goto(url);
      await wide.locator('[data-testid="dashboard-growth"], [data-testid="villages-page"], [data-testid="growth-targets-page"]').first().waitFor();
      await wide.waitForLoadState('networkidle');
      if (name.startsWith('dashboard')) await wide.getByTestId('dashboard-growth').screenshot({ path: path.join(SHOTS, `${name}.png`) });
      else await shot(wide, name);
    }
  });
});

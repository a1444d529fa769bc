// Changing a unit's kind from its page ("Đổi loại tổ chức"), and the counting rule named
// under a commune's figures, in Debian's Chromium against the real `chibo start` with the
// demo organisation (Đảng bộ xã Bắc Bình and its 11 village cells).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();

async function unitId(page: Page, name: string): Promise<number> {
  const res = await page.context().request.get(`/api/v1/units/search?q=${encodeURIComponent(name)}`);
  const item = (await res.json()).items.find((i: { name: string }) => i.name === name);
  if (!item) throw new Error(`no unit ${name}`);
  return item.id;
}

describe('unit kinds', () => {
  it('shows why Bắc Bình counts as one grassroots organisation', async () => {
    const page = await loggedIn('tochuc');
    await page.goto(`/units/${await unitId(page, 'Đảng bộ xã Bắc Bình')}`);
    const rule = page.getByTestId('unit-counting-rule');
    await rule.waitFor();
    expect(await rule.textContent()).toContain('Tổ chức cơ sở đảng: 1 đảng bộ cơ sở + 0 chi bộ cơ sở; chi bộ: 11 chi bộ trực thuộc đảng ủy cơ sở');
    expect(await rule.textContent()).toContain('từ 1/7/2025');
    await shot(page, 'unit-counting-rule');
  });

  it('changes a village cell into a grassroots cell, after a confirmation, and the commune counts it', async () => {
    const page = await loggedIn('tochuc');
    const cell = await unitId(page, 'Chi bộ thôn Bắc Sơn');
    await page.goto(`/units/${cell}`);
    await page
      .getByTestId('unit-kind')
      .filter({ hasText: /^Chi bộ$/ })
      .waitFor();

    await page.getByTestId('unit-reclassify').click();
    await page.getByTestId('reclassify-current-kind').waitFor();
    expect(await page.getByTestId('reclassify-current-kind').textContent()).toBe('Loại hiện nay: Chi bộ');
    await page.getByTestId('reclassify-kind').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^Chi bộ cơ sở$/ })
      .click();
    await page.getByTestId('action-decision-number').fill('125-QĐ/ĐU');
    await page.getByTestId('unit-reclassify-form-submit').click();
    // The confirmation names the old and the new kind before anything changes.
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('từ Chi bộ thành Chi bộ cơ sở');
    await shot(page, 'unit-reclassify-confirm');
    await page.getByTestId('confirm-ok').click();

    await page
      .getByTestId('unit-kind')
      .filter({ hasText: /^Chi bộ cơ sở$/ })
      .waitFor();
    // The history entry arrives with the unit's history, after the new kind: waited for
    // itself (the action button "Đổi loại tổ chức" is on the page before it, and a busy CI
    // run read the page in between), and it carries that title.
    const entry = page.getByTestId('unit-history-item').filter({ hasText: 'Chi bộ → Chi bộ cơ sở' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Đổi loại tổ chức');
    expect(await page.getByTestId('unit-page').textContent()).toContain('Chi bộ → Chi bộ cơ sở');
    await shot(page, 'unit-reclassified');

    // Bắc Bình now holds 10 village cells and one grassroots cell.
    await page.goto(`/units/${await unitId(page, 'Đảng bộ xã Bắc Bình')}`);
    const rule = page.getByTestId('unit-counting-rule');
    await rule.filter({ hasText: '1 đảng bộ cơ sở + 1 chi bộ cơ sở' }).waitFor();
    expect(await rule.textContent()).toContain('10 chi bộ trực thuộc đảng ủy cơ sở + 1 chi bộ cơ sở');
  });
});

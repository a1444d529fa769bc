// "Đảng phí" on a phone (390×844), as the secretary of a cell of the commune demo: the month of
// March 2026 (QĐ 01) with each member's amount prefilled, the whole cell ticked paid in one go,
// one member's bank transfer with its reference and one member paying more, saved at once; the
// totals and the server agree; the arrears list; the same page on a desktop.
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();

describe('party dues', () => {
  it('a secretary records a month’s dues for the cell on a phone', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    await page.goto('/dues?month=2026-03');
    await page.getByTestId('dues-row').first().waitFor();
    const rows = page.getByTestId('dues-row');
    const n = await rows.count();
    expect(n).toBeGreaterThan(2);
    expect(await page.getByTestId('dues-month').textContent()).toBe('Tháng 03/2026');
    // No basis recorded in the demo: the QĐ 01 amount for other members, 5.000 đồng.
    expect(await rows.first().getByTestId('dues-due').textContent()).toBe('5.000 đ');
    await shot(page, 'dues-month-phone', false);

    const all = page.getByTestId('dues-all-paid');
    expect((await all.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await all.click();
    const second = rows.nth(1);
    await second.getByTestId('dues-method').getByText('Chuyển khoản').click();
    await second.getByTestId('dues-reference').fill('FT26079123456');
    const third = rows.nth(2);
    await third.getByTestId('dues-amount').fill('10000');
    await shot(page, 'dues-ticked-phone', false);
    // Another month would drop the ticks: it asks first, and "Ở lại" keeps them.
    await page.getByTestId('dues-next').click();
    await page
      .locator('.ant-modal-confirm-title')
      .filter({ hasText: /^Bỏ \d+ thay đổi chưa lưu\?$/ })
      .waitFor();
    await page.getByTestId('confirm-cancel').click();
    expect(await page.getByTestId('dues-month').textContent()).toBe('Tháng 03/2026');
    expect(await second.getByTestId('dues-reference').inputValue()).toBe('FT26079123456');
    // Leaving the page through the app (the logo, the menu) asks the same, and "Ở lại" keeps them too.
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'chibo', exact: true }).click();
    await page
      .locator('.ant-modal-confirm-title')
      .filter({ hasText: /^Bỏ \d+ thay đổi chưa lưu\?$/ })
      .waitFor();
    await page.getByTestId('confirm-cancel').click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/dues');
    expect(await second.getByTestId('dues-reference').inputValue()).toBe('FT26079123456');
    await page.getByTestId('dues-save').click();
    // Saved: nothing left to save, and each row says what was recorded.
    await page.getByTestId('dues-save').filter({ hasText: '(0 ' }).waitFor({ timeout: 90_000 });
    await second.getByTestId('dues-recorded').filter({ hasText: 'Chuyển khoản' }).waitFor();

    const me = await (await page.context().request.get('/api/v1/auth/me')).json();
    const sheet = await (await page.context().request.get(`/api/v1/dues/units/${me.grants[0].unitId}/months/2026-03`)).json();
    const owing = sheet.members.filter((m: { dues: { due: number } }) => m.dues.due > 0);
    // Everyone who owed something paid it; one paid 5.000 đồng more.
    expect(sheet.totals.paidMembers).toBe(owing.length);
    expect(sheet.totals.paid).toBe(sheet.totals.due + 5_000);
    const online = sheet.members[1].dues.payment;
    expect([online.method, online.reference]).toEqual(['online', 'FT26079123456']);
    const money = (v: number) => `${v.toLocaleString('vi-VN')} đ`;
    expect(await page.getByTestId('dues-totals').textContent()).toBe(
      `Đã thu ${money(sheet.totals.paid)} / phải thu ${money(sheet.totals.due)} · ${owing.length}/${n} đảng viên đã đóng`,
    );
    await shot(page, 'dues-saved-phone', false);

    await page.getByRole('tab', { name: 'Còn nợ' }).click();
    await page.getByTestId('dues-arrears').waitFor();
    await shot(page, 'dues-arrears-phone', false);
  });

  it('reads well on a desktop', async () => {
    const page = await loggedIn('bithu.cb1', { viewport: { width: 1366, height: 768 } });
    // This month: the demo's bases start a few months back, and a new basis closes the one in force.
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const label = `${month.slice(5)}/${month.slice(0, 4)}`;
    await page.goto(`/dues?month=${month}`);
    await page.getByTestId('dues-row').first().waitFor();
    await shot(page, 'dues-month-desktop', false);
    // The first member becomes a pensioner: 0.5% of 6,000,000 đồng from this month on.
    const first = page.getByTestId('dues-row').first();
    await first.getByTestId('dues-basis-open').click();
    const editor = first.getByTestId('dues-basis-editor');
    await editor.getByRole('combobox').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '0,5% lương hưu' }).click();
    await editor.getByRole('textbox').fill('6000000');
    await shot(page, 'dues-basis-desktop', false);
    await editor.getByRole('button', { name: `Áp dụng từ tháng ${label}` }).click();
    await first.getByTestId('dues-due').filter({ hasText: '30.000 đ' }).waitFor();
    expect(await first.getByTestId('dues-basis-open').textContent()).toBe('0,5% lương hưu');
  });
});

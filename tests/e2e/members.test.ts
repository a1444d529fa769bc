// Finding a member without typing diacritics, editing their record (a new education takes
// effect on a day, and earlier figures keep the old one), and the member list on a phone, in
// Debian's Chromium against the real `chibo start` with the demo organisation.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

// A member of "Chi bộ thôn Bắc Sơn" in the demo organisation (seed 1); the only one whose
// name folds to "duong duc sang".
const MEMBER = 'Dương Đức Sáng';
const TYPED = 'duong duc sang';

const { loggedIn, shot } = useChibo();

/** The value next to a label in the member record ("Điện thoại" → "0912345678"). */
const recordValue = async (page: Page, label: string) =>
  (
    await page
      .getByTestId('member-record')
      .locator('th')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::td[1]')
      .textContent()
  )?.trim();

async function apiJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.context().request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** The overflow a phone user would have to scroll sideways through (0 when none). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('members', () => {
  it('finds a member by name typed without diacritics', async () => {
    const page = await loggedIn('tochuc');
    await page.goto('/members');
    await page.getByTestId('member-row').first().waitFor();
    const before = await page.getByTestId('member-total').textContent();

    await page.getByTestId('member-search').fill(TYPED);
    // The search lands in the address, and the list narrows to the member, written with diacritics.
    await page.waitForURL((url) => url.searchParams.get('q') === TYPED);
    await page
      .getByTestId('member-total')
      .filter({ hasText: /^1 đảng viên$/ })
      .waitFor();
    expect(before).not.toBe('1 đảng viên');
    const rows = page.getByTestId('member-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.getByTestId('member-link').textContent()).toBe(MEMBER);
    expect(await rows.textContent()).toContain('Chi bộ thôn Bắc Sơn');
    await shot(page, 'members-search');

    // The search is kept in the address: a reload shows the same result.
    await page.reload();
    await page
      .getByTestId('member-total')
      .filter({ hasText: /^1 đảng viên$/ })
      .waitFor();
    expect(await page.getByTestId('member-search').inputValue()).toBe(TYPED);
    expect(await page.getByTestId('member-link').textContent()).toBe(MEMBER);
  });

  it('edits a member’s phone and occupation, and the new values are still there after a reload', async () => {
    const page = await loggedIn('tochuc');
    await page.goto(`/members?q=${encodeURIComponent(TYPED)}`);
    await page.getByTestId('member-link').filter({ hasText: MEMBER }).click();
    await page.getByTestId('member-name').filter({ hasText: MEMBER }).waitFor();
    const memberUrl = page.url();
    const oldPhone = await recordValue(page, 'Điện thoại');
    expect(oldPhone).toMatch(/^0\d{9}$/);
    expect(oldPhone).not.toBe('0912345678');

    await page.getByTestId('member-edit').click();
    await page.getByTestId('member-form').waitFor();
    expect(await page.getByTestId('member-field-phone').inputValue()).toBe(oldPhone);
    await page.getByTestId('member-field-phone').fill('0912345678');
    await page.getByTestId('member-field-occupation').fill('Giáo viên tiểu học');
    await shot(page, 'member-edit');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/members\/\d+$/.test(r.url()));
    await page.getByTestId('member-save').click();
    expect((await saved).status()).toBe(200);

    // Back on the member's page, with the new values.
    await page.waitForURL(memberUrl);
    await page.getByTestId('member-record').waitFor();
    expect(await recordValue(page, 'Điện thoại')).toBe('0912345678');
    expect(await recordValue(page, 'Nghề nghiệp')).toBe('Giáo viên tiểu học');

    await page.reload();
    await page.getByTestId('member-record').waitFor();
    expect(await page.getByTestId('member-name').textContent()).toBe(MEMBER);
    expect(await recordValue(page, 'Điện thoại')).toBe('0912345678');
    expect(await recordValue(page, 'Nghề nghiệp')).toBe('Giáo viên tiểu học');
    await shot(page, 'member-saved');
  });

  it('on a phone, asks from which day a new education applies; figures before that day keep the old one', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    const list = await apiJson<{ items: Array<{ id: number }> }>(page, '/api/v1/members?pageSize=1');
    const member = await apiJson<{ id: number; unitId: number; education: string | null }>(page, `/api/v1/members/${list.items[0]!.id}`);
    const education = async (date: string) =>
      (await apiJson<{ members: { byEducation: { key: string; n: number }[] } }>(page, `/api/v1/figures/units/${member.unitId}?date=${date}`)).members
        .byEducation;
    const before = await education('2026-08-31');

    await page.goto(`/members/${member.id}/edit`);
    await page.getByTestId('member-form').waitFor();
    // Only a change of education, theory level or religion asks for the day.
    expect(await page.getByTestId('member-field-effectiveOn').count()).toBe(0);
    await page.getByTestId('member-field-education').fill('Thạc sĩ Luật');
    const day = page.getByTestId('member-field-effectiveOn');
    await day.waitFor();
    await day.fill('01/09/2026');
    await day.press('Tab');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-member-education-from');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/members\/\d+$/.test(r.url()));
    await page.getByTestId('member-save').click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toMatchObject({ education: 'Thạc sĩ Luật', effectiveOn: '2026-09-01' });

    // The cell's figures: on 31/08/2026 as before, from 01/09/2026 with the new education.
    expect(await education('2026-08-31')).toEqual(before);
    const after = await education('2026-09-01');
    expect(after.find((e) => e.key === 'Thạc sĩ Luật')?.n).toBe(1);

    // The history shows both values with their days; the day, recorded wrong, is put right.
    await page.goto(`/members/${member.id}`);
    await page.getByRole('tab', { name: 'Quá trình sinh hoạt' }).click();
    const rows = page.getByTestId('attribute-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('– 01/09/2026');
    expect(await rows.nth(1).textContent()).toContain('01/09/2026 – đến nay');
    expect(await rows.nth(1).textContent()).toContain('Thạc sĩ Luật');
    await page.getByTestId('member-redate-open').click();
    const redate = page.getByTestId('member-redate-on');
    await redate.fill('15/08/2026');
    await redate.press('Tab');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-member-redate');
    await page.getByTestId('member-redate-form-submit').click();
    await page.locator('.ant-modal-confirm').filter({ hasText: '15/08/2026' }).filter({ hasText: '01/09/2026' }).waitFor();
    await page.getByTestId('confirm-ok').click();
    await rows.filter({ hasText: '15/08/2026 – đến nay' }).waitFor();
    expect(await rows.nth(0).textContent()).toContain('– 15/08/2026');
    await shot(page, 'phone-member-attribute-history');
    // Now 31/08/2026 counts the new education too.
    expect((await education('2026-08-31')).find((e) => e.key === 'Thạc sĩ Luật')?.n).toBe(1);
    expect(await education('2026-08-14')).toEqual(before);

    // On a computer the history sits beside the other two, within the screen.
    const desktop = await loggedIn('bithu.cb1', { viewport: { width: 1366, height: 768 } });
    await desktop.goto(`/members/${member.id}`);
    await desktop.getByRole('tab', { name: 'Quá trình sinh hoạt' }).click();
    await desktop.getByTestId('attribute-row').filter({ hasText: '15/08/2026 – đến nay' }).waitFor();
    expect(await sidewaysOverflow(desktop)).toBeLessThanOrEqual(0);
    await shot(desktop, 'member-attribute-history');
  });

  it('on a phone, lists members as cards that fit the screen, and opens a member', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    await page.goto('/members');
    const cards = page.locator('li[data-testid="member-row"]');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(5);
    const first = await cards.first().boundingBox();
    expect(first!.width).toBeLessThanOrEqual(390);
    expect(first!.x).toBeGreaterThanOrEqual(0);
    expect(await page.getByTestId('member-search').isVisible()).toBe(true);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
    await shot(page, 'phone-members', false);

    // Search works the same on the phone, and a card opens the member.
    await page.getByTestId('member-search').fill(TYPED);
    await page
      .getByTestId('member-total')
      .filter({ hasText: /^1 đảng viên$/ })
      .waitFor();
    // The name is a link inside the tappable card: one tap, one history entry.
    const entries = await page.evaluate(() => history.length);
    await cards.filter({ hasText: MEMBER }).getByTestId('member-link').click();
    await page.getByTestId('member-name').filter({ hasText: MEMBER }).waitFor();
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    await page.getByTestId('member-record').waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-member');
    // One Back returns to the list (the phone's Back did nothing the first time when the tap had pushed the address twice).
    await page.goBack();
    await page.getByTestId('member-total').waitFor();
    expect(new URL(page.url()).pathname).toBe('/members');
    await page.goForward();
    await page.getByTestId('member-name').filter({ hasText: MEMBER }).waitFor();

    // The sections are in a drawer.
    await page.getByTestId('nav-open').click();
    await page.getByTestId('nav-members').waitFor({ state: 'visible' });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});

// The home pages of issue 8 (items 14, 15, 22) on a phone, against the real `chibo start`
// and its commune demo: the cell secretary sees this month's meeting not planned yet (late)
// with last month's resolution, plans it from the home page — the form starts from the
// cell's usual day, the prefilled title and the resolution carried in one tap — and comes
// back to the next step; the commune committee sees one line per cell and says "Tôi sẽ
// dự" in one tap; a cell's year calendar; the commune's meeting list names each cell.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };

const stepState = (page: Page, key: string) => page.locator(`[data-testid="home-step"][data-step="${key}"]`).getAttribute('data-state');
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

describe("the secretary's home on a phone", () => {
  it('shows the month not planned yet, and plans it from there with the defaults and last month’s resolution', async () => {
    const page = await loggedIn('bithu.cb1', { ...PHONE });
    await page.goto('/');
    const home = page.getByTestId('secretary-home');
    await home.waitFor();
    expect(await stepState(page, 'plan')).toBe('late');
    expect(await stepState(page, 'adopt')).toBe('waiting');
    await page.getByTestId('home-not-planned').waitFor();
    const resolution = page.getByTestId('previous-resolution-items').locator('li');
    expect(await resolution.count()).toBeGreaterThan(0);
    const firstItem = (await resolution.first().textContent())!;
    // The main buttons are at least 44 px high, for older members' thumbs.
    const button = await page.getByTestId('home-plan').boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'home-secretary-phone');
    expect(await seriousViolations(page)).toEqual([]);

    // "So sánh nghị quyết tháng trước": carried into the plan in one tap.
    const unitId = Number(await home.getAttribute('data-unit-id'));
    const defaults = await (await page.context().request.get(`/api/v1/meetings/plan-defaults?unitId=${unitId}`)).json();
    await page.getByTestId('home-carry').click();
    await page.getByTestId('meeting-form').waitFor();
    await page.locator('.ant-message-notice').filter({ hasText: 'Đã đưa nghị quyết tháng trước' }).waitFor();
    expect(await page.getByTestId('plan-date').inputValue()).toBe(ddmmyyyy(defaults.date));
    const month = `${Number(defaults.date.slice(5, 7))}/${defaults.date.slice(0, 4)}`;
    expect(await page.getByTestId('plan-topic').inputValue()).toBe(`Sinh hoạt chi bộ thường kỳ tháng ${month}`);
    expect(await page.getByTestId('plan-place').inputValue()).toBe(defaults.place);
    const notes = await page.getByTestId('plan-agenda-note').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const carried = notes.find((n) => n.startsWith('Nghị quyết ngày'));
    expect(carried).toContain(firstItem.trim());
    await shot(page, 'home-plan-form-phone');

    await page.getByTestId('plan-focal').nth(0).fill('Thu hoạch lúa vụ mùa');
    await page.getByTestId('plan-focal').nth(1).fill('Vệ sinh môi trường khu dân cư');
    await page.getByTestId('plan-save').click();
    await page.waitForURL(/\/meetings\/\d+$/);
    // …and into the first draft of the minutes.
    await page.getByTestId('meeting-tab-minutes').click();
    expect(await page.getByTestId('minutes-previous').inputValue()).toBe(carried);

    // Back home: planned; the next steps follow.
    await page.goto('/');
    await page.getByTestId('home-next-meeting').waitFor();
    expect(await stepState(page, 'plan')).toBe('done');
    expect(await page.getByTestId('home-not-planned').count()).toBe(0);

    // A second regular meeting this month: the form warns, and the server refuses it in Vietnamese.
    await page.goto(`/meetings/new?unitId=${unitId}&kind=regular&month=${defaults.date.slice(0, 7)}`);
    await page.getByTestId('plan-already-planned').waitFor();
    await page.getByTestId('plan-focal').nth(0).fill('Một');
    await page.getByTestId('plan-focal').nth(1).fill('Hai');
    await page.getByTestId('plan-save').click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'phải lập là sinh hoạt bất thường' }).first().waitFor();
    await shot(page, 'home-second-regular-refused-phone');

    // The cell's year calendar: twelve months, this one planned.
    await page.goto(`/units/${unitId}/meeting-calendar`);
    await page.getByTestId('cell-calendar').waitFor();
    expect(await page.getByTestId('calendar-month').count()).toBe(12);
    const thisMonth = page.locator(`[data-testid="calendar-month"][data-month="${defaults.date.slice(0, 7)}"]`);
    expect(await thisMonth.locator('[data-testid="calendar-meeting"][data-kind="regular"]').getAttribute('data-state')).toBe('planned');
    await shot(page, 'home-year-calendar-phone');
    expect(await seriousViolations(page)).toEqual([]);

    const desktop = await loggedIn('bithu.cb1', DESKTOP);
    await desktop.goto('/');
    await desktop.getByTestId('secretary-home').waitFor();
    await shot(desktop, 'home-secretary-desktop');
  });
});

describe("the commune committee's home on a phone", () => {
  it('has one line per cell and "Tôi sẽ dự" in one tap', async () => {
    const page = await loggedIn('capuy', { ...PHONE });
    await page.goto('/');
    const committee = page.getByTestId('committee-home');
    await committee.waitFor();
    expect(await page.getByTestId('committee-cell').count()).toBe(11);
    expect(await page.getByTestId('committee-summary').textContent()).toMatch(/^\d+\/11 chi bộ đã lập kế hoạch/);
    const assigned = page.getByTestId('committee-assigned');
    expect(await assigned.getByTestId('assigned-meeting').count()).toBe(2);
    await shot(page, 'home-committee-phone');
    expect(await seriousViolations(page)).toEqual([]);
    const first = assigned.getByTestId('assigned-meeting').first();
    const tap = await first.getByTestId('home-attend').boundingBox();
    expect(tap!.height).toBeGreaterThanOrEqual(44);
    await first.getByTestId('home-attend').click();
    await first.getByTestId('assigned-confirmed').waitFor();
    expect(await assigned.getByTestId('assigned-confirmed').count()).toBe(1);
    // The cell sees the confirmation on its meeting.
    const meetingId = await first.getAttribute('data-meeting-id');
    const meeting = await (await page.context().request.get(`/api/v1/meetings/${meetingId}`)).json();
    expect(meeting.guests.find((g: { confirmedAt: string | null }) => g.confirmedAt !== null)).toBeTruthy();

    // The compliance report says something about the demo's year.
    const communeId = await committee.getAttribute('data-unit-id');
    await page.getByTestId('home-compliance').click();
    await page.getByTestId('compliance-summary').waitFor();
    expect(Number(await page.getByTestId('compliance-cells').locator('.ant-statistic-content-value').textContent())).toBe(11);
    await shot(page, 'home-compliance-phone');

    // The commune's meeting list names each meeting's cell.
    await page.goto(`/meetings?unitId=${communeId}`);
    await page.getByTestId('meeting-row').first().waitFor();
    expect(await page.getByTestId('meeting-row').first().textContent()).toContain('Chi bộ');

    const desktop = await loggedIn('capuy', DESKTOP);
    await desktop.goto('/');
    await desktop.getByTestId('committee-home').waitFor();
    await shot(desktop, 'home-committee-desktop');
  });
});

describe("a member's home", () => {
  it('lists their meetings and notices', async () => {
    const page = await loggedIn('dangvien', { ...PHONE });
    await page.goto('/');
    await page.getByTestId('my-meetings-card').getByTestId('my-meeting').first().waitFor();
    await page.getByTestId('home-notices').waitFor();
    await shot(page, 'home-member-phone');
    // Their meeting names the cell without a link to a unit page they may not read, and
    // leads back to their own meetings, not to a cell's list with a '#3' picker.
    const meetingId = await page.getByTestId('my-meetings-card').getByTestId('my-meeting').first().getAttribute('data-meeting-id');
    await page.goto(`/meetings/${meetingId}`);
    const cell = page.getByTestId('meeting-unit');
    await expect.poll(() => cell.textContent()).toBe('Chi bộ thôn Bắc Sơn');
    expect(await cell.evaluate((e) => e.tagName)).toBe('SPAN');
    await page.locator('.ant-breadcrumb').getByRole('link', { name: 'Lịch sinh hoạt của tôi' }).click();
    await page.waitForURL(/\/my-meetings$/);
    await page.goto('/meetings');
    await page.getByTestId('meetings-page').waitFor();
    expect(await page.getByTestId('meetings-unit').count()).toBe(0);
    expect(await page.getByTestId('meeting-compliance-link').count()).toBe(0);
  });
});

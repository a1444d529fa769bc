// Tasks in the browser (issue 9 item 1), against the real `chibo start` and its commune
// demo: the cell secretary assigns a task to a member on a phone; the member finds it on
// their home page, reports progress with a photo from the phone; the secretary sees the
// report and marks the task done after confirming; the dashboard counts it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { SHOTS, useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const TITLE = 'Vận động 20 hộ dân tham gia bảo hiểm y tế';

async function getJson(page: Page, url: string) {
  const res = await page.context().request.get(url);
  expect(res.status(), url).toBe(200);
  return res.json();
}

describe('a task from assignment to “hoàn thành”', () => {
  let taskUrl = '';
  let today = '';

  it('the secretary assigns it to a member of the cell on a phone', async () => {
    const member = await loggedIn('dangvien');
    const me = await getJson(member, '/api/v1/auth/me');
    const page = await loggedIn('bithu.cb1', { ...PHONE });
    const home = await getJson(page, '/api/v1/home');
    today = home.today;
    const cell = home.cells[0].unitId as number;
    const record = await getJson(page, `/api/v1/members/${me.memberId}`);

    await page.goto(`/tasks?unitId=${cell}`);
    await page.getByTestId('task-list').waitFor();
    await shot(page, 'tasks-list-phone');
    await page.getByTestId('task-assign').click();
    await page.getByTestId('task-form').waitFor();
    await page.getByTestId('task-title').fill(TITLE);
    await page.getByTestId('task-assignees').click();
    await page.keyboard.type(record.fullName.split(' ').at(-1));
    await page.locator('.ant-select-item-option').filter({ hasText: record.fullName }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('task-due').fill(ddmmyyyy(addDays(today, 10)));
    await page.getByTestId('task-target').fill('20');
    await page.getByTestId('task-target-unit').fill('hộ');
    await shot(page, 'tasks-form-phone');
    await page.getByTestId('task-save').click();
    await page.waitForURL(/\/tasks\/\d+$/);
    taskUrl = new URL(page.url()).pathname;
    await page.getByTestId('task-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
  });

  it('the member finds it on their home page and reports progress with a photo from the phone', async () => {
    const page = await loggedIn('dangvien', { ...PHONE });
    await page.goto('/');
    const mine = page.getByTestId('home-my-tasks');
    await mine.waitFor();
    await shot(page, 'tasks-home-member-phone');
    await mine.getByText(TITLE).click();
    await page.waitForURL(new RegExp(`${taskUrl}$`));
    await page.getByTestId('task-report-form').waitFor();
    // Only the secretary assesses.
    expect(await page.getByTestId('task-assessment').count()).toBe(0);
    await page.getByTestId('task-report-note').fill('Đã vận động được 12 hộ, còn 8 hộ hẹn tuần sau');
    await page.getByTestId('task-report-value').fill('12');
    await page.getByTestId('task-report-file').setInputFiles({ name: 'danh-sach-ho.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('ảnh danh sách hộ') });
    const send = await page.getByTestId('task-report-send').boundingBox();
    expect(send!.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'tasks-report-phone');
    await page.getByTestId('task-report-send').click();
    const report = page.getByTestId('task-report');
    await report.first().waitFor();
    expect(await report.first().textContent()).toContain('Đã vận động được 12 hộ');
    expect(await page.getByTestId('task-report-file-link').textContent()).toContain('danh-sach-ho.jpg');
    await shot(page, 'tasks-reported-phone');
    await page.goto('/my-tasks');
    await page.getByTestId('task-line').first().waitFor();
    await shot(page, 'tasks-mine-phone');
  });

  it('the secretary sees the report and marks the task done, after confirming', async () => {
    const page = await loggedIn('bithu.cb1', { ...DESKTOP });
    await page.goto(taskUrl);
    await page.getByTestId('task-assessment').waitFor();
    expect(await page.getByTestId('task-report').count()).toBe(1);
    await shot(page, 'tasks-page-desktop');
    await page.getByTestId('task-achieved').fill('20');
    await page.getByTestId('task-outcome-done').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid="task-page"][data-outcome="done"]').waitFor();
    expect(await page.getByTestId('task-outcome').textContent()).toContain('Hoàn thành');
    expect(await page.getByTestId('task-history').textContent()).toContain('Hoàn thành');
    // Assessed: no more reports on it.
    expect(await page.getByTestId('task-report-form').count()).toBe(0);
    await shot(page, 'tasks-done-desktop');

    const cell = (await getJson(page, '/api/v1/home')).cells[0].unitId as number;
    await page.goto(`/tasks?unitId=${cell}`);
    await page.getByTestId('task-line').first().waitFor();
    await shot(page, 'tasks-list-desktop');
  });

  it("the commune's dashboard counts it among the tasks completed", async () => {
    const page = await loggedIn('tochuc', { ...DESKTOP });
    const me = await getJson(page, '/api/v1/auth/me');
    const commune = me.grants[0].unitId as number;
    const from = `${today.slice(0, 4)}-01-01`;
    const to = `${today.slice(0, 4)}-12-31`;
    await page.goto(`/units/${commune}/dashboard?from=${from}&to=${to}&date=${today}`);
    const section = page.getByTestId('dashboard-tasks');
    await section.waitFor();
    await section.scrollIntoViewIfNeeded();
    const figures = await getJson(page, `/api/v1/figures/units/${commune}/tasks?from=${from}&to=${to}`);
    expect(figures.byOutcome.find((o: { key: string }) => o.key === 'done').n).toBeGreaterThanOrEqual(1);
    expect(await section.textContent()).toContain('Thực hiện nhiệm vụ được giao');
    await section.screenshot({ path: path.join(SHOTS, 'tasks-dashboard-desktop.png') });
    const phone = await loggedIn('tochuc', { ...PHONE });
    await phone.goto(`/units/${commune}/dashboard?from=${from}&to=${to}&date=${today}`);
    await phone.getByTestId('dashboard-tasks').waitFor();
    await phone.getByTestId('dashboard-tasks').screenshot({ path: path.join(SHOTS, 'tasks-dashboard-phone.png') });
  });
});

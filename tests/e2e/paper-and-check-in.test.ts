// On a phone (390×844) in Debian's Chromium against the real `chibo start`:
// - the secretary closes and reopens the check-in window; a logged-out member who scans
//   the QR is asked to log in and comes back to the check-in, then a second scan is calm;
// - the notice status and a resend on the meeting page;
// - the paper path: the notice, the sign-in sheet and the minutes print views fit a phone
//   and keep the party name on one line; attendance entered from the signed sheet.
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { DEMO_PASSWORD, useChibo } from './helpers/session.ts';

const { newPage, loggedIn, shot } = useChibo();

/** "HH:MM" in Việt Nam, `offset` minutes from now (clamped to today). */
function vnClock(offset: number): { date: string; time: string } {
  const at = new Date(Date.now() + 7 * 3600_000 + offset * 60_000);
  const date = at.toISOString().slice(0, 10);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  if (date !== today) return { date: today, time: offset < 0 ? '00:00' : '23:59' };
  return { date, time: at.toISOString().slice(11, 16) };
}

/** A thematic meeting of the secretary's cell, today, running now (so check-in is open). */
async function planMeetingNow(api: APIRequestContext): Promise<number> {
  const me = await (await api.get('/api/v1/auth/me')).json();
  const unitId = me.grants.find((g: { role: string }) => g.role === 'secretary').unitId;
  const start = vnClock(-5);
  const end = vnClock(115);
  const res = await api.post('/api/v1/meetings', {
    data: { unitId, kind: 'thematic', date: start.date, startTime: start.time, endTime: end.time, place: 'Nhà văn hóa thôn', topic: 'Chuyên đề học tập' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
/** The party name's box is one line high (its height is less than two of its lines). */
const partyOnOneLine = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('.party')!;
    const style = getComputedStyle(el);
    return el.getBoundingClientRect().height < 2 * Number.parseFloat(style.lineHeight || style.fontSize);
  });

describe('check-in the secretary controls', () => {
  it('closes and reopens; a logged-out scan leads through login back to the check-in; a second scan is calm', async () => {
    const secretary = await loggedIn('bithu.cb1', { ...PHONE });
    const id = await planMeetingNow(secretary.context().request);
    await secretary.goto(`/meetings/${id}?tab=attendance`);
    const panel = secretary.getByTestId('check-in-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-state')).toBe('open');
    await secretary.getByTestId('check-in-close').click();
    await secretary.getByTestId('confirm-ok').click();
    await secretary.locator('[data-testid="check-in-panel"][data-state="closed"]').waitFor();
    await secretary.getByTestId('check-in-open-now').click();
    await secretary.locator('[data-testid="check-in-panel"][data-state="open"]').waitFor();
    await shot(secretary, 'check-in-window-controls-phone');
    const qrUrl: string = (await (await secretary.context().request.get(`/api/v1/meetings/${id}/check-in-code`)).json()).qrUrl;

    // The member's phone camera opens the QR link while logged out.
    const member = await newPage({ ...PHONE });
    await member.goto(new URL(qrUrl).pathname + new URL(qrUrl).search);
    await member.waitForURL(/\/login\?next=/);
    expect(await member.getByTestId('login-to-check-in').textContent()).toContain('Đăng nhập để điểm danh');
    await shot(member, 'check-in-login-first-phone');
    await member.getByTestId('login-username').fill('dangvien');
    await member.getByTestId('login-password').fill(DEMO_PASSWORD);
    await member.getByTestId('login-submit').click();
    await member.waitForURL(/\/check-in\?qr=/);
    await member.getByTestId('check-in-success').waitFor();

    // Scanning again: calm, with the time of the first.
    await member.goto(new URL(qrUrl).pathname + new URL(qrUrl).search);
    const already = member.getByTestId('check-in-already');
    await already.waitFor();
    expect(await already.textContent()).toMatch(/^Đã điểm danh lúc \d\d:\d\d$/);
    expect(await member.getByTestId('check-in-error').count()).toBe(0);
    await shot(member, 'check-in-second-scan-phone');
  });
});

describe('notices and the paper path', () => {
  it('shows the notice status and resends; prints the notice, the sign-in sheet and the minutes on a phone; enters attendance from the sheet', async () => {
    const secretary = await loggedIn('bithu.cb1', { ...PHONE });
    const api = secretary.context().request;
    const id = await planMeetingNow(api);
    await secretary.goto(`/meetings/${id}`);

    // The notice: status, then a resend to those who have not seen it.
    const status = secretary.getByTestId('notice-status');
    await status.waitFor();
    await secretary.getByTestId('notice-resend-unseen').click();
    await secretary.locator('.ant-message-notice').filter({ hasText: 'Đã gửi lại thông báo cho' }).waitFor();
    await secretary.getByTestId('notice-status-sent').waitFor();
    expect(await secretary.getByTestId('notice-status-sent').textContent()).toMatch(/^Đã thông báo \d+ đảng viên lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await secretary.getByTestId('papers-card').scrollIntoViewIfNeeded();
    await shot(secretary, 'meeting-papers-phone');

    // The print views fit the phone, text 16 px and up, the party name on one line.
    for (const paper of ['notice', 'sign-in-sheet']) {
      const view = await secretary.context().newPage();
      await view.goto(`/api/v1/meetings/${id}/${paper}/print`);
      expect(await noSidewaysScroll(view)).toBe(true);
      expect(await partyOnOneLine(view)).toBe(true);
      expect(await view.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(16);
      await shot(view, `print-${paper}-phone`);
      await view.close();
    }
    const sheet = await secretary.context().newPage();
    await sheet.goto(`/api/v1/meetings/${id}/sign-in-sheet/print`);
    expect(await sheet.locator('th').allTextContents()).toEqual(expect.arrayContaining(['STT', 'Họ và tên', 'Ký tên']));
    // Printed: the party name still on one line, the signatures kept with the closing text.
    await sheet.emulateMedia({ media: 'print' });
    expect(await partyOnOneLine(sheet)).toBe(true);
    expect(await sheet.evaluate(() => getComputedStyle(document.querySelector('.end')!).breakInside)).toBe('avoid');
    await sheet.close();

    // Attendance from the signed sheet: one tap per member, one save.
    await secretary.goto(`/meetings/${id}`);
    await secretary.getByTestId('sheet-entry-link').click();
    await secretary.getByTestId('sheet-entry-page').waitFor();
    const rows = secretary.getByTestId('sheet-entry-row');
    const count = await rows.count();
    expect(count).toBeGreaterThan(2);
    await rows.nth(0).getByTestId('sheet-mark-absent_excused').click();
    await rows.nth(0).getByTestId('sheet-entry-reason').fill('Đi viện');
    await rows.nth(1).getByTestId('sheet-mark-absent_unexcused').click();
    await secretary.getByTestId('sheet-entry-rest-present').click();
    expect(await noSidewaysScroll(secretary)).toBe(true);
    // The save bar stays on the phone's screen at the top of the list, not after the last name.
    await rows.nth(0).scrollIntoViewIfNeeded();
    const bar = await secretary.getByTestId('sheet-entry-save').boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(secretary.viewportSize()!.height);
    await shot(secretary, 'sheet-entry-phone', false);
    await secretary.getByTestId('sheet-entry-save').click();
    await secretary.waitForURL(/tab=attendance/);
    const attendance = await (await api.get(`/api/v1/meetings/${id}/attendance`)).json();
    expect(attendance.summary).toMatchObject({ present: count - 2, absentExcused: 1, absentUnexcused: 1, unmarked: 0 });

    // The minutes print view on a phone: one line for the party name; signatures with the text.
    const saved = await api.put(`/api/v1/meetings/${id}/minutes`, { data: { content: { conclusions: 'Thống nhất.', chairName: 'Nguyễn Văn Tân' } } });
    expect(saved.status()).toBe(200);
    const minutes = await secretary.context().newPage();
    await minutes.goto(`/api/v1/meetings/${id}/minutes/print`);
    expect(await noSidewaysScroll(minutes)).toBe(true);
    expect(await partyOnOneLine(minutes)).toBe(true);
    await minutes.emulateMedia({ media: 'print' });
    expect(await partyOnOneLine(minutes)).toBe(true);
    expect(await minutes.locator('.end .sign').count()).toBe(1);
    await shot(minutes, 'print-minutes-phone');
  });
});

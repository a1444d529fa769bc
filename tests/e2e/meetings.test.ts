// A monthly cell meeting end to end in Debian's Chromium against the real `chibo start`:
// the secretary plans it for today from the standard agenda, a member checks in from a
// phone with the 6-digit code, the secretary takes the roll for the others, writes and
// adopts the minutes, and downloads the .docx, whose header lines and attendance
// figures are read back from the file.

import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { SHOTS, useChibo } from './helpers/session.ts';

const CELL = 'Chi bộ thôn Bắc Sơn';
const SECRETARY = 'Nguyễn Văn Tân'; // bithu.cb1's own member record

const { newPage, shot } = useChibo();

/** Now in Việt Nam, whatever the machine's time zone. */
function vietnamNow() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.day}/${parts.month}/${parts.year}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const number = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));

describe('a monthly cell meeting', () => {
  it('is planned, checked into from a phone, minuted, adopted and downloaded as a .docx', async () => {
    // ---- The secretary plans today's meeting from the standard agenda. ----
    const secretary = await newPage({ viewport: { width: 1280, height: 900 } });
    await secretary.goto('/login?next=/meetings');
    await secretary.getByTestId('login-username').fill('bithu.cb1');
    await secretary.getByTestId('login-password').fill('chibo@2026');
    await secretary.getByTestId('login-submit').click();
    await secretary.getByTestId('meetings-page').waitFor();
    await secretary.getByTestId('meeting-plan').click();

    const now = vietnamNow();
    // A window around now, so the check-in is open and the minutes may be adopted.
    const start = Math.max(0, now.minutes - 5);
    const end = Math.min(23 * 60 + 59, start + 120);
    await secretary.getByTestId('plan-kind').click();
    await secretary.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Sinh hoạt chi bộ thường kỳ' }).click();
    // The standard agenda (HD 12) fills the list.
    await secretary.getByTestId('plan-agenda-item').nth(5).waitFor();
    const agendaItems = await secretary.getByTestId('plan-agenda-item').count();
    expect(await secretary.getByTestId('plan-agenda-title').first().inputValue()).toMatch(/^Khai mạc/);
    // The form proposes the cell's usual day; this test holds the meeting today.
    await secretary.getByTestId('plan-date').fill(now.date);
    await secretary.getByTestId('plan-date').press('Enter');
    expect(await secretary.getByTestId('plan-date').inputValue()).toBe(now.date);
    await secretary.getByTestId('plan-start').fill(hhmm(start));
    await secretary.getByTestId('plan-end').fill(hhmm(end));
    await secretary.getByTestId('plan-place').fill('Nhà văn hóa thôn Bắc Sơn');
    await secretary.getByTestId('plan-topic').fill('Sinh hoạt chi bộ thường kỳ tháng này');
    await secretary.getByTestId('plan-focal').nth(0).fill('Thu hoạch lúa vụ mùa');
    await secretary.getByTestId('plan-focal').nth(1).fill('Vệ sinh môi trường khu dân cư');
    await shot(secretary, 'meetings-plan');
    await secretary.getByTestId('plan-save').click();
    await secretary.waitForURL(/\/meetings\/\d+$/);
    const meetingUrl = new URL(secretary.url()).pathname;
    await secretary.getByTestId('meeting-agenda-item').first().waitFor();
    expect(await secretary.getByTestId('meeting-agenda-item').count()).toBe(agendaItems);
    expect(await secretary.getByTestId('meeting-when').textContent()).toContain(`${now.date} · ${hhmm(start)}–${hhmm(end)}`);

    // The check-in panel shows the code and the QR image, open now.
    await secretary.getByTestId('meeting-tab-attendance').click();
    const panel = secretary.getByTestId('check-in-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-state')).toBe('open');
    const code = (await secretary.getByTestId('check-in-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await secretary.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="check-in-qr"]');
      return img?.complete && img.naturalWidth > 0;
    });

    // ---- A member checks in on a phone by typing the code. ----
    const member = await newPage({ ...PHONE });
    await member.goto('/login');
    await member.getByTestId('login-username').fill('dangvien');
    await member.getByTestId('login-password').fill('chibo@2026');
    await member.getByTestId('login-submit').click();
    // Their start page lists today's meeting with a check-in button while the window is open.
    const card = member.getByTestId('my-meetings-card');
    await card.getByTestId('my-meeting-check-in').click();
    await member.waitForURL(/\/check-in$/);
    await member.getByTestId('check-in-code-input').fill(code);
    await member.getByTestId('check-in-submit').click();
    await member.getByTestId('check-in-success').waitFor();
    expect(await member.getByTestId('check-in-meeting').textContent()).toContain(CELL);
    await shot(member, 'meetings-check-in-phone');
    // A second check-in is answered calmly with the time of the first, not as an error.
    await member.goto('/check-in');
    await member.getByTestId('check-in-code-input').fill(code);
    await member.getByTestId('check-in-submit').click();
    expect(await member.getByTestId('check-in-already').textContent()).toMatch(/^Đã điểm danh lúc \d\d:\d\d$/);

    // ---- The secretary takes the roll for the others. ----
    await secretary.getByTestId('roll-refresh').click();
    const selfChecked = secretary.getByTestId('roll-row').filter({ has: secretary.getByTestId('roll-self') });
    await selfChecked.first().waitFor();
    expect(await selfChecked.count()).toBe(1);
    const others = secretary.getByTestId('roll-row').filter({ hasNot: secretary.getByTestId('roll-self') });
    const excused = others.filter({ hasNotText: SECRETARY }).nth(0);
    const unexcused = others.filter({ hasNotText: SECRETARY }).nth(1);
    await excused.getByTestId('roll-excused').click();
    // The reason box is not red before anything could be typed; it is once left empty.
    const reason = excused.getByTestId('roll-reason');
    expect(await reason.getAttribute('class')).not.toContain('ant-input-status-error');
    expect(await secretary.getByTestId('roll-reason-missing').count()).toBe(0);
    await reason.focus();
    await reason.blur();
    expect(await reason.getAttribute('class')).toContain('ant-input-status-error');
    await secretary.getByTestId('roll-reason-missing').waitFor();
    await reason.fill('Đi công tác');
    await unexcused.getByTestId('roll-unexcused').click();
    await secretary.getByTestId('roll-rest-present').click();
    expect(await number(secretary, 'roll-unmarked')).toBe(0);
    // The save bar stays on screen at the top of the list, not 46 rows further down.
    await others.first().scrollIntoViewIfNeeded();
    const bar = await secretary.getByTestId('roll-save').boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(secretary.viewportSize()!.height);
    // A reload before saving loses no mark: the page asks first, and the marks come back.
    secretary.once('dialog', (dialog) => void dialog.accept());
    await secretary.reload();
    await secretary.getByTestId('roll-restored').waitFor();
    expect(await number(secretary, 'roll-unmarked')).toBe(0);
    expect(await secretary.getByTestId('roll-reason').inputValue()).toBe('Đi công tác');
    await secretary.getByTestId('roll-save').click();
    await secretary.locator('.ant-message-notice').filter({ hasText: 'Đã lưu điểm danh' }).waitFor();
    const total = await number(secretary, 'roll-total');
    const expected = await number(secretary, 'roll-expected');
    const present = await number(secretary, 'roll-present-count');
    expect(await number(secretary, 'roll-excused-count')).toBe(1);
    expect(await number(secretary, 'roll-unexcused-count')).toBe(1);
    expect(present).toBe(expected - 2);
    expect(total).toBeGreaterThan(expected); // one member of the demo cell is exempted, listed apart
    expect(await secretary.getByTestId('roll-apart-row').count()).toBe(total - expected);
    await shot(secretary, 'meetings-roll-call');

    // ---- The minutes: the editor checks the vote against those present before sending. ----
    await secretary.getByTestId('meeting-tab-minutes').click();
    await secretary.getByTestId('minutes-form').waitFor();
    // A first draft names the cell's secretary on the meeting's date as the chair.
    await secretary.waitForFunction((name) => document.querySelector<HTMLInputElement>('[data-testid="minutes-chair"]')?.value === name, SECRETARY);
    expect(await secretary.getByTestId('minutes-chair-position').inputValue()).toBe(`Bí thư ${CELL}`);
    await secretary.getByTestId('minutes-chair-position').fill('Bí thư chi bộ');
    await secretary.getByTestId('minutes-taker').fill('Trần Văn Chiến');
    await secretary.getByTestId('minutes-agenda-summary').first().fill('Đồng chí bí thư nêu mục đích, yêu cầu buổi sinh hoạt.');
    await secretary.getByTestId('minutes-previous').fill('Hoàn thành các chỉ tiêu nghị quyết tháng trước.');
    await secretary.getByTestId('minutes-conclusions').fill('Chi bộ thống nhất tập trung thu hoạch lúa và vệ sinh môi trường.');
    await secretary.getByTestId('minutes-resolution-item').first().fill('Hoàn thành thu hoạch lúa trước ngày 30.');
    await secretary.getByTestId('minutes-votes-for').fill(String(present + 1));
    await secretary.getByTestId('minutes-votes-against').fill('0');
    await secretary.getByTestId('minutes-votes-abstain').fill('0');
    await secretary.getByTestId('minutes-save').click();
    await secretary
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: `lớn hơn số đảng viên có mặt (${present})` })
      .first()
      .waitFor();
    await secretary.getByTestId('minutes-votes-for').fill(String(present));
    await secretary.getByTestId('minutes-task-add').click();
    await secretary.getByTestId('minutes-task-assignee').fill('Tổ dân vận');
    await secretary.getByTestId('minutes-task-description').fill('Vận động hộ gia đình thu gom rác đúng giờ.');
    await secretary.getByTestId('minutes-save').click();
    await secretary.locator('.ant-message-notice').filter({ hasText: 'Đã lưu dự thảo biên bản' }).waitFor();

    // HD 12: grade before adopting. Adopting first sends the secretary to the quality tab.
    await secretary.getByTestId('minutes-adopt').click();
    await secretary.locator('.ant-modal-confirm').filter({ hasText: 'Chưa đánh giá chất lượng buổi sinh hoạt' }).waitFor();
    await secretary.getByTestId('confirm-ok').click();
    await secretary.getByTestId('quality-tab').waitFor();
    // The HD 12 checklist: eight conditions, each with why; the previous resolution is recorded on its line.
    await secretary.getByTestId('quality-checklist').waitFor();
    // Before the first save the band is a neutral preview, not a red "Kém".
    expect(await secretary.getByTestId('quality-grade').getAttribute('data-preview')).toBe('true');
    expect(await secretary.getByTestId('quality-grade').textContent()).toBe('Chưa đánh giá');
    expect(await secretary.getByTestId('quality-points').textContent()).toMatch(/^Xem trước: \d+\/\d+ điểm, dự kiến xếp loại /);
    expect(await secretary.getByTestId('checklist-line').count()).toBe(8);
    for (const why of await secretary.getByTestId('checklist-why').allTextContents()) expect(why.length).toBeGreaterThan(5);
    await secretary.getByTestId('checklist-previous-done').click();
    await secretary.locator('[data-testid="checklist-line"][data-key="previous_resolution_done"][data-state="met"]').waitFor();
    // Readable on a phone: no sideways scrolling, reasons at 16 px, buttons at least 44 px tall.
    await secretary.setViewportSize({ width: 390, height: 844 });
    // The frame follows the new width on its next render: ask until it has.
    await expect.poll(() => secretary.evaluate(() => document.documentElement.scrollWidth), { timeout: 5000 }).toBeLessThanOrEqual(390);
    const whyStyle = await secretary
      .getByTestId('checklist-why')
      .first()
      .evaluate((e) => getComputedStyle(e).fontSize);
    expect(Number.parseFloat(whyStyle)).toBeGreaterThanOrEqual(16);
    const button = await secretary.getByTestId('checklist-previous-done').boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await shot(secretary, 'meetings-quality-checklist-phone');
    const axe = await new AxeBuilder({ page: secretary as never }).include('[data-testid="quality-checklist"]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await secretary.setViewportSize({ width: 1280, height: 900 });
    await secretary.getByTestId('quality-tick').first().check();
    await secretary.getByTestId('quality-save').click();
    await secretary.locator('.ant-message-notice').last().waitFor();
    await secretary.locator('[data-testid="quality-grade"][data-preview="false"]').waitFor();
    await secretary.getByTestId('meeting-tab-minutes').click();

    // Adoption locks the minutes; afterwards only an amendment changes them. The dialog shows the grade.
    await secretary.getByTestId('minutes-adopt').click();
    await secretary.getByTestId('adopt-grade').waitFor();
    expect(await secretary.getByTestId('adopt-grade').textContent()).toMatch(/^Chất lượng buổi sinh hoạt: (Tốt|Khá|Trung bình|Kém) \(\d+\/\d+ điểm\)/);
    await secretary.getByTestId('confirm-ok').click();
    await secretary.getByTestId('minutes-adopted').waitFor();
    await secretary.getByTestId('minutes-amend').waitFor();
    expect(await secretary.getByTestId('minutes-save').count()).toBe(0);
    expect(await secretary.getByTestId('minutes-votes-view').textContent()).toContain(`tán thành ${present}`);
    await shot(secretary, 'meetings-minutes-adopted');

    // ---- The .docx in the party document layout. ----
    const [download] = await Promise.all([secretary.waitForEvent('download'), secretary.getByTestId('minutes-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(SHOTS, 'bien-ban.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain(CELL.toLocaleUpperCase('vi-VN'));
    expect(text).toContain(`${CELL} tiến hành sinh hoạt`);
    expect(text).toContain('BIÊN BẢN');
    expect(text).toMatch(/Số \d+-BB\/CB/);
    // HD 12 splits the total into full and probationary members (RULES §2).
    expect(text).toMatch(
      new RegExp(
        `Tổng số đảng viên của chi bộ: ${total} đồng chí \\(chính thức: \\d+ đồng chí, dự bị: \\d+ đồng chí\\), trong đó miễn sinh hoạt: ${total - expected} đồng chí`,
      ),
    );
    expect(text).toContain(`Có mặt: ${present}/${expected} đồng chí phải dự họp`);
    expect(text).toContain('Vắng có lý do: 1 đồng chí');
    expect(text).toContain('(Đi công tác)');
    expect(text).toContain('Vắng không có lý do: 1 đồng chí');
    expect(text).toContain(`Biểu quyết: tán thành ${present}/${present} đồng chí có mặt`);
    expect(text).not.toContain('DỰ THẢO');

    // The member sees the meeting as checked in.
    await member.goto('/my-meetings');
    await member
      .getByTestId('my-meeting')
      .filter({ has: member.getByTestId('my-meeting-checked-in') })
      .first()
      .waitFor();
    expect(meetingUrl).toMatch(/^\/meetings\/\d+$/);
    // ... and the past year's meetings, newest first, each with their own mark in the roll call.
    await member.getByTestId('my-past-meeting').first().waitFor();
    expect(await member.getByTestId('my-past-summary').textContent()).toMatch(/^Sinh hoạt chi bộ: có mặt \d+\/\d+ buổi có điểm danh$/);
    const pastDates = await member.getByTestId('my-past-meeting').evaluateAll((items) => items.map((i) => i.querySelector('a')!.textContent!.slice(0, 10)));
    const asIso = pastDates.map((d) => d.split('/').reverse().join('-'));
    expect(asIso).toEqual([...asIso].sort().reverse());
    expect(await member.getByTestId('my-past-meeting-mark').allTextContents()).toContain('Có mặt');

    // A meeting on a later day: its attendance tab says it has not happened, with no ratio.
    await secretary.goto('/meetings');
    await secretary.getByTestId('meetings-upcoming').click();
    await secretary.getByTestId('meeting-link').first().waitFor();
    const links = await secretary.getByTestId('meeting-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    let later = false;
    for (const href of links) {
      await secretary.goto(href);
      const when = (await secretary.getByTestId('meeting-when').textContent())!;
      if (when.startsWith(now.date)) continue;
      later = true;
      break;
    }
    expect(later).toBe(true);
    await secretary.getByTestId('meeting-tab-attendance').click();
    await secretary.getByTestId('roll-not-yet').waitFor();
    expect(await secretary.getByTestId('roll-not-yet').textContent()).toContain('Buổi sinh hoạt chưa diễn ra');
    expect(await secretary.getByTestId('roll-rate').count()).toBe(0);
    expect(await secretary.getByTestId('roll-present-count').count()).toBe(0);
  });
});

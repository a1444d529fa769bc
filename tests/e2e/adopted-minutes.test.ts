// What was adopted stays as adopted, on a phone (390×844), as the demo's cell secretary:
// the roll of an adopted meeting is read-only with a note to amend, and an amendment that
// corrects one member's attendance (recorded absent, in fact there) changes the roll's figures.
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();

describe('adopted minutes', () => {
  it('shows the frozen roll and corrects attendance by an amendment', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    const request = page.context().request;
    const found = await (await request.get(`/api/v1/units/search?q=${encodeURIComponent('Chi bộ thôn Bắc Sơn')}`)).json();
    const cell = found.items.find((i: { name: string }) => i.name === 'Chi bộ thôn Bắc Sơn').id;
    const list = await (await request.get(`/api/v1/meetings?unitId=${cell}&kind=regular`)).json();
    // An adopted meeting with someone recorded absent: the amendment says they were there after all.
    type Entry = { fullName: string; attendance: string | null };
    let meeting: { id: number } | undefined;
    let before: { summary: { present: number; absentExcused: number; absentUnexcused: number }; members: Entry[] } | undefined;
    for (const m of list.items.filter((x: { minutesStatus: string }) => x.minutesStatus === 'adopted')) {
      const a = await (await request.get(`/api/v1/meetings/${m.id}/attendance`)).json();
      if (a.members.some((e: Entry) => e.attendance?.startsWith('absent'))) {
        meeting = m;
        before = a;
        break;
      }
    }
    if (!meeting || !before) throw new Error('no adopted meeting with an absence in the demo');
    const index = before.members.findIndex((e) => e.attendance?.startsWith('absent'));
    const who = before.members[index]!.fullName;

    await page.goto(`/meetings/${meeting.id}?tab=attendance`);
    await page.getByTestId('roll-adopted-frozen').waitFor();
    expect(await page.getByTestId('roll-save').count()).toBe(0);
    expect(await page.getByTestId('roll-present-count').textContent()).toContain(String(before.summary.present));
    await shot(page, 'adopted-roll-frozen');

    await page.goto(`/meetings/${meeting.id}?tab=minutes`);
    await page.getByTestId('minutes-amend').click();
    await page.getByTestId('minutes-amend-reason').fill(`Đồng chí ${who} có dự họp, ghi nhầm là vắng`);
    const select = page.getByTestId('amend-attendance').locator('.ant-select').nth(index);
    await select.scrollIntoViewIfNeeded();
    await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^Có mặt$/ })
      .click();
    await page.getByTestId('minutes-amend-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('minutes-amendment').first().waitFor();

    const after = await (await request.get(`/api/v1/meetings/${meeting.id}/attendance`)).json();
    expect(after.summary.present).toBe(before.summary.present + 1);
    expect(after.summary.absentExcused + after.summary.absentUnexcused).toBe(before.summary.absentExcused + before.summary.absentUnexcused - 1);
    expect(after.members[index].attendance).toBe('present');
    await page.goto(`/meetings/${meeting.id}?tab=attendance`);
    await page
      .getByTestId('roll-present-count')
      .filter({ hasText: String(after.summary.present) })
      .waitFor();
    await shot(page, 'adopted-roll-amended');
  });
});

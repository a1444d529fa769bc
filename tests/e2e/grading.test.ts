// Review and grading in the browser (issue 9 items 5 and 6), against the real `chibo start`
// and its commune demo: the commune committee opens the year 2025 after seeing the rule set
// it will use; a member scores themselves on a phone, the band following the points, and
// sends it; the cell's secretary appraises and proposes HTXSNV; the committee decides, the
// quota refuses with its numbers (1 HTXSNV > 20% × 0 HTTNV = 0), the committee adjusts to
// HTTNV and decides; the grade is locked, and the results page counts it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };

const confirmOk = async (page: Page) => {
  await page.getByTestId('confirm-ok').click();
};

// One round, step by step: each step a test (its own pages) on the period the first one opened.
describe('a year of review and grading, from the member’s phone to the results', () => {
  let periodId = 0;

  it('the commune committee opens the year 2025 after seeing the rule set it will use', async () => {
    // ── The commune committee opens the year, seeing the rule set first ──
    const committee = await loggedIn('capuy', DESKTOP);
    await committee.goto('/');
    await committee.getByTestId('nav-grading').first().click();
    await committee.getByTestId('grading-page').waitFor();
    await committee.getByTestId('grading-open-period').click();
    await committee.getByTestId('open-period-rules-title').waitFor();
    expect(await committee.getByTestId('open-period-rules-title').textContent()).toContain('366-QĐ/TW');
    expect(await committee.getByTestId('open-period-starts').inputValue()).toBe('01/01/2025');
    expect(await committee.getByTestId('open-period-ends').inputValue()).toBe('31/12/2025');
    await shot(committee, 'grading-open-desktop', false);
    // Ending the period in 2024 would use QĐ 124: the box follows the end date.
    await committee.getByTestId('open-period-ends').fill('31/12/2024');
    await committee.getByTestId('open-period-ends').press('Tab');
    await committee.getByTestId('open-period-rules-title').filter({ hasText: '124-QĐ/TW' }).waitFor();
    await committee.getByTestId('open-period-ends').fill('31/12/2025');
    await committee.getByTestId('open-period-ends').press('Tab');
    await committee.getByTestId('open-period-rules-title').filter({ hasText: '366-QĐ/TW' }).waitFor();
    await committee.getByTestId('open-period-submit').click();
    await committee.locator('.ant-modal-confirm').filter({ hasText: 'Quy định 366-QĐ/TW' }).waitFor();
    await confirmOk(committee);
    await committee.getByTestId('grading-period-page').waitFor();
    periodId = Number(await committee.getByTestId('grading-period-page').getAttribute('data-period-id'));
    expect(await committee.getByTestId('progress-self').textContent()).toMatch(/^0\/\d+$/);
  });

  it('a member scores themselves on a phone, the band following the points, and sends it', async () => {
    const member = await loggedIn('dangvien', PHONE);
    await member.goto('/grading/me');
    const form = member.getByTestId('self-assessment-form');
    await form.waitFor();
    await member.getByTestId('score-general').fill('28');
    await member.getByTestId('score-task_results').fill('62');
    await member.getByTestId('self-band').filter({ hasText: 'Tổng điểm: 90/100' }).waitFor();
    expect(await member.getByTestId('self-band').getAttribute('data-band')).toBe('htxsnv');
    // 89,5 is below the 90 of HTXSNV.
    await member.getByTestId('score-task_results').fill('61,5');
    await member.getByTestId('self-band').filter({ hasText: 'Tổng điểm: 89,5/100' }).waitFor();
    expect(await member.getByTestId('self-band').getAttribute('data-band')).toBe('httnv');
    await member.getByTestId('score-task_results').fill('65');
    await member.getByTestId('self-grade-htxsnv').click();
    await member.getByTestId('form-field-uu_diem').fill('Hoàn thành vượt chỉ tiêu trồng rừng của thôn; gương mẫu nơi cư trú');
    await member.getByTestId('form-field-khuyet_diem').fill('Có buổi sinh hoạt chưa phát biểu ý kiến');
    const submit = await member.getByTestId('self-assessment-submit').boundingBox();
    expect(submit!.height).toBeGreaterThanOrEqual(44);
    await shot(member, 'grading-member-form-phone');
    expect(await seriousViolations(member)).toEqual([]);
    await member.getByTestId('self-assessment-submit').click();
    await member.locator('.ant-modal-confirm').filter({ hasText: 'Tổng 93 điểm' }).waitFor();
    await confirmOk(member);
    await member.getByTestId('my-grading-summary').waitFor();
    expect(await member.getByTestId('my-grading-entry').getAttribute('data-stage')).toBe('self_assessed');
    expect(await member.getByTestId('my-grading-summary').textContent()).toContain('93 điểm');
    // Beside it, the member registers "học tập và làm theo Bác" and their pledge for 2025.
    const commitment = member.getByTestId('my-commitment');
    expect(await commitment.textContent()).toContain('chưa đăng ký cho năm 2025');
    await commitment.getByTestId('my-commitment-edit').click();
    await member.getByTestId('my-commitment-content').fill('Học tập phong cách quần chúng của Bác; vận động 5 hộ hiến đất làm đường');
    await member.getByTestId('my-commitment-pledge').fill('Gương mẫu đi đầu, nói đi đôi với làm');
    expect((await member.getByTestId('my-commitment-save').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await member.getByTestId('my-commitment-save').click();
    await member.getByTestId('my-commitment-view').filter({ hasText: 'Gương mẫu đi đầu, nói đi đôi với làm' }).waitFor();
    expect(await member.getByTestId('my-commitment-edit').textContent()).toContain('Sửa đăng ký');
    await shot(member, 'grading-member-sent-phone');
    const memberDesktop = await loggedIn('dangvien', DESKTOP);
    await memberDesktop.goto('/grading/me');
    await memberDesktop.getByTestId('my-grading-summary').waitFor();
    await shot(memberDesktop, 'grading-member-sent-desktop');
  });

  it("the cell's secretary reads the self-assessment, appraises with the tasks and proposes HTXSNV; the cell assesses itself on form 2C", async () => {
    const secretary = await loggedIn('bithu.cb1', PHONE);
    await secretary.goto('/grading');
    await secretary.locator(`[data-testid="grading-period"][data-period-id="${periodId}"] a`).click();
    const assessed = secretary.locator('[data-testid="period-entry"][data-stage="self_assessed"]');
    await assessed.waitFor();
    expect(await assessed.count()).toBe(1);
    expect(await assessed.getByTestId('entry-self').textContent()).toContain('Hoàn thành vượt chỉ tiêu trồng rừng');
    await shot(secretary, 'grading-secretary-period-phone', false);
    await assessed.getByTestId('entry-propose').click();
    await secretary.getByTestId('proposal-score-general').waitFor();
    expect(await secretary.getByTestId('proposal-score-general').inputValue()).toBe('28,0');
    // What chibo holds about the member is shown above the form, read-only.
    const facts = await secretary.getByTestId('proposal-facts').textContent();
    expect(facts).toContain('Theo số liệu của chibo');
    expect(facts).toContain('Sinh hoạt chi bộ');
    expect(facts).toContain('Kỷ luật trong kỳ');
    for (const [k, v] of [
      ['total', '4'],
      ['onTime', '4'],
      ['exceeded', '2'],
      ['completed', '4'],
      ['behindSchedule', '0'],
    ])
      await secretary.getByTestId(`proposal-task-${k}`).fill(v);
    await secretary.getByTestId('proposal-note').fill('Chi bộ thống nhất đề nghị xếp loại Hoàn thành xuất sắc nhiệm vụ');
    await shot(secretary, 'grading-secretary-proposal-phone', false);
    await secretary.getByTestId('proposal-submit').click();
    await confirmOk(secretary);
    const proposed = secretary.locator('[data-testid="period-entry"][data-stage="proposed"]');
    await proposed.waitFor();
    expect(await proposed.getByTestId('entry-proposed-grade').getAttribute('data-grade')).toBe('htxsnv');
    // A cell's secretary proposes; the committee of the commune decides.
    expect(await secretary.getByTestId('period-view').textContent()).not.toContain('Quyết định');
    // The cell's committee assesses the cell itself on form 2C.
    await secretary.getByTestId('period-view').getByText('Tổ chức đảng').click();
    await secretary.getByTestId('entry-org-self').click();
    await secretary.getByTestId('score-general').fill('27');
    await secretary.getByTestId('score-task_results').fill('63');
    await secretary.getByTestId('self-grade-htxsnv').click();
    await secretary.getByTestId('form-field-uu_diem').fill('Lãnh đạo thôn hoàn thành các chỉ tiêu kinh tế - xã hội năm 2025');
    await secretary.getByTestId('self-assessment-submit').click();
    await confirmOk(secretary);
    await secretary.locator('[data-testid="period-entry"][data-stage="self_assessed"]').waitFor();
    expect(await secretary.locator('[data-testid="period-entry"][data-stage="self_assessed"]').getByTestId('entry-self').textContent()).toContain(
      'Lãnh đạo thôn hoàn thành',
    );
    const secretaryDesktop = await loggedIn('bithu.cb1', DESKTOP);
    await secretaryDesktop.goto(`/grading/periods/${periodId}`);
    await secretaryDesktop.locator('[data-testid="period-entry"][data-stage="proposed"]').waitFor();
    await shot(secretaryDesktop, 'grading-secretary-period-desktop');
  });

  it('the committee decides: the quota refuses with its numbers, the grade is adjusted, decided and locked', async () => {
    const committee = await loggedIn('capuy', DESKTOP);
    await committee.goto(`/grading/periods/${periodId}`);
    await committee.getByTestId('period-view').getByText('Quyết định').click();
    const row = committee.getByTestId('decision-row');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await committee.getByTestId('decision-number').fill('25-QĐ/ĐU');
    await committee.getByTestId('decision-submit').click();
    await committee.locator('.ant-modal-confirm').filter({ hasText: '25-QĐ/ĐU' }).waitFor();
    await confirmOk(committee);
    const warning = committee.getByTestId('quota-warning');
    await warning.waitFor();
    expect(await warning.getByTestId('decision-refusal-text').textContent()).toContain('1 HTXSNV > 20% × 0 HTTNV = 0');
    expect(await committee.getByTestId('decided-row').count()).toBe(0);
    await shot(committee, 'grading-quota-warning-desktop');
    expect(await seriousViolations(committee)).toEqual([]);
    const committeePhone = await loggedIn('capuy', PHONE);
    await committeePhone.goto(`/grading/periods/${periodId}`);
    await committeePhone.getByTestId('period-view').getByText('Quyết định').click();
    await committeePhone.getByTestId('decision-row').waitFor();
    await shot(committeePhone, 'grading-decide-phone', false);

    await row.getByTestId('decision-grade').click();
    await committee
      .locator('.ant-select-item-option')
      .filter({ hasText: /^HTTNV$/ })
      .click();
    await committee.getByTestId('decision-submit').click();
    await confirmOk(committee);
    await committee.getByTestId('decided-row').waitFor();
    expect(await committee.getByTestId('decided-row').textContent()).toContain('HTTNV');
    expect(await committee.getByTestId('decision-nothing').count()).toBe(1);
    await shot(committee, 'grading-decided-desktop');

    // The member sees the decision, locked.
    const member = await loggedIn('dangvien', PHONE);
    await member.goto('/grading/me');
    await member.getByTestId('my-grading-decided').waitFor();
    expect(await member.getByTestId('my-grading-decided').textContent()).toContain('Hoàn thành tốt nhiệm vụ');
    expect(await member.getByTestId('my-grading-decided').textContent()).toMatch(/25-QĐ\/ĐU.*ngày \d\d\/\d\d\/\d{4}/);
    expect(await member.getByTestId('my-grading-edit').count()).toBe(0);
  });

  it('the results count the grade by n/of, and an amendment with its reason changes it', async () => {
    const committee = await loggedIn('capuy', DESKTOP);
    const committeePhone = await loggedIn('capuy', PHONE);
    await committee.goto(`/grading/periods/${periodId}`);
    await committee.getByTestId('period-results').click();
    await committee.getByTestId('grading-results-page').waitFor();
    const table = committee.getByTestId('results-members-table');
    await table.waitFor();
    const httnv = table.locator('tr').filter({ hasText: 'Hoàn thành tốt nhiệm vụ' });
    const graded = (await committee.getByTestId('results-members-graded').textContent())!;
    const [, of] = /\((\d+)\/(\d+)\)/.exec(graded)!.slice(1);
    expect(await httnv.textContent()).toContain(`(1/${of})`);
    expect(graded).toContain('đã quyết định 1');
    await shot(committee, 'grading-results-desktop');
    expect(await seriousViolations(committee)).toEqual([]);
    await committeePhone.goto(await committee.url().replace(/^https?:\/\/[^/]+/, ''));
    await committeePhone.getByTestId('results-members-table').waitFor();
    await shot(committeePhone, 'grading-results-phone');

    // ── A decided grade changes only by an amendment with its reason, confirmed ──
    await committee.getByTestId('results-back').click();
    await committee.getByTestId('period-view').getByText('Quyết định').click();
    await committee.getByTestId('amend-open').click();
    await committee.getByTestId('amend-grade').click();
    await committee
      .locator('.ant-select-item-option')
      .filter({ hasText: /^Hoàn thành nhiệm vụ$/ })
      .click();
    await committee.getByTestId('amend-reason').fill('Phát hiện vi phạm quy định nêu gương sau khi đã xếp loại');
    await committee.getByTestId('amend-submit').click();
    await committee.locator('.ant-modal-confirm').filter({ hasText: 'thành "Hoàn thành nhiệm vụ"' }).waitFor();
    await confirmOk(committee);
    await committee.getByTestId('decided-row').filter({ hasText: 'Đã điều chỉnh' }).waitFor();
    expect(await committee.getByTestId('decided-row').textContent()).toContain('HTNV');

    // ── The commune's dashboard shows the year's result, the amendment included ──
    const unitId = await committee.evaluate(async (id) => (await (await fetch(`/api/v1/grading/periods/${id}`)).json()).unitId as number, periodId);
    await committee.goto(`/units/${unitId}/dashboard?date=2025-12-31&p=year&from=2025-01-01&to=2025-12-31`);
    const section = committee.getByTestId('dashboard-grading');
    await section.getByTestId('dashboard-grading-members-graded').waitFor();
    expect(await section.getByTestId('dashboard-grading-members-graded').textContent()).toContain('đã quyết định 1.');
    const htnv = section
      .getByTestId('dashboard-grading-members')
      .locator('tr')
      .filter({ hasText: /^Hoàn thành nhiệm vụ/ });
    expect(await htnv.textContent()).toContain('(1/');
    await shot(committee, 'grading-dashboard-desktop');
  });
});

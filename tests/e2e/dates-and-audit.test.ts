// In Debian's Chromium against the real `chibo start` with the demo commune:
// - a date that does not exist (31/02/2025) stays in the box with its error beside it, and
//   nothing is saved (the member keeps their date of birth, no meeting is planned);
// - the admin's audit page and a member's trail name the cells, not their numbers, and
//   every action is in words;
// - a committee member ("Cấp ủy viên (xem, dự sinh hoạt, xếp loại)") sees no plan, edit or cancel button.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();

async function apiJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.context().request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

describe('a wrong date is never dropped', () => {
  it('keeps 31/02/2025 in the date of birth with its error, and saves nothing', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    const list = await apiJson<{ items: Array<{ id: number; fullName: string }> }>(page, '/api/v1/members?pageSize=1');
    const member = list.items[0]!;
    const before = await apiJson<{ dateOfBirth: string }>(page, `/api/v1/members/${member.id}`);

    await page.goto(`/members/${member.id}/edit`);
    const box = page.getByTestId('member-field-dateOfBirth');
    await box.waitFor();
    await box.fill('31/02/2025');
    await box.press('Tab');
    const error = page.locator('.ant-form-item-explain-error').filter({ hasText: 'Không có ngày 31/02/2025 trong lịch' });
    await error.waitFor();
    expect(await box.inputValue()).toBe('31/02/2025');

    let patched = false;
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes(`/api/v1/members/${member.id}`)) patched = true;
    });
    await page.getByTestId('member-save').click();
    await page.waitForTimeout(500);
    expect(patched).toBe(false);
    expect(await box.inputValue()).toBe('31/02/2025');
    expect(await page.locator('.ant-message-notice').filter({ hasText: 'Đã lưu' }).count()).toBe(0);
    await shot(page, 'dates-wrong-birth-phone');
    expect((await apiJson<{ dateOfBirth: string }>(page, `/api/v1/members/${member.id}`)).dateOfBirth).toBe(before.dateOfBirth);

    // Typed the way people type it, the date is read and shown as dd/mm/yyyy.
    await box.fill('5031980');
    await box.press('Tab');
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Không đọc được ngày này' }).waitFor();
    await box.fill('05031980');
    await box.press('Tab');
    await page.waitForFunction(() => (document.querySelector('[data-testid="member-field-dateOfBirth"]') as HTMLInputElement).value === '05/03/1980');
    // The error's text leaves with antd's motion: wait for it to be gone, then none is left.
    await page.locator('.ant-form-item-explain-error').first().waitFor({ state: 'detached' });
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);
  });

  it('keeps a wrong meeting date in the plan form and plans nothing', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    const cell = await grantUnit(page);
    const count = async () => (await apiJson<{ items: unknown[] }>(page, `/api/v1/meetings?unitId=${cell}`)).items.length;
    const planned = await count();
    await page.goto('/meetings/new');
    const date = page.getByTestId('plan-date');
    await date.waitFor();
    await date.fill('31/02/2025');
    await date.press('Enter');
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Không có ngày 31/02/2025 trong lịch' }).waitFor();
    await page.getByTestId('plan-save').click();
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/meetings/new');
    expect(await date.inputValue()).toBe('31/02/2025');
    expect(await count()).toBe(planned);
    await shot(page, 'dates-wrong-plan-phone');

    // The calendar beside the box puts a real day in its place, and the error goes.
    await page.getByTestId('plan-date-calendar').click();
    const day = page.locator('.ant-picker-calendar td.ant-picker-cell-in-view[title$="-15"]');
    await day.waitFor();
    const iso = (await day.getAttribute('title'))!;
    await day.click();
    expect(await date.inputValue()).toBe(`15/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'trong lịch' }).waitFor({ state: 'detached' });
  });

  it('a filter box shows its own error and keeps the last good date in force', async () => {
    const page = await loggedIn('admin', PHONE);
    await page.goto('/audit?from=2026-01-01');
    const from = page.getByTestId('audit-from');
    await from.waitFor();
    expect(await from.inputValue()).toBe('01/01/2026');
    await from.fill('30/02/2026');
    await from.press('Enter');
    await page.getByTestId('audit-from-error').filter({ hasText: 'Không có ngày 30/02/2026 trong lịch' }).waitFor();
    expect(await from.inputValue()).toBe('30/02/2026');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-01-01');
  });
});

describe('the audit trail in words', () => {
  it('names the cells of a transfer on the member trail and on the audit page, and translates every action', async () => {
    const officer = await loggedIn('tochuc');
    const cells = await apiJson<{ items: Array<{ id: number; name: string; kind: string }> }>(
      officer,
      `/api/v1/units/children?parentId=${await grantUnit(officer)}`,
    );
    const [from, to] = cells.items.filter((u) => u.kind === 'chi_bo');
    const members = await apiJson<{ items: Array<{ id: number }> }>(officer, `/api/v1/members?unitId=${from!.id}&pageSize=1`);
    const id = members.items[0]!.id;
    const moved = await officer.context().request.post(`/api/v1/members/${id}/transfer`, {
      data: { unitId: to!.id, effectiveOn: '2026-03-01', decisionNumber: '45-QĐ/ĐU' },
    });
    expect(moved.status(), await moved.text()).toBe(200);

    const admin = await loggedIn('admin', PHONE);
    await admin.goto(`/members/${id}`);
    await admin.getByTestId('member-audit-tab').click();
    const transfer = admin.getByTestId('audit-row').filter({ hasText: 'Chuyển sinh hoạt' });
    await transfer.waitFor();
    const text = (await transfer.textContent()) ?? '';
    expect(text).toContain(`${from!.name} → ${to!.name}`);
    expect(text).not.toMatch(/\(mã số\)|: \d+ → \d+/);
    const actions = await admin.getByTestId('audit-action').allTextContents();
    for (const a of actions) expect(a).not.toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
    await shot(admin, 'audit-member-trail-phone');

    await admin.getByTestId('member-open-trail').click();
    await admin.getByTestId('audit-page').waitFor();
    await admin
      .getByTestId('audit-row')
      .filter({ hasText: `${from!.name} → ${to!.name}` })
      .waitFor();
    await shot(admin, 'audit-page-phone');

    // Filter by action: only transfers, on a desktop too.
    const desk = await loggedIn('admin', { viewport: { width: 1366, height: 768 } });
    await desk.goto('/audit?action=member.transfer');
    await desk.getByTestId('audit-row').first().waitFor();
    for (const a of await desk.getByTestId('audit-action').allTextContents()) expect(a).toBe('Chuyển sinh hoạt');
    await shot(desk, 'audit-page-desktop');
  });

  it('is for admins only: the committee member has no audit menu, no plan button and no edit on a meeting', async () => {
    const page = await loggedIn('capuy', PHONE);
    await page.goto('/audit');
    expect(await page.getByTestId('audit-page').count()).toBe(0);
    await page.goto('/meetings');
    await page.getByTestId('meetings-page').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('meeting-plan').count()).toBe(0);
  });
});

/** The unit of the account's first grant (the commune for tochuc, the cell for bithu.cb1). */
async function grantUnit(page: Page): Promise<number> {
  const me = await apiJson<{ grants: Array<{ unitId: number }> }>(page, '/api/v1/auth/me');
  return me.grants[0]!.unitId;
}

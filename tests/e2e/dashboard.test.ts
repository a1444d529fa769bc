// The commune committee's dashboard on a phone, in Debian's Chromium against the real
// `chibo start` with the demo commune: it opens as the committee's home page, a date
// before a restructuring shows the tree of that date (the old name of a renamed cell, no
// cell created later), a sub-unit opens its own dashboard with the breadcrumb back up and
// the same date, and a table downloads as an .xlsx whose heading names the date.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { DEMO_PASSWORD, SHOTS, useChibo } from './helpers/session.ts';

const { loggedIn, newPage, shot } = useChibo();

// The restructuring this test makes on 01/10/2026 (after the date it then looks at).
const EFFECTIVE = '2026-10-01';
const BEFORE = { iso: '2026-09-15', shown: '15/09/2026' };
const NEW_CELL = 'Chi bộ thôn Tân Lập';
let commune = 0;
let renamed = { id: 0, oldName: '', newName: '' };
let newCell = 0;

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const subUnitNames = async (page: Page) => (await page.getByTestId('sub-unit-link').allTextContents()).map((s) => s.trim());

async function post(request: APIRequestContext, url: string, data: unknown) {
  const res = await request.post(url, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json() as Promise<{ id: number }>;
}

describe('the dashboard', () => {
  beforeAll(async () => {
    // The organisation board renames a cell and creates a new one, both from 01/10/2026.
    const board = await newPage();
    const request = board.context().request;
    expect((await request.post('/api/v1/auth/login', { data: { username: 'tochuc', password: DEMO_PASSWORD } })).status()).toBe(200);
    const me = (await (await request.get('/api/v1/auth/me')).json()) as { grants: { unitId: number }[] };
    commune = me.grants[0]!.unitId;
    const children = (await (await request.get(`/api/v1/units/children?parentId=${commune}`)).json()) as {
      items: { id: number; name: string; kind: string }[];
    };
    const cell = children.items.find((c) => c.kind === 'chi_bo')!;
    renamed = { id: cell.id, oldName: cell.name, newName: `${cell.name} (sáp nhập)` };
    await post(request, `/api/v1/units/${cell.id}/rename`, { name: renamed.newName, effectiveOn: EFFECTIVE, decisionNumber: '45-QĐ/ĐU' });
    newCell = (await post(request, '/api/v1/units', { code: 'TANLAP', name: NEW_CELL, kind: 'chi_bo', parentId: commune, establishedOn: EFFECTIVE })).id;
  });

  it('shows the commune committee the tree of a past date on a phone, drills into a cell and downloads its table', async () => {
    const page = await loggedIn('capuy', { ...PHONE });
    // "Tổng quan" in the menu: the dashboard of the committee's unit (its home page is the cells' month).
    await page.goto('/dashboard');
    await page.waitForURL(new RegExp(`/units/${commune}/dashboard`));
    await page.getByTestId('card-members-value').waitFor();
    await page.locator('[data-testid="dashboard-page"][data-settled="true"]').waitFor();
    await page.getByTestId('sub-unit-link').first().waitFor();
    expect(await subUnitNames(page)).toEqual(expect.arrayContaining([renamed.newName, NEW_CELL]));
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'dashboard-phone-today');

    // A date before the restructuring: the old name, and no new cell.
    await page.getByTestId('dashboard-date').fill(BEFORE.shown);
    await page.getByTestId('dashboard-date').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('date') === BEFORE.iso);
    await page.getByTestId('dashboard-as-of').filter({ hasText: BEFORE.shown }).waitFor();
    await page.locator('[data-testid="dashboard-page"][data-settled="true"]').waitFor();
    await page
      .getByTestId('sub-unit-link')
      .filter({ hasText: new RegExp(`^${renamed.oldName}$`) })
      .waitFor();
    const past = await subUnitNames(page);
    expect(past).toContain(renamed.oldName);
    expect(past).not.toContain(renamed.newName);
    expect(past).not.toContain(NEW_CELL);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'dashboard-phone-past');

    // Drill into the renamed cell: its dashboard, on the same date, under its old name.
    await page.getByTestId('sub-unit-row').filter({ hasText: renamed.oldName }).click();
    await page.waitForURL((url) => url.pathname === `/units/${renamed.id}/dashboard` && url.searchParams.get('date') === BEFORE.iso);
    await page.getByTestId('dashboard-title').filter({ hasText: renamed.oldName }).waitFor();
    await page.getByTestId('card-members-value').waitFor();
    expect(await page.getByTestId('dashboard-crumb').last().textContent()).not.toBe('');
    await shot(page, 'dashboard-phone-cell');

    // The members table downloads as an .xlsx that names the cell and the date.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-members').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(SHOTS, 'dashboard-members.xlsx');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A2').value)).toContain(renamed.oldName);
    expect(ws.getCell('A3').value).toBe(`Số liệu tại ngày: ${BEFORE.shown}`);

    // The breadcrumb climbs back to the commune on the same date.
    await page.getByTestId('dashboard-crumb').filter({ hasNotText: /^$/ }).last().click();
    await page.waitForURL((url) => url.pathname === `/units/${commune}/dashboard` && url.searchParams.get('date') === BEFORE.iso);
    await page
      .getByTestId('sub-unit-link')
      .filter({ hasText: new RegExp(`^${renamed.oldName}$`) })
      .waitFor();

    // The new cell's own dashboard on that date says it did not exist yet, and keeps the pickers.
    await page.goto(`/units/${newCell}/dashboard?date=${BEFORE.iso}`);
    await page.getByTestId('dashboard-not-then').waitFor();
    await page.getByTestId('dashboard-date').waitFor();
    // Nothing to print or download for it then.
    expect(await page.getByTestId('dashboard-docx').isDisabled()).toBe(true);
    expect(await page.getByTestId('dashboard-print').isDisabled()).toBe(true);

    // A period of more than ten years is explained beside the pickers, not failed with a bare error.
    await page.goto(`/units/${commune}/dashboard?date=${BEFORE.iso}&p=custom&from=2010-01-01&to=${BEFORE.iso}`);
    expect(await page.getByTestId('dashboard-bad-period').textContent()).toContain('không quá 10 năm');
    await page.locator('[data-testid="dashboard-page"][data-settled="true"]').waitFor();
    await page.getByTestId('pyramid-table').waitFor();
    expect(await page.getByText('Dữ liệu gửi lên không hợp lệ').count()).toBe(0);
    expect(await page.getByTestId('dashboard-print').isDisabled()).toBe(true);
  });

  it('reads well on a laptop screen, and prints one page', async () => {
    const page = await loggedIn('capuy', { viewport: { width: 1366, height: 768 } });
    await page.goto(`/units/${commune}/dashboard?date=${BEFORE.iso}`);
    await page.getByTestId('chart-sub-units').locator('canvas').waitFor();
    await page.getByTestId('chart-trend').locator('canvas').waitFor();
    await page.getByTestId('chart-pyramid').locator('canvas').waitFor();
    await shot(page, 'dashboard-desktop');
    // The quarter of the chosen date, up to that day.
    await page.getByTestId('dashboard-period-kind').getByText('Quý', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2026-07-01' && url.searchParams.get('to') === BEFORE.iso);
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="dashboard-period"]')?.value === 'Quý 3/2026');
    await page.getByText('Sinh hoạt chi bộ từ 01/07/2026 đến 15/09/2026').waitFor();
    await page.getByTestId('dashboard-print').click();
    await page.getByTestId('dashboard-print-view').waitFor();
    expect(await page.getByTestId('dashboard-print-view').textContent()).toContain(`Số liệu tại ngày ${BEFORE.shown}`);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'dashboard-print');
    // Printed on A4, it is one page.
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });
});

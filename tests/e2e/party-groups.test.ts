// The "Tổ đảng" card of a cell page on a phone (390×844), as the cell's secretary of the
// commune demo: the two demo groups with their members, a new group added and a member
// placed in it, each after a confirmation; the card passes axe.
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();

describe('party groups on the cell page', () => {
  it('shows the groups and lets the secretary add one and choose its members', async () => {
    const page = await loggedIn('bithu.cb1', PHONE);
    const found = await (await page.context().request.get(`/api/v1/units/search?q=${encodeURIComponent('Tổ đảng xóm Đông')}`)).json();
    const group = found.items.find((i: { name: string }) => i.name === 'Tổ đảng xóm Đông');
    const detail = await (await page.context().request.get(`/api/v1/units/${group.id}`)).json();
    const cell = detail.ancestors.at(-1).id;

    await page.goto(`/units/${cell}`);
    const card = page.getByTestId('party-groups');
    await card.waitFor();
    await page.getByTestId('party-group-row').nth(1).waitFor();
    const rows = await page.getByTestId('party-group-row').allTextContents();
    expect(rows.map((r) => r.split(' · ')[0])).toEqual(['Tổ đảng xóm Đoài', 'Tổ đảng xóm Đông']);
    const add = page.getByTestId('party-group-add');
    expect((await add.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'party-groups-card');
    // The card itself passes axe (WCAG 2 A and AA) with no serious or critical violation.
    const axe = await new AxeBuilder({ page: page as never }).include('[data-testid="party-groups"]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(' | ')}`),
    ).toEqual([]);

    await add.click();
    await page.getByTestId('party-group-name').fill('Tổ đảng xóm Giữa');
    await page.getByTestId('party-group-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('party-group-row').filter({ hasText: 'Tổ đảng xóm Giữa' }).waitFor();

    await page.getByTestId('party-group-row').filter({ hasText: 'Tổ đảng xóm Giữa' }).getByTestId('party-group-members').click();
    const option = page.getByTestId('party-group-member-option').first();
    const name = (await option.textContent())!.trim();
    expect((await option.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await option.click();
    await page.getByTestId('party-group-members-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    const middle = page.getByTestId('party-group-row').filter({ hasText: 'Tổ đảng xóm Giữa' });
    await middle.filter({ hasText: '1 đảng viên' }).waitFor();
    expect(await middle.textContent()).toContain(name);
    await shot(page, 'party-groups-assigned');
  });
});

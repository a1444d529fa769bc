// A member's life events in the browser: a cell sends a transfer of official membership, the
// receiving cell opens its inbox on a phone, reads the record that travels with the member and
// accepts it; a residence cell answers the yearly comment on the form; the striking-off section.
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };

async function cellsOfDemo(request: APIRequestContext) {
  const found = await (await request.get(`/api/v1/units/search?q=${encodeURIComponent('Chi bộ thôn')}`)).json();
  const cells = (found.items as Array<{ id: number; name: string }>).slice(0, 2);
  if (cells.length < 2) throw new Error('the demo has fewer than two village cells');
  return cells;
}

async function firstMember(request: APIRequestContext, unitId: number) {
  const list = await (await request.get(`/api/v1/members?unitId=${unitId}`)).json();
  return list.items[0] as { id: number; fullName: string; partyCardNumber: string | null };
}

describe('life events', () => {
  it('a transfer is received from the inbox, with the record that travels', async () => {
    const page = await loggedIn('tochuc', PHONE);
    const request = page.context().request;
    const [from, to] = await cellsOfDemo(request);
    const member = await firstMember(request, from!.id);
    // The sending cell sends it from the member's page, finding the receiving cell by its code
    // (as for a cell of another commune, which it could not pick from its own units).
    const code = ((await (await request.get(`/api/v1/units/${to!.id}`)).json()) as { unit: { code: string } }).unit.code;
    await page.goto(`/members/${member.id}`);
    await page.getByTestId('member-transfer-send').click();
    await page.getByTestId('transfer-to-code').fill('NO-SUCH-CELL');
    await page.getByTestId('transfer-to-code-find').click();
    await page.getByText('Không có chi bộ đang hoạt động mang mã “NO-SUCH-CELL”', { exact: false }).waitFor();
    await page.getByTestId('transfer-to-code').fill(code.toLowerCase());
    await page.getByTestId('transfer-to-code-find').click();
    await page.getByText(`Chi bộ nhận: ${to!.name}`, { exact: false }).waitFor();
    await page.getByTestId('transfer-decision-number').fill('45-QĐ/ĐU');
    await page.getByTestId('transfer-issued-by').fill('Đảng ủy xã');
    await shot(page, 'life-transfer-send-phone');
    await page.getByTestId('transfer-send-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(async () => (await (await request.get(`/api/v1/transfers?unitId=${to!.id}&direction=incoming`)).json()).items.length).toBeGreaterThan(0);

    await page.goto(`/life?unitId=${to!.id}`);
    const row = page.getByTestId('transfer-row').filter({ hasText: member.fullName });
    await row.waitFor();
    await shot(page, 'life-transfer-inbox-phone');
    await row.getByTestId('transfer-view').click();
    await page.getByTestId('transfer-record').getByText(from!.name).first().waitFor();
    await shot(page, 'life-transfer-record-phone', false);
    await page.keyboard.press('Escape');
    await row.getByTestId('transfer-accept').click();
    await page.getByTestId('transfer-accept-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await row.getByText('Đã tiếp nhận').waitFor();
    await shot(page, 'life-transfer-accepted-phone');

    const after = await (await request.get(`/api/v1/members/${member.id}`)).json();
    expect(after.unitId).toBe(to!.id);

    const desk = await loggedIn('tochuc', DESKTOP);
    await desk.goto(`/life?unitId=${to!.id}`);
    await desk.getByTestId('transfer-row').first().waitFor();
    await shot(desk, 'life-transfer-inbox-desktop');
  });

  it('a residence cell answers the yearly comment on the form', async () => {
    const page = await loggedIn('tochuc', PHONE);
    const request = page.context().request;
    const [work, home] = await cellsOfDemo(request);
    const list = await (await request.get(`/api/v1/members?unitId=${work!.id}`)).json();
    const member = (list.items as Array<{ id: number; fullName: string; partyCardNumber: string | null }>).find((m) => m.partyCardNumber)!;
    const linked = await request.post('/api/v1/residence-links', {
      data: { partyCardNumber: member.partyCardNumber, unitId: home!.id, validFrom: '2026-01-01' },
    });
    expect(linked.status()).toBe(201);
    const year = new Date().getFullYear();
    const asked = await request.post('/api/v1/residence-comments/requests', {
      data: { unitId: work!.id, year, requestedOn: new Date().toISOString().slice(0, 10) },
    });
    expect(asked.status()).toBe(200);

    await page.goto(`/life?unitId=${home!.id}&section=residence`);
    const row = page.getByTestId('residence-comment').filter({ hasText: member.fullName });
    await row.waitFor();
    await row.getByTestId('residence-answer').click();
    const form = page.getByTestId('residence-answer-form');
    await form.getByText('Có').first().click();
    await form.getByText('Có').nth(1).click();
    await page.getByTestId('residence-comment-text').fill('Đồng chí giữ mối liên hệ với chi bộ, gương mẫu nơi cư trú.');
    await shot(page, 'life-residence-form-phone', false);
    await page.getByTestId('residence-answer-form-submit').click();
    await page.getByTestId('confirm-ok').click();
    await row.getByText('Đã nhận xét').waitFor();
    await shot(page, 'life-residence-answered-phone');

    await page.goto(`/life?unitId=${work!.id}&section=strikeOff`);
    await page.getByTestId('strike-off-candidates').waitFor();
    await shot(page, 'life-strike-off-phone');
    const desk = await loggedIn('tochuc', DESKTOP);
    await desk.goto(`/life?unitId=${home!.id}&section=residence`);
    await desk.getByTestId('residence-comment').first().waitFor();
    await shot(desk, 'life-residence-desktop');
  });
});

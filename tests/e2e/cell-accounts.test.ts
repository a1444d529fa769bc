// Accounts for a whole cell, on a phone: the admin creates them and gets the sheet to
// print; a member logs in with the one-time password, is asked for a new one first, and
// only then reaches chibo (the page they were opening).
import { describe, expect, it } from 'vitest';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, newPage, shot } = useChibo();
const CELL = 'Chi bộ thôn Bắc Sơn';

describe('accounts for a whole cell', () => {
  it('are created in one action, printed on a sheet, and each one-time password must be replaced at first login', async () => {
    const admin = await loggedIn('admin', { ...PHONE });
    await admin.goto('/users');
    await admin.getByTestId('cell-accounts-link').click();
    await admin.getByTestId('cell-accounts-unit').click();
    await admin.keyboard.type('Bắc Sơn');
    await admin.locator('.ant-select-dropdown:visible [data-testid="unit-option"]').filter({ hasText: CELL }).first().click();
    await admin.getByTestId('cell-accounts-create').click();
    await admin.getByTestId('confirm-ok').click();
    await admin.getByTestId('cell-accounts-sheet').waitFor();
    const rows = admin.getByTestId('cell-account-row');
    const count = await rows.count();
    expect(count).toBeGreaterThan(5);
    // On a phone each account is three lines: "1. Name", "Tên đăng nhập: …", "Mật khẩu dùng một lần: …".
    // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the line breaks between the three lines
    const lines = (await rows.first().innerText())
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const fullName = lines[0]!.replace(/^1\. /, '');
    const username = lines[1]!.split(': ')[1];
    const password = lines[2]!.split(': ')[1];
    expect(username).toMatch(/^[a-z0-9.]+$/);
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await admin.getByTestId('cell-accounts-sheet').textContent()).toContain(CELL);
    await shot(admin, 'cell-accounts-sheet', true);

    const member = await newPage({ ...PHONE });
    await member.goto('/login');
    await member.getByTestId('login-username').fill(username!);
    await member.getByTestId('login-password').fill(password!);
    await member.getByTestId('login-submit').click();
    await member.getByTestId('account-must-change').waitFor();
    expect(new URL(member.url()).pathname).toBe('/account');
    // Another page sends them back until the password is changed.
    await member.goto('/my-meetings');
    await member.getByTestId('account-must-change').waitFor();
    await shot(member, 'cell-accounts-first-login');
    await member.getByTestId('password-current').fill(password!);
    await member.getByTestId('password-new').fill('Lúa chín vàng đồng quê em 2026');
    await member.getByTestId('password-confirm').fill('Lúa chín vàng đồng quê em 2026');
    await member.getByTestId('password-save').click();
    await member.locator('.ant-message-notice').waitFor();
    // Their own password chosen, they go on to the page they were opening.
    await member.getByTestId('my-meetings-page').waitFor();
    expect(new URL(member.url()).pathname).toBe('/my-meetings');
    await member.goto('/account');
    expect(await member.getByTestId('account-name').textContent()).toBe(fullName);
    expect(await member.getByTestId('account-must-change').count()).toBe(0);
  });
});

// Logging in and choosing the language, in Debian's Chromium against the real `chibo start`.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD, useChibo } from './helpers/session.ts';

// Screenshots of the key steps, for a person to look at; never committed.

// The one file on a fresh data folder: a user's very first `npm start` (migrate, seed, serve).
const chibo = useChibo({ fresh: true });
let page: Page;
beforeEach(async () => {
  page = await chibo.newPage();
});
const shot = (name: string) => chibo.shot(page, name);
const text = async (testId: string) => (await page.getByTestId(testId).textContent())?.trim();

async function fillLogin(username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('logging in', () => {
  it('says in Vietnamese that the password is wrong, then lets the right one in and shows who is logged in', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await fillLogin('tochuc', 'mat-khau-sai');
    await page.getByTestId('login-error').waitFor();
    expect(await text('login-error')).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(page.url()).toMatch(/\/login/);
    await shot('login-wrong-password');

    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    expect(await text('current-user')).toBe('Cán bộ tổ chức, Đảng bộ xã Bắc Bình');
    await page.waitForURL(/\/units\/\d+\/dashboard$/);
    expect(await page.getByTestId('login-error').count()).toBe(0);
    // An org officer sees the sections they may use.
    expect(await text('nav-dashboard')).toBe('Tổng quan');
    expect(await text('nav-members')).toBe('Đảng viên');
    expect(await text('nav-imports')).toBe('Nhập từ Excel');
    // The start page of the organisation board: the overview of the unit it works in.
    await page.getByTestId('dashboard-title').filter({ hasText: 'Đảng bộ xã Bắc Bình' }).waitFor();
    await shot('login-landed');

    // The session survives a reload: still logged in.
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(await text('current-user')).toBe('Cán bộ tổ chức, Đảng bộ xã Bắc Bình');
  });
});

describe('language', () => {
  it('switches the interface to English, and the choice survives a reload and a log-out', async () => {
    await page.goto('/login');
    expect(await page.getByTestId('login-submit').textContent()).toBe('Đăng nhập');
    await fillLogin('tochuc', PASSWORD);
    await page.getByTestId('current-user').waitFor();
    expect(await text('nav-units')).toBe('Tổ chức đảng');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-units').filter({ hasText: 'Party units' }).waitFor();
    expect(await text('nav-members')).toBe('Members');
    expect(await text('nav-imports')).toBe('Import from Excel');
    expect(await text('lang-switch')).toBe('Tiếng Việt');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The organisation board's start page, its overview, in English too.
    expect(await text('nav-dashboard')).toBe('Overview');
    await page
      .getByTestId('dashboard-as-of')
      .filter({ hasText: /^Figures on / })
      .waitFor();
    await shot('english-dashboard');

    await page.reload();
    await page.getByTestId('nav-members').waitFor();
    expect(await text('nav-members')).toBe('Members');
    await page.getByTestId('nav-members').click();
    await page.getByTestId('member-search').waitFor();
    expect(await page.getByTestId('member-search').getAttribute('placeholder')).toBe('Search by name (diacritics optional)');
    await page
      .getByTestId('member-total')
      .filter({ hasText: /members$/ })
      .waitFor();
    await shot('english-members');

    // Logged out, the login page is in English too, and so are the server's messages.
    await page.getByTestId('current-user').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    expect(await page.getByTestId('login-submit').textContent()).toBe('Log in');
    await fillLogin('tochuc', 'wrong-password');
    await page.getByTestId('login-error').waitFor();
    expect(await text('login-error')).toBe('Wrong username or password.');
    await shot('english-login-error');

    // And back to Vietnamese from the login page.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('login-submit').filter({ hasText: 'Đăng nhập' }).waitFor();
  });
});

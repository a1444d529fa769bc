// Readable for older members on a phone: on the main pages, as each role sees them,
// - an accessibility check (axe-core, WCAG 2 A and AA rules): no serious or critical
//   violation (contrast 4.5:1, a label on every input, names on buttons…);
// - text at 16 px or more, and tap targets (buttons, boxes, pickers, tabs) 44×44 px or more;
// - nothing wider than the phone's screen, and a title of its own (document.title), not just "chibo".
// Screenshots at 390×844 and 1366×768 go to the shots folder, to be looked at.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { PHONE } from './helpers/browser.ts';
import { useChibo } from './helpers/session.ts';

const { loggedIn, newPage, shot } = useChibo();
const DESKTOP = { viewport: { width: 1366, height: 768 } };

/** Visible text smaller than 16 px: "path: 14px «text»". */
async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.closest('[aria-hidden="true"]')) continue;
      const size = Number.parseFloat(style.fontSize);
      if (size < 16) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}: ${size}px «${text.slice(0, 40)}»`);
    }
    return out;
  });
}

/** Controls smaller than 44×44 px: buttons, text boxes, pickers, tabs, radio buttons. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      'button',
      '[role="button"]:not(.ant-select-selector)',
      'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not(.ant-select-input):not([type="file"])',
      'textarea',
      '.ant-select',
      '.ant-picker',
      '.ant-radio-button-wrapper',
      '.ant-checkbox-wrapper',
      '.ant-segmented-item',
      '.ant-tabs-tab',
      '.ant-pagination-item',
    ].join(',');
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      // A text box inside an antd wrapper is measured by its wrapper (the tap area).
      const target = el.matches('input, textarea') ? (el.closest<HTMLElement>('.ant-input-affix-wrapper, .ant-input-number, .ant-picker') ?? el) : el;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || target.closest('[aria-hidden="true"], .ant-select-dropdown-hidden')) continue;
      if (Math.round(box.height) < 44 || Math.round(box.width) < 44) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 30);
        out.push(`${target.tagName.toLowerCase()}.${[...target.classList].slice(0, 2).join('.')} ${Math.round(box.width)}×${Math.round(box.height)} «${name}»`);
      }
    }
    return [...new Set(out)];
  });
}

interface Visit {
  who: string | null;
  /** The page lays itself out differently on a wide screen (web/src/lib/use-phone.ts: tables instead of cards, a side menu). */
  wide?: true;
  /** An address, or one found through the API as that person (the first member, the latest meeting). */
  path: string | ((page: Page) => Promise<string>);
  ready: string;
  name: string;
}

const VISITS: Visit[] = [
  { who: null, path: '/login', ready: 'login-submit', name: 'login', wide: true },
  { who: 'bithu.cb1', path: '/members', ready: 'member-row', name: 'secretary-members', wide: true },
  { who: 'bithu.cb1', path: '/meetings', ready: 'meetings-page', name: 'secretary-meetings', wide: true },
  { who: 'bithu.cb1', path: '/my-meetings', ready: 'my-meetings-page', name: 'secretary-my-meetings' },
  {
    who: 'bithu.cb1',
    path: async (page) => `/members/${(await (await page.context().request.get('/api/v1/members?pageSize=1')).json()).items[0].id}`,
    ready: 'member-record',
    name: 'secretary-member',
    wide: true,
  },
  {
    who: 'bithu.cb1',
    path: async (page) => {
      const me = await (await page.context().request.get('/api/v1/auth/me')).json();
      const list = await (await page.context().request.get(`/api/v1/meetings?unitId=${me.grants[0].unitId}`)).json();
      return `/meetings/${list.items[0].id}`;
    },
    ready: 'meeting-page',
    name: 'secretary-meeting',
    wide: true,
  },
  { who: 'dangvien', path: '/check-in', ready: 'check-in-submit', name: 'member-check-in' },
  { who: 'dangvien', path: '/notices', ready: 'notices-page', name: 'member-notices' },
  { who: 'capuy', path: '/', ready: 'committee-home', name: 'commune-home', wide: true },
  { who: 'capuy', path: '/dashboard', ready: 'dashboard-pickers', name: 'commune-dashboard', wide: true },
  { who: 'bithu.cb1', path: '/', ready: 'home-page', name: 'secretary-home' },
  { who: 'bithu.xa', path: '/units', ready: 'unit-node', name: 'commune-units', wide: true },
  { who: 'admin', path: '/audit', ready: 'audit-row', name: 'admin-audit' },
  // The areas of issues 9 and 10, each as the person who uses it on a phone.
  { who: 'bithu.cb1', path: '/tasks', ready: 'tasks-page', name: 'secretary-tasks' },
  { who: 'bithu.cb1', path: '/dues', ready: 'dues-page', name: 'secretary-dues' },
  { who: 'bithu.cb1', path: '/admissions', ready: 'admissions-page', name: 'secretary-admissions' },
  { who: 'dangvien', path: '/grading/me', ready: 'my-grading-page', name: 'member-grading' },
];

/**
 * Opens a visit's page in a tab of that person's own, logged in once per pass: the next visit
 * as the same person loads its address in the same tab (a full page load, as typing the
 * address does), instead of a new browser profile and a new login each time. The tabs close
 * with the test (useChibo closes every context it opened).
 */
function opener(options: typeof PHONE | typeof DESKTOP) {
  const tabs = new Map<string | null, Page>();
  return async (visit: Visit): Promise<Page> => {
    let page = tabs.get(visit.who);
    if (!page) {
      page = visit.who ? await loggedIn(visit.who, { ...options }) : await newPage({ ...options });
      tabs.set(visit.who, page);
    }
    await page.goto(typeof visit.path === 'string' ? visit.path : await visit.path(page));
    await page.getByTestId(visit.ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    return page;
  };
}

describe('the main pages, on a phone', () => {
  it('have no serious or critical axe violation, text of 16 px or more, tap targets of 44 px or more, and a title each', async () => {
    const axe: string[] = [];
    const text: string[] = [];
    const targets: string[] = [];
    // Title by address: two roles' start pages share '/' and so its title.
    const titles = new Map<string, string>();
    const widths: string[] = [];
    const open = opener(PHONE);
    for (const visit of VISITS) {
      const page = await open(visit);
      axe.push(...(await seriousViolations(page)));
      const where = new URL(page.url()).pathname;
      text.push(...(await smallText(page)).map((s) => `${where} ${s}`));
      targets.push(...(await smallTargets(page)).map((s) => `${where} ${s}`));
      // Nothing runs past the right edge of the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) widths.push(`${where} ${overflow}px wider than the screen`);
      titles.set(where, await page.title());
      await shot(page, `a11y-${visit.name}-phone`);
    }
    console.info(
      `axe: ${axe.length}\n${axe.join('\n')}\nsmall text: ${text.length}\n${text.join('\n')}\nsmall targets: ${targets.length}\n${targets.join('\n')}`,
    );
    expect(axe).toEqual([]);
    expect(text).toEqual([]);
    expect(targets).toEqual([]);
    expect(widths).toEqual([]);
    // Every page has its own title, in Vietnamese, and the app's name after it.
    for (const title of titles.values()) expect(title).toMatch(/^.+ · chibo$/);
    expect(new Set(titles.values()).size).toBe(titles.size);
  }, 240_000);

  // On a wide screen only the pages that lay themselves out differently: the others show the
  // same content in the same side menu as these (half the visits of a full pass, ~1 min of CI).
  it('look right on a desktop too (screenshots at 1366×768, no serious axe violation)', async () => {
    const axe: string[] = [];
    const open = opener(DESKTOP);
    for (const visit of VISITS.filter((v) => v.wide)) {
      const page = await open(visit);
      axe.push(...(await seriousViolations(page)));
      await shot(page, `a11y-${visit.name}-desktop`, false);
    }
    expect(axe).toEqual([]);
  }, 240_000);

  // antd pales a link under the pointer (#518fdb, 3.3:1, by default): the secretary's month
  // failed on the plan page's link to last month's minutes, where the mouse happened to rest.
  it('keep 4.5:1 under the pointer: a hovered link and a hovered primary button', async () => {
    const page = await opener(DESKTOP)({ who: 'bithu.cb1', path: '/meetings', ready: 'meetings-page', name: 'hover' });
    const axe: string[] = [];
    for (const selector of ['main a[href]:not(:has(button))', 'main .ant-btn-primary']) {
      await page.locator(selector).first().hover();
      axe.push(...(await seriousViolations(page)));
    }
    expect(axe).toEqual([]);
  });
});

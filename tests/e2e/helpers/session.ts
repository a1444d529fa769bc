// What every browser-test file needs, once: the real server and one Chromium for the
// file, a fresh context per test (closed after it, with a screenshot when it failed),
// logging in through the API, and screenshots of key steps for a person to look at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

/** Screenshots go here; never committed. */
export const SHOTS = process.env.CHIBO_E2E_SHOTS ?? path.join(os.tmpdir(), 'chibo-e2e-shots');
export const DEMO_PASSWORD = 'chibo@2026';
/**
 * CHIBO_E2E_SCREENSHOTS=0 (.ci/run, where nobody looks at them): the key steps' screenshots
 * (`shot`) are not taken, ~0.3 s of rendering each; a failed test's screenshots still are.
 */
const TAKE_SHOTS = process.env.CHIBO_E2E_SCREENSHOTS !== '0';

export interface ChiboSession {
  readonly baseUrl: string;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A fresh context logged in as `username` (through the API: the login page has its own test). */
  loggedIn(username: string, options?: BrowserContextOptions): Promise<Page>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<unknown>;
}

/** `fresh`: the server starts on an empty data folder (a user's very first `npm start`). */
export function useChibo(options: { fresh?: boolean } = {}): ChiboSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async ({ task }) => {
    // What the page showed when a test failed, to see why.
    if (task.result?.state === 'fail') {
      // The server's own words, in case it failed rather than the page.
      console.error(`chibo output (last 4 kB):\n${server?.output().slice(-4096)}`);
      const pages = contexts.flatMap((c) => c.pages());
      for (const [i, page] of pages.entries()) {
        await page.screenshot({ path: path.join(SHOTS, `failed-${task.name.slice(0, 40)}-${i + 1}.png`) }).catch(() => {});
      }
    }
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  const newPage = async (options: BrowserContextOptions = {}) => {
    // Reduced motion: antd then skips its dialog and menu animations, so a click never lands
    // on a button still zooming in (the app honours the setting for people too).
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale: 'vi-VN', acceptDownloads: true, reducedMotion: 'reduce', ...options });
    contexts.push(context);
    return context.newPage();
  };
  return {
    get baseUrl() {
      return server!.baseUrl;
    },
    newPage,
    async loggedIn(username, options) {
      const page = await newPage(options);
      const res = await page.context().request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
      expect(res.status()).toBe(200);
      return page;
    },
    shot: async (page, name, fullPage = true) => (TAKE_SHOTS ? page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage }) : undefined),
  };
}

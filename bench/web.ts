// Target (issue 8 item 21): fast on a slow connection. First-load JavaScript ≤ 200 KB
// gzipped for the login page and ≤ 300 KB for the secretary's home; the secretary's home
// (and the login page) showing its content within 4 s on Fast 3G with a 4× slower CPU.
//
// Builds the web app (unless --no-build), starts the real `chibo start` on a fresh PGlite
// folder (the commune demo) and opens each page in Debian's Chromium at phone size:
// - Bytes: the JavaScript a page needs before it shows anything, followed through Vite's
//   manifest (bench/lib/web-bundle.ts): the entry and its static imports, plus the lazy
//   chunks the page loaded (its route, the frame after login) and their static imports.
//   Raw, gzip and Brotli; also what went over the wire in the timed runs.
// - Time: a fresh browser context per run (cold cache), Fast 3G through CDP (1.6 Mbit/s
//   down, 750 kbit/s up, 150 ms round trip) and CPU throttled 4×; from navigation start to
//   the page's main content being visible (a selector per page). Median of --runs (≥ 3).
// Run: npm run bench -- web [--runs 5] [--no-build]
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, PHONE } from '../tests/e2e/helpers/browser.ts';
import { startServer } from '../tests/e2e/helpers/server.ts';
import { type Bytes, entryKey, firstLoad, lazyModulesOf, readManifest } from './lib/web-bundle.ts';
import { failUnlessMet, writeBenchResult } from './lib/write-result.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const PASSWORD = 'chibo@2026';
const KB = 1024;

/** Chrome DevTools' "Fast 3G". */
const FAST_3G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;
const TARGET_MS = 4000;

interface PageSpec {
  name: string;
  /** Who is logged in (none: the login page). */
  user?: string;
  /** The address, given what the API says about the user's first unit. */
  path: (ctx: { unitId: number; meetingId: number }) => string;
  /** The main content, visible once the page is usable. */
  ready: string;
  /** Target for first-load JavaScript, KB gzipped. */
  maxGzipKb?: number;
  timed?: boolean;
}

// The secretary's home is "/": the home page (`home-page`), or the unit tree it led to before.
const PAGES: PageSpec[] = [
  { name: 'login', path: () => '/login', ready: '[data-testid=login-submit]', maxGzipKb: 200, timed: true },
  {
    name: 'secretary home',
    user: 'bithu.cb1',
    path: () => '/',
    ready: '[data-testid=home-page], [data-testid=unit-tree]',
    maxGzipKb: 300,
    timed: true,
  },
  { name: 'member list', user: 'bithu.cb1', path: () => '/members', ready: '[data-testid=member-row]' },
  { name: 'meeting page', user: 'bithu.cb1', path: ({ meetingId }) => `/meetings/${meetingId}`, ready: '[data-testid=meeting-page]' },
  { name: 'dashboard', user: 'tochuc', path: () => '/dashboard', ready: '[data-testid=dashboard-page][data-settled=true]' },
];

function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

const kb = (b: Bytes) => ({ raw: Math.round(b.raw / KB), gzip: Math.round(b.gzip / KB), brotli: Math.round(b.brotli / KB) });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Opens a page in a fresh context (cold cache); returns the scripts it fetched and when its content showed. */
async function openPage(
  newContext: () => Promise<BrowserContext>,
  baseUrl: string,
  spec: PageSpec,
  where: { unitId: number; meetingId: number },
  throttled: boolean,
) {
  const context = await newContext();
  try {
    if (spec.user) {
      const res = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: spec.user, password: PASSWORD } });
      if (res.status() !== 200) throw new Error(`login ${spec.user}: ${res.status()}`);
    }
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const scripts = new Map<string, string>();
    let wireBytes = 0;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.set(e.requestId, new URL(e.response.url).pathname);
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (scripts.has(e.requestId)) wireBytes += e.encodedDataLength;
    });
    await page.goto(`${baseUrl}${spec.path(where)}`, { waitUntil: 'commit', timeout: 120_000 });
    // Polled on each frame in the page itself, so the time is the page's own clock
    // (from navigation start), not a round trip through the driver.
    const shownAt = await page.waitForFunction(
      (selector) => {
        const el = document.querySelector(selector);
        return el !== null && el.getBoundingClientRect().height > 0 ? performance.now() : false;
      },
      spec.ready,
      { polling: 'raf', timeout: 120_000 },
    );
    const ms = Math.round((await shownAt.jsonValue()) as number);
    return { ms, scripts: [...new Set(scripts.values())], wireKb: Math.round(wireBytes / KB) };
  } finally {
    await context.close();
  }
}

export default async function webBench(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false } } });
  const runs = Math.max(3, Number(values.runs));
  if (!values['no-build']) await buildWeb();
  const manifest = readManifest(dist);
  const entry = entryKey(manifest);

  // A fresh folder: `chibo start` migrates and seeds the commune demo on it, as on first run.
  const [server, browser] = await Promise.all([startServer({ fresh: true }), launchBrowser()]);
  try {
    const newContext = () => browser.newContext({ ...PHONE, locale: 'vi-VN' });
    // The secretary's cell and one of its meetings (the demo's ids are not fixed).
    const probe = await newContext();
    const login = await probe.request.post(`${server.baseUrl}/api/v1/auth/login`, { data: { username: 'bithu.cb1', password: PASSWORD } });
    if (login.status() !== 200) throw new Error(`login bithu.cb1: ${login.status()}`);
    const me = (await (await probe.request.get(`${server.baseUrl}/api/v1/auth/me`)).json()) as { grants: { unitId: number }[] };
    const unitId = me.grants[0]!.unitId;
    const meetings = (await (await probe.request.get(`${server.baseUrl}/api/v1/meetings?unitId=${unitId}`)).json()) as { items: { id: number }[] };
    const meetingId = meetings.items[0]?.id;
    await probe.close();
    if (meetingId === undefined) throw new Error(`no meeting in unit ${unitId}`);
    const where = { unitId, meetingId };

    const pages = [];
    for (const spec of PAGES) {
      // Unthrottled first: which lazy chunks the page needs (its route, the frame).
      const look = await openPage(newContext, server.baseUrl, spec, where, false);
      const lazy = lazyModulesOf(manifest, look.scripts);
      const bytes = firstLoad(dist, manifest, [entry, ...lazy]);
      const times: number[] = [];
      const wire: number[] = [];
      if (spec.timed) {
        for (let i = 0; i < runs; i++) {
          const run = await openPage(newContext, server.baseUrl, spec, where, true);
          times.push(run.ms);
          wire.push(run.wireKb);
        }
      }
      const js = kb(bytes.js);
      const row = {
        page: spec.name,
        path: spec.path(where),
        lazyModules: lazy,
        jsFiles: bytes.files,
        firstLoadJsKb: js,
        cssKb: kb(bytes.css),
        ...(spec.maxGzipKb ? { targetGzipKb: spec.maxGzipKb, bytesMet: js.gzip <= spec.maxGzipKb } : {}),
        ...(spec.timed
          ? { fast3gContentReadyMs: { runs: times, median: median(times) }, targetMs: TARGET_MS, timeMet: median(times) <= TARGET_MS, wireJsKb: wire }
          : {}),
      };
      pages.push(row);
      console.log(
        `${spec.name.padEnd(15)} JS ${String(js.raw).padStart(5)} KB raw, ${String(js.gzip).padStart(4)} KB gzip${spec.maxGzipKb ? ` (target ≤ ${spec.maxGzipKb})` : ''}, ${String(js.brotli).padStart(4)} KB br` +
          (spec.timed ? ` | Fast 3G + 4× CPU: median ${median(times)} ms (target ≤ ${TARGET_MS}) runs ${times.join(', ')}` : ''),
      );
    }
    const checks = Object.fromEntries(
      pages.flatMap((p) => [...('bytesMet' in p ? [[`${p.page} bytes`, p.bytesMet]] : []), ...('timeMet' in p ? [[`${p.page} time`, p.timeMet]] : [])]),
    ) as Record<string, boolean>;
    writeBenchResult('web', {
      profile: {
        network: 'Fast 3G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT (CDP)',
        cpuSlowdown: CPU_SLOWDOWN,
        viewport: '390x844 phone',
        cache: 'cold (fresh context per run)',
      },
      server: 'chibo start, commune demo on PGlite, 127.0.0.1',
      runs,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
      pages,
      checks,
    });
    failUnlessMet(checks);
  } finally {
    await browser.close();
    await server.stop();
  }
}

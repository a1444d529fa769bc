// What a phone on a slow line downloads first (issue 8 item 21), checked on the web app the
// browser tests run against (`vite build` comes first, see package.json test:e2e): the login
// page's JavaScript within 200 KB gzipped, the frame after login and the heavy parts (charts,
// antd's Form, Table, date picker) not in it, and a .br/.gz twin beside every script.
// The secretary's home within 300 KB, without antd's heavy list, card, menu and dialog code.
// `npm run bench -- web` measures the other pages and the time on Fast 3G.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryKey, filesLoaded, firstLoad, readManifest } from '../../bench/lib/web-bundle.ts';

const dist = path.join(import.meta.dirname, '..', '..', 'web', 'dist');
const manifest = readManifest(dist);
const entry = entryKey(manifest);

describe('first load of the login page', () => {
  it('is at most 200 KB of JavaScript gzipped', () => {
    const { js } = firstLoad(dist, manifest, [entry]);
    expect(js.gzip).toBeLessThanOrEqual(200 * 1024);
  });

  it("leaves the frame after login, the charts, the pages' Vietnamese messages and the English ones to later", () => {
    const login = new Set(filesLoaded(manifest, [entry]));
    for (const lazy of ['src/layout/AppFrame.tsx', 'src/components/EChartCanvas.tsx', 'src/i18n/en.json', 'src/i18n/vi-pages.json']) {
      expect(manifest[lazy], lazy).toBeDefined();
      expect(login.has(manifest[lazy]!.file), lazy).toBe(false);
    }
  });

  it('holds no antd Form, Table or date picker code', () => {
    const code = filesLoaded(manifest, [entry])
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(dist, f), 'utf8'))
      .join('\n');
    // Strings the minifier keeps, each found only in that component's code.
    for (const [component, marker] of [
      ['Form (@rc-component/form)', 'RC_FORM_INTERNAL_HOOKS'],
      ['Table (@rc-component/table)', 'RC_TABLE_KEY'],
      ['DatePicker (@rc-component/picker)', 'superPrevIcon'],
    ]) {
      expect(
        fs.readdirSync(path.join(dist, 'assets')).some((f) => f.endsWith('.js') && fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes(marker!)),
        `${marker} is in the build`,
      ).toBe(true);
      expect(code.includes(marker!), component).toBe(false);
    }
  });
});

describe("first load of the secretary's home", () => {
  // What a secretary's phone fetches for "/" after login: the entry, the frame and the home
  // page, each with its static imports (the committee's part is its own chunk).
  const home = [entry, 'src/layout/AppFrame.tsx', 'src/pages/home/HomePage.tsx'];

  it('is at most 300 KB of JavaScript gzipped', () => {
    const { js } = firstLoad(dist, manifest, home);
    expect(js.gzip).toBeLessThanOrEqual(300 * 1024);
  });

  it('holds no antd List, Pagination, Select, Card, Typography, Menu, Dropdown, Drawer or Modal code', () => {
    const code = filesLoaded(manifest, home)
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(dist, f), 'utf8'))
      .join('\n');
    const build = fs
      .readdirSync(path.join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8'))
      .join('\n');
    // Each antd component registers its styles under its name, which the minifier keeps:
    // genStyleHooks(`Card`, …).
    for (const component of ['List', 'Pagination', 'Select', 'Card', 'Typography', 'Menu', 'Dropdown', 'Drawer', 'Modal']) {
      const marker = `\`${component}\`,`;
      expect(build.includes(marker), `${marker} is in the build`).toBe(true);
      expect(code.includes(marker), component).toBe(false);
    }
  });
});

it('every script and index.html has its .br and .gz twin, smaller than itself', () => {
  const files = ['index.html', ...fs.readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`)].filter((f) => /\.(js|html)$/.test(f));
  for (const file of files) {
    const size = fs.statSync(path.join(dist, file)).size;
    if (size < 1024) continue; // a tiny file may not shrink: it is sent as it is
    for (const twin of ['.br', '.gz']) expect(fs.statSync(path.join(dist, file + twin)).size, file + twin).toBeLessThan(size);
  }
});

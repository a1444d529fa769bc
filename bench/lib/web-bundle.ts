// What a page makes the browser download before it can show anything: the entry chunk and
// its static imports, plus the route's lazy chunk and its static imports, followed through
// Vite's build manifest (web/dist/.vite/manifest.json). Sizes raw, gzip (level 9) and
// Brotli (best): the .gz/.br twins written at build time when present, else compressed here.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function readManifest(dist: string): Manifest {
  const file = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the web app (npm run build:web)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

export function entryKey(manifest: Manifest): string {
  const key = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!key) throw new Error('the manifest names no entry');
  return key;
}

/**
 * The lazily loaded modules (routes, the frame after login) among the scripts a page
 * fetched ('/assets/UnitsPage-x1.js'): with the entry, where its first-load graph starts.
 */
export function lazyModulesOf(manifest: Manifest, scriptPaths: string[]): string[] {
  const fetched = new Set(scriptPaths.map((p) => p.replace(/^\//, '')));
  return Object.keys(manifest)
    .filter((key) => manifest[key]!.isDynamicEntry && fetched.has(manifest[key]!.file))
    .sort();
}

/** The files (JS and CSS) loaded for these modules: each one, its static imports, theirs… */
export function filesLoaded(manifest: Manifest, keys: string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest (a page module renamed? see bench/web.ts PAGES)`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const key of keys) visit(key);
  return [...files].sort();
}

function sizeOf(dist: string, file: string): Bytes {
  const full = path.join(dist, file);
  const content = fs.readFileSync(full);
  const twin = (ext: string, make: () => Buffer) => (fs.existsSync(full + ext) ? fs.statSync(full + ext).size : make().length);
  return {
    raw: content.length,
    gzip: twin('.gz', () => zlib.gzipSync(content, { level: 9 })),
    brotli: twin('.br', () => zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

/** First-load bytes of the JavaScript (and, apart, the CSS) of these modules. */
export function firstLoad(dist: string, manifest: Manifest, keys: string[]) {
  const files = filesLoaded(manifest, keys);
  const sum = (list: string[]) =>
    list
      .map((f) => sizeOf(dist, f))
      .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const js = files.filter((f) => f.endsWith('.js'));
  return { files: js.length, js: sum(js), css: sum(files.filter((f) => f.endsWith('.css'))) };
}

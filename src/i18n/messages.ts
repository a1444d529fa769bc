// Server-side messages. Each area keeps its own src/i18n/<lang>/<area>.json; they are
// merged here into one dictionary per language. Keys are dotted: "errors.not_found".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Lang = 'vi' | 'en';
type Dict = Record<string, string>;

const root = path.dirname(fileURLToPath(import.meta.url));

function flatten(prefix: string, value: unknown, out: Dict) {
  if (typeof value === 'string') {
    out[prefix] = value;
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
}

function load(lang: Lang): Dict {
  const dir = path.join(root, lang);
  const out: Dict = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    flatten('', JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), out);
  }
  return out;
}

const dictionaries: Record<Lang, Dict> = { vi: load('vi'), en: load('en') };

export function hasMessage(lang: Lang, key: string): boolean {
  return key in dictionaries[lang];
}

/** Translates a key, filling {name} placeholders; an unknown key comes back as itself. */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? dictionaries.vi[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    // A parameter may itself be a key (an entity name, a field label).
    return typeof value === 'string' && hasMessage(lang, value) ? dictionaries[lang][value]! : String(value);
  });
}

/** The language a request asks for: English only when Accept-Language prefers it. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]!.trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'vi';
}

export function allMessages(lang: Lang): Dict {
  return dictionaries[lang];
}

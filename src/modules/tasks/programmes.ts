// The programmes a task may serve (xây dựng nông thôn mới, an ninh trật tự, bảo hiểm y
// tế…), kept as data in programmes.json, in the order offered; a new one is a new line there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../i18n/messages.ts';

interface Programme {
  code: string;
  vi: string;
  en: string;
}

const PROGRAMMES: readonly Programme[] = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'programmes.json'), 'utf8'));

export function programmeName(code: string | null, lang: Lang): string | null {
  const p = code === null ? undefined : PROGRAMMES.find((x) => x.code === code);
  return p ? p[lang] : null;
}

export const isProgramme = (code: string) => PROGRAMMES.some((p) => p.code === code);

export function listProgrammes(lang: Lang) {
  return { items: PROGRAMMES.map((p) => ({ code: p.code, name: p[lang] })) };
}

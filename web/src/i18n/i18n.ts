// A tiny translation hook: t('members.title'), t('members.total', { count: 3 }).
// Keys are checked at compile time against vi.json + vi-pages.json, and en.json must have the
// same shape.
import { useCallback, useSyncExternalStore } from 'react';
import { deepMerge } from './deep-merge.ts';
import { currentLang, type Lang, setLang, subscribeLang } from './lang-store.ts';
import vi from './vi.json' with { type: 'json' };
import type viPages from './vi-pages.json';

type Messages = typeof vi & typeof viPages;
// The login page carries only vi.json (what it and the frame's first paint need); the pages'
// Vietnamese messages (vi-pages.json) come with the frame after login (loadPageMessages), and
// English when chosen: a phone on a slow line downloads what it shows. Until a dictionary is
// here, keys fall back to Vietnamese, then to the key.
const dictionaries: Partial<Record<Lang, Messages>> = { vi: vi as Messages };

/** Fetches the pages' Vietnamese messages once (the frame waits for them). */
export async function loadPageMessages(): Promise<void> {
  const pages = (await import('./vi-pages.json', { with: { type: 'json' } })).default;
  dictionaries.vi = deepMerge(vi, pages) as Messages;
}

/** Fetches a language's messages once (before the first page when it was chosen before). */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  const en: Messages = (await import('./en.json', { with: { type: 'json' } })).default;
  dictionaries.en = en;
}

/** Switches language once its messages are here. */
async function switchLanguage(lang: Lang): Promise<void> {
  await loadLanguage(lang);
  setLang(lang);
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

function lookup(lang: Lang, key: string): string | undefined {
  let node: unknown = dictionaries[lang];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = lookup(lang, key) ?? lookup('vi', key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** Whether a key built at runtime (an audit action, a server code) has a translation. */
export function hasKey(key: string): key is MessageKey {
  return lookup('vi', key) !== undefined;
}

export function useLang(): [Lang, (lang: Lang) => void] {
  const lang = useSyncExternalStore(subscribeLang, currentLang);
  return [lang, (next) => void switchLanguage(next)];
}

export function useT(): Translate {
  const [lang] = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

/** For code outside components (notifications from the query cache). */
export const t: Translate = (key, params) => translate(currentLang(), key, params);

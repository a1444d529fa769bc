// The chosen language, remembered in localStorage. Kept outside React so the API client
// can send it with every request.
export type Lang = 'vi' | 'en';
const KEY = 'chibo.lang';

function initial(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    /* storage blocked: Vietnamese */
  }
  return 'vi';
}

let lang: Lang = initial();
const listeners = new Set<() => void>();

export const currentLang = (): Lang => lang;

export function setLang(next: Lang) {
  lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    /* not remembered, still switched */
  }
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Every reason the grading engine gives must read in both languages: the key exists in
// src/i18n/vi and en, and so does every parameter that is itself a key.
import { expect } from 'vitest';
import type { Reason } from '../../src/domain/grading.ts';
import { hasMessage, t } from '../../src/i18n/messages.ts';

export function expectReadable(reasons: readonly Reason[]): string[] {
  for (const r of reasons) {
    for (const lang of ['vi', 'en'] as const) {
      expect(hasMessage(lang, r.key), `${lang} ${r.key}`).toBe(true);
      for (const v of Object.values(r.params)) if (typeof v === 'string' && v.startsWith('grading.')) expect(hasMessage(lang, v), `${lang} ${v}`).toBe(true);
    }
  }
  return reasons.map((r) => t('vi', r.key, r.params));
}

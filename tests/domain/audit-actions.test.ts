// Every action the trail records has a name people read, in Vietnamese and English: the
// audit page and a member's history never show "create" or "member.update".
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/domain/audit-actions.ts';
import { en, vi } from '../helpers/web-messages.ts';

const lookup = (dict: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('audit actions', () => {
  it.each([
    ['vi', vi],
    ['en', en],
  ])('each has a %s label', (_lang, dict) => {
    const missing = AUDIT_ACTIONS.filter((a) => typeof lookup(dict, `audit.actions.${a}`) !== 'string');
    expect(missing).toEqual([]);
  });

  it('the list holds every action written to the trail, also by the writers that bypass writeAudit', () => {
    // writeAudit's type already refuses an action missing from the list; the import and the
    // demo loader insert rows directly, so their text is read here.
    const written = new Set<string>();
    for (const file of sourceFiles(path.resolve('src'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/audit_log|writeAudit/.test(text)) continue;
      for (const m of text.matchAll(/action:\s*([^,\n}]+)/g)) for (const lit of m[1]!.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) written.add(lit[1]!);
      for (const m of text.matchAll(/ACTION\s*=\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });
});

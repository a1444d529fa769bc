import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { meetingRulesOn, standardAgenda } from '../../src/domain/meeting-rules.ts';
import { isInForce, type RuleSet, ruleSetInForce } from '../../src/domain/rules/load-rule-set.ts';

const unitSet = (code: string, effectiveFrom: string, effectiveTo: string | null, unitId: number): RuleSet => ({
  kind: 'meeting-rules',
  code,
  version: effectiveFrom,
  title: { vi: code, en: code },
  source: '',
  effectiveFrom,
  effectiveTo,
  use: 'default',
  origin: { type: 'unit', unitId, id: unitId },
  body: { marker: code },
});

describe('picking the rule set in force on a date', () => {
  it('reads the built-in HD 12 meeting rules', () => {
    const rules = meetingRulesOn('2026-03-05');
    expect(rules.code).toBe('hd12');
    expect(rules.body.checkIn.opensMinutesBefore).toBe(30);
    expect(standardAgenda(rules.body, 'regular')[0]).toContain('Khai mạc');
    expect(standardAgenda(rules.body, 'briefing')).toEqual(rules.body.agenda.other);
  });

  it('has nothing in force before the first text', () => {
    expect(() => meetingRulesOn('2017-01-01')).toThrow(/no meeting-rules rule set in force/);
  });

  it.each([
    ['2024-06-01', 'province-2024'],
    ['2023-06-01', 'hd12'],
    ['2025-01-01', 'hd12'],
  ])('a unit set in force only in 2024: on %s the set is %s', (on, code) => {
    const candidates = [unitSet('province-2024', '2024-01-01', '2025-01-01', 1)];
    expect(ruleSetInForce('meeting-rules', on, z.unknown(), candidates).code).toBe(code);
  });

  it('prefers the nearest unit, as the caller ordered them', () => {
    const candidates = [unitSet('commune', '2025-01-01', null, 2), unitSet('province', '2024-01-01', null, 1)];
    expect(ruleSetInForce('meeting-rules', '2025-06-01', z.unknown(), candidates).code).toBe('commune');
    expect(ruleSetInForce('meeting-rules', '2024-06-01', z.unknown(), candidates).code).toBe('province');
  });

  it('treats the end date as exclusive', () => {
    expect(isInForce({ effectiveFrom: '2024-01-01', effectiveTo: '2025-01-01' }, '2024-12-31')).toBe(true);
    expect(isInForce({ effectiveFrom: '2024-01-01', effectiveTo: '2025-01-01' }, '2025-01-01')).toBe(false);
  });
});

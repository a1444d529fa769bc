import { describe, expect, it } from 'vitest';
import { gradeMeeting, type QualityFacts, qualityScaleSchema } from '../../src/domain/meeting-quality.ts';
import { builtinRuleSet, builtinRuleSets, ruleSetInForce } from '../../src/domain/rules/load-rule-set.ts';

const hd12 = ruleSetInForce('meeting-quality', '2026-03-05', qualityScaleSchema);
const good: QualityFacts = {
  attendanceRate: 0.9,
  unmarked: 0,
  unexcusedAbsences: 0,
  longestExcusedStreak: 1,
  committeeMetBefore: true,
  draftResolutionPrepared: true,
  durationMinutes: 120,
  minutesComplete: true,
  previousResolutionDone: true,
};
const allTicks = { focused_content: true, democratic_discussion: true, proper_sequence: true };

describe('grading a meeting on the HD 12 default scale', () => {
  it('ships HD 12 as the default, with 100 points in all', () => {
    expect(hd12.code).toBe('hd12');
    expect(hd12.body.criteria.reduce((s, c) => s + c.points, 0)).toBe(100);
  });

  it.each([
    ['everything met', good, allTicks, 100, 'tot'],
    ['attendance exactly 85% is not above 85%', { ...good, attendanceRate: 0.85 }, allTicks, 85, 'kha'],
    ['attendance 85.7% (6 of 7)', { ...good, attendanceRate: 6 / 7 }, allTicks, 100, 'tot'],
    ['one absence without reason blocks Tốt even at 90 points', { ...good, unexcusedAbsences: 1 }, allTicks, 90, 'kha'],
    ['absent with reason 3 in a row is still fine', { ...good, longestExcusedStreak: 3 }, allTicks, 100, 'tot'],
    // HD 12: a meeting missing any condition is not "of quality", whatever its points.
    ['absent with reason 4 in a row keeps it below Tốt', { ...good, longestExcusedStreak: 4 }, allTicks, 95, 'kha'],
    ['89 minutes keeps it below Tốt', { ...good, durationMinutes: 89 }, allTicks, 90, 'kha'],
    ['no times in the minutes keeps it below Tốt', { ...good, durationMinutes: null }, allTicks, 90, 'kha'],
    ['the previous resolution not carried out keeps it below Tốt', { ...good, previousResolutionDone: false }, allTicks, 90, 'kha'],
    ['not said whether the previous resolution was carried out', { ...good, previousResolutionDone: null }, allTicks, 90, 'kha'],
    ['no draft resolution keeps it below Tốt', { ...good, draftResolutionPrepared: false }, allTicks, 90, 'kha'],
    ['minutes incomplete keep it below Tốt', { ...good, minutesComplete: false }, allTicks, 90, 'kha'],
    ['no committee meeting before blocks Tốt', { ...good, committeeMetBefore: false }, allTicks, 90, 'kha'],
    ['nothing ticked by the chair (the previous resolution is a fact now, not a tick)', good, {}, 80, 'kha'],
    [
      'a poor meeting',
      {
        attendanceRate: 0.5,
        unmarked: 0,
        unexcusedAbsences: 3,
        longestExcusedStreak: 5,
        committeeMetBefore: false,
        draftResolutionPrepared: false,
        durationMinutes: 45,
        minutesComplete: false,
        previousResolutionDone: false,
      },
      { proper_sequence: true },
      5,
      'kem',
    ],
    ['no one expected', { ...good, attendanceRate: null }, allTicks, 85, 'kha'],
  ] as const)('%s', (_label, facts, ticks, points, grade) => {
    const r = gradeMeeting(hd12.body, facts, ticks);
    expect(r.points).toBe(points);
    expect(r.maxPoints).toBe(100);
    expect(r.grade).toBe(grade);
  });

  it('says which conditions kept the grade below the top band', () => {
    const r = gradeMeeting(hd12.body, { ...good, durationMinutes: 89, previousResolutionDone: null }, allTicks);
    expect(r).toMatchObject({ grade: 'kha', uncappedGrade: 'kha', cappedBy: [] });
    const capped = gradeMeeting(hd12.body, { ...good, longestExcusedStreak: 4, previousResolutionDone: null }, allTicks);
    expect(capped).toMatchObject({ points: 85, grade: 'kha', uncappedGrade: 'kha' });
    const one = gradeMeeting(hd12.body, { ...good, longestExcusedStreak: 4 }, allTicks);
    expect(one).toMatchObject({ points: 95, grade: 'kha', uncappedGrade: 'tot', cappedBy: ['no_excused_streak'] });
  });

  it("caps only the meetings HD 12 sets conditions for (not the committee's own)", () => {
    expect(gradeMeeting(hd12.body, { ...good, durationMinutes: 89 }, allTicks, false)).toMatchObject({ points: 90, grade: 'tot', cappedBy: [] });
  });

  it('ignores a tick on an automatic criterion', () => {
    const r = gradeMeeting(hd12.body, { ...good, durationMinutes: 30 }, { ...allTicks, duration: true });
    expect(r.criteria.find((c) => c.key === 'duration')).toMatchObject({ auto: true, met: false, earned: 0 });
  });
});

describe('a province scale loaded as data', () => {
  const template = builtinRuleSet('meeting-quality', 'vi-du-tinh-100-diem', qualityScaleSchema)!;

  it('is offered as a template, never in force by itself', () => {
    expect(template.use).toBe('template');
    expect(ruleSetInForce('meeting-quality', '2026-01-01', qualityScaleSchema).code).toBe('hd12');
    expect(
      builtinRuleSets('meeting-quality')
        .map((s) => s.code)
        .sort(),
    ).toEqual(['hd12', 'vi-du-tinh-100-diem']);
  });

  it.each([
    [{ ...good, attendanceRate: 0.88 }, { content: true }, 80, 'kha'],
    [{ ...good, attendanceRate: 0.95 }, { content: true }, 100, 'tot'],
    [{ ...good, attendanceRate: 0.95, minutesComplete: false }, {}, 70, 'kha'],
    [{ ...good, committeeMetBefore: false, draftResolutionPrepared: false, attendanceRate: 0.95 }, {}, 50, 'trung_binh'],
    // The province's scale has no criterion for it, but HD 12's conditions still cap the grade.
    [{ ...good, attendanceRate: 0.95, previousResolutionDone: false }, { content: true }, 100, 'kha'],
    [{ ...good, attendanceRate: 0.95, longestExcusedStreak: 4 }, { content: true }, 100, 'kha'],
  ] as const)('grades %o with ticks %o as %i points, %s', (facts, ticks, points, grade) => {
    const r = gradeMeeting(template.body, facts, ticks);
    expect([r.points, r.grade]).toEqual([points, grade]);
  });

  it('refuses a scale whose band needs an unknown criterion or has no floor', () => {
    const bad = { criteria: [{ key: 'a', label: { vi: 'A', en: 'A' }, points: 10 }], bands: [{ grade: 'tot', minPoints: 5, requires: ['b'] }] };
    const issues = qualityScaleSchema.safeParse(bad).error!.issues.map((i) => i.message);
    expect(issues).toEqual(['meetings.scale_unknown_criterion', 'meetings.scale_needs_floor']);
  });
});

import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween } from '../../src/domain/calendar.ts';
import { type ComplianceInput, computeCompliance, type MeetingFact, strikeOffWarnings } from '../../src/domain/meeting-compliance.ts';
import { calendarText, foldLine } from '../../src/domain/meeting-ical.ts';
import { documentDateLine, quarterOf } from '../../src/domain/meeting-time.ts';

const rules = { planDeadlineDay: 20, thematicPerQuarter: 1, strikeOffUnexcusedAbsences: 3, strikeOffWindowMonths: 12 };
const held = (unitId: number, heldOn: string, kind: MeetingFact['kind'] = 'regular', expected = 10, present = 9): MeetingFact => ({
  unitId,
  kind,
  heldOn,
  recorded: true,
  held: true,
  expected,
  present,
  grade: null,
});
const base = (meetings: MeetingFact[], asOf = '2026-01-10'): ComplianceInput => ({
  from: '2025-01-01',
  to: '2025-12-31',
  asOf,
  rules,
  meetings,
  unexcusedAbsences: [],
  cells: [
    { unitId: 1, name: 'Thôn 1', establishedOn: '2020-01-01', dissolvedOn: null },
    { unitId: 2, name: 'Thôn 2', establishedOn: '2025-05-15', dissolvedOn: null },
  ],
});
const everyMonth = (unitId: number, months: number[]) => months.map((m) => held(unitId, `2025-${String(m).padStart(2, '0')}-05`));

describe('meeting compliance over a year', () => {
  it('requires only whole months the cell existed through, and ended by the report date', () => {
    const r = computeCompliance(base([...everyMonth(1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), ...everyMonth(2, [6, 7, 8, 9, 10, 11, 12])]));
    expect(r.cells.map((c) => [c.unitName, c.monthsRequired, c.everyMonth])).toEqual([
      ['Thôn 1', 12, true],
      ['Thôn 2', 7, true],
    ]);
    expect(r.summary).toMatchObject({ cells: 2, cellsEveryMonth: 2, cellsEveryMonthRate: 1 });
  });

  it('names the missing months; a thematic meeting does not replace the monthly one', () => {
    const r = computeCompliance(base([...everyMonth(1, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]), held(1, '2025-03-10', 'thematic')]));
    expect(r.cells[0]).toMatchObject({ missingMonths: ['2025-03'], everyMonth: false, thematicEveryQuarter: false });
    expect(r.cells[0]!.thematicByQuarter).toEqual({ '2025-Q1': 1, '2025-Q2': 0, '2025-Q3': 0, '2025-Q4': 0 });
  });

  it('counts a month only when its meeting was held, not merely planned', () => {
    const planned = { ...held(1, '2025-03-05'), held: false };
    const r = computeCompliance(base([...everyMonth(1, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]), planned]));
    expect(r.cells[0]!.missingMonths).toEqual(['2025-03']);
  });

  it('does not require a month that has not ended by the report date', () => {
    const r = computeCompliance({ ...base(everyMonth(1, [1, 2, 3, 4, 5])), asOf: '2025-06-15' });
    expect(r.monthsRequired).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    expect(r.quartersRequired).toEqual(['2025-Q1']);
    expect(r.cells[0]!.everyMonth).toBe(true);
    expect(r.thisMonth).toEqual({
      month: '2025-06',
      deadline: '2025-06-20',
      overdue: false,
      cellsWithoutMeeting: [
        { unitId: 1, unitName: 'Thôn 1' },
        { unitId: 2, unitName: 'Thôn 2' },
      ],
    });
  });

  it('computes attendance over held cell meetings, overall from the sums', () => {
    const r = computeCompliance(
      base([held(1, '2025-01-05', 'regular', 10, 9), held(1, '2025-02-05', 'thematic', 10, 7), held(2, '2025-06-05', 'regular', 5, 5)]),
    );
    expect(r.cells.map((c) => c.attendanceRate)).toEqual([0.8, 1]);
    expect(r.summary.attendanceRate).toBe(21 / 25);
  });
});

describe('striking-off warning: 3 months with an absence without reason within 12 months', () => {
  const a = (memberId: number, heldOn: string) => ({ memberId, fullName: `Đảng viên ${memberId}`, unitId: 1, heldOn });
  it.each([
    [['2025-01-05', '2025-05-05', '2025-12-05'], true],
    [['2025-01-05', '2025-05-05', '2026-01-05'], false],
    // Calendar months: January 2025 to January 2026 is 13 months.
    [['2025-01-05', '2025-05-05', '2026-01-04'], false],
    [['2025-01-05', '2025-01-20', '2025-01-28'], false],
    [['2025-01-05', '2025-05-05'], false],
  ] as const)('absences on %o → warning %s', (dates, warned) => {
    expect(
      strikeOffWarnings(
        dates.map((d) => a(7, d)),
        rules,
        { from: '2025-01-01', to: '2026-12-31' },
      ).length,
    ).toBe(warned ? 1 : 0);
  });
});

describe('dates and calendar text', () => {
  it.each([
    ['2026-03-05', 'ngày 05 tháng 3 năm 2026'],
    ['2026-01-15', 'ngày 15 tháng 01 năm 2026'],
    ['2026-12-09', 'ngày 09 tháng 12 năm 2026'],
  ])('the document date line of %s is "%s"', (iso, line) => expect(documentDateLine(iso)).toBe(line));

  it('walks months and quarters', () => {
    expect(monthsBetween('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(quarterOf('2025-11-20')).toBe('2025-Q4');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2026-03-05', -2)).toBe('2026-01-05');
  });

  it('folds long calendar lines at 75 octets without splitting a Vietnamese letter', () => {
    const folded = foldLine(`SUMMARY:${'Sinh hoạt chi bộ định kỳ '.repeat(5)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'Sinh hoạt chi bộ định kỳ '.repeat(5)}`);
    const text = calendarText(
      'Lịch',
      [
        {
          uid: 'm1@chibo',
          start: new Date('2026-03-05T01:00:00Z'),
          end: new Date('2026-03-05T03:00:00Z'),
          summary: 'Họp; bàn, việc',
          location: 'Nhà văn hóa',
          description: 'a\nb',
          cancelled: true,
        },
      ],
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(text).toContain('SUMMARY:Họp\\; bàn\\, việc\r\n');
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).toContain('DTSTART:20260305T010000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { isValidCitizenId } from '../../src/domain/citizen-id.ts';
import { countOrganisations } from '../../src/domain/org-counting.ts';
import { generateMeetings } from '../../src/modules/demo/generate-meetings.ts';
import { type DemoMember, generateMembers } from '../../src/modules/demo/generate-members.ts';
import { type DemoPlan, planDemo } from '../../src/modules/demo/plan-units.ts';
import { allocate, Rng } from '../../src/modules/demo/random.ts';
import { FEMALE_MIDDLE_NAMES, MALE_MIDDLE_NAMES } from '../../src/modules/demo/vietnamese-names.ts';

const AS_OF = '2026-11-01';
const membersOf = (seed: number, asOf = AS_OF): DemoMember[] => [...generateMembers(planDemo('commune', seed), asOf)].flatMap((b) => b.members);
/** The plan's figures as the counting rules in force today count them (today's tree: the units not dissolved). */
const organisations = (plan: DemoPlan) =>
  countOrganisations(
    plan.units.filter((u) => !u.dissolvedOn).map((u) => ({ id: u.index, kind: u.kind, parentId: u.parentIndex })),
    AS_OF,
  );
const addYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;

describe('demo plan', () => {
  it('builds Bắc Bình as the articles describe it: 11 cells, 340 members', () => {
    const plan = planDemo('commune', 1);
    expect(plan.units.map((u) => u.name).slice(0, 3)).toEqual(['Đảng bộ tỉnh Vĩnh Phúc', 'Đảng bộ xã Bắc Bình', 'Chi bộ thôn Bắc Sơn']);
    expect(plan.units.filter((u) => u.kind === 'chi_bo')).toHaveLength(11);
    expect(plan.totalMembers).toBe(340);
    expect(plan.units[plan.firstCellIndex]!.name).toBe('Chi bộ thôn Bắc Sơn');
    // The commune committee holds its 11 village cells directly: it is the one grassroots organisation.
    expect(organisations(plan)).toEqual({ grassroots: { n: 1, committees: 1, cells: 0 }, cells: { n: 11, underCommittees: 11, grassrootsCells: 0 } });
    expect(plan.units.some((u) => u.name === 'Chi bộ Trường THCS Bắc Bình')).toBe(true);
  });

  it('builds a province with 627 grassroots organisations, 4,131 cells and 100,000 members', () => {
    const plan = planDemo('province', 1);
    const counted = organisations(plan);
    expect(counted.grassroots.n).toBe(627);
    expect(counted.cells.n).toBe(4131);
    // 90 commune committees are among the 627 (each holds cells directly).
    expect(plan.units.filter((u) => u.kind === 'dang_bo_xa')).toHaveLength(90);
    expect(plan.totalMembers).toBe(100_000);
    expect(new Set(plan.units.map((u) => u.code)).size).toBe(plan.units.length);
    expect(plan.units.filter((u) => u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so').every((u) => u.memberCount >= 3)).toBe(true);
  });
});

describe('demo members', () => {
  it('are the same people for the same seed, and other people for another seed', () => {
    const names = (seed: number, asOf?: string) => membersOf(seed, asOf).map((m) => m.fullName);
    expect(names(7)).toEqual(names(7));
    expect(names(7, '2030-01-01')).toEqual(names(7));
    expect(names(8)).not.toEqual(names(7));
  });

  it('carry middle names that match their sex', () => {
    for (const m of membersOf(1)) {
      const middle = m.fullName.split(' ')[1]!;
      expect(m.sex === 'nam' ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES, m.fullName).toContain(middle);
    }
    expect([...MALE_MIDDLE_NAMES].filter((n) => FEMALE_MIDDLE_NAMES.has(n))).toEqual([]);
  });

  it('have plausible dates: born 1940–2004, admitted at 18 or older, full member 12 months later', () => {
    const members = membersOf(1);
    for (const m of members) {
      expect(m.dateOfBirth >= '1940-01-01' && m.dateOfBirth <= '2004-12-31', m.fullName).toBe(true);
      expect(m.admittedOn >= addYears(m.dateOfBirth, 18), m.fullName).toBe(true);
      expect(m.admittedOn <= AS_OF).toBe(true);
      if (m.status === 'du_bi') expect(m.fullMemberOn).toBeNull();
      else expect(m.fullMemberOn).toBe(addYears(m.admittedOn, 1).replace(/-02-29$/, '-03-01'));
    }
    const byStatus = (s: string) => members.filter((m) => m.status === s).length;
    expect(byStatus('du_bi')).toBeGreaterThan(0);
    expect(byStatus('mien_sinh_hoat')).toBeGreaterThan(0);
    for (const m of members.filter((x) => x.status === 'mien_sinh_hoat')) expect(m.dateOfBirth <= '1956-11-01').toBe(true);
  });

  it('have unique, well-formed citizen IDs and party card numbers, and some are from ethnic minorities', () => {
    const members = membersOf(3);
    expect(new Set(members.map((m) => m.citizenId)).size).toBe(members.length);
    const cards = members.map((m) => m.partyCardNumber).filter((c) => c !== null);
    expect(new Set(cards).size).toBe(cards.length);
    expect(members.every((m) => isValidCitizenId(m.citizenId))).toBe(true);
    expect(cards.every((c) => /^[0-9A-Za-z.-]{6,20}$/.test(c))).toBe(true);
    expect(members.filter((m) => m.phone !== null).every((m) => /^0[0-9]{9}$/.test(m.phone!))).toBe(true);
    expect(members.some((m) => m.ethnicity !== 'Kinh')).toBe(true);
  });

  it("give every unit of today's tree a secretary and a deputy, two different people", () => {
    const plan = planDemo('commune', 1);
    const committees = [...generateMembers(plan, AS_OF)].flatMap((b) => b.committees);
    for (const u of plan.units.filter((x) => !x.dissolvedOn)) {
      const mine = committees.filter((c) => c.unitIndex === u.index);
      expect(mine.map((c) => c.position).sort(), u.name).toEqual(['bi_thu', 'pho_bi_thu']);
      expect(mine[0]!.memberIndex).not.toBe(mine[1]!.memberIndex);
    }
  });
});

describe('seeded random numbers', () => {
  it('repeat for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it.each([
    [10, [1, 1, 1], 0, [4, 3, 3]],
    [340, [46, 41, 38], 3, [125, 111, 104]],
    [7, [0, 0], 2, [4, 3]],
    [5, [5, 0, 0], 1, [3, 1, 1]],
  ])('allocate(%i, %j, min %i) → %j', (total, weights, min, expected) => {
    const parts = allocate(total, weights, min);
    expect(parts.reduce((x, y) => x + y, 0)).toBe(total);
    expect(parts).toEqual(expected);
  });
});

describe('demo history and meetings', () => {
  it('keeps the tree before 1/7/2025: Bắc Bình a grassroots committee of Lập Thạch district, Xuân Lôi merged into it', () => {
    const plan = planDemo('commune', 1);
    const byName = (name: string) => plan.units.find((u) => u.name === name)!;
    const district = byName('Đảng bộ huyện Lập Thạch');
    expect(district).toMatchObject({ kind: 'dang_bo_huyen', dissolvedOn: '2025-07-01' });
    const bacBinh = byName('Đảng bộ xã Bắc Bình');
    expect(bacBinh.before).toEqual({ kind: 'dang_bo_co_so', parentIndex: district.index, name: 'Đảng bộ xã Bắc Bình' });
    expect(bacBinh).toMatchObject({ kind: 'dang_bo_xa', parentIndex: 0 });
    const xuanLoi = byName('Đảng bộ xã Xuân Lôi');
    expect(xuanLoi).toMatchObject({ kind: 'dang_bo_co_so', parentIndex: district.index, dissolvedOn: '2025-07-01' });
    expect(byName('Chi bộ thôn Phú Cường').before?.parentIndex).toBe(xuanLoi.index);
    expect(plan.events.map((e) => e.kind).sort()).toEqual(['dissolve', 'merge', 'move', 'reclassify']);
    // Before the date: 2 grassroots committees under the district; after it, Bắc Bình alone holding 11 cells.
    const before = plan.units.map((u) => ({ id: u.index, kind: u.before?.kind ?? u.kind, parentId: u.before ? u.before.parentIndex : u.parentIndex }));
    expect(countOrganisations(before, '2025-06-30').grassroots.n).toBe(2);
  });

  it('hold 12 months of meetings with gaps: missed months, quarters without a thematic meeting, absences with and without reason', () => {
    const plan = planDemo('province', 1);
    const batches = [];
    for (const b of generateMembers(plan, '2026-11-30')) if (batches.push(b) >= 400) break;
    const meetings = batches.map((b) => generateMeetings(b, 1, '2026-11-30', 12));
    const regularMonths = meetings.map((ms) => new Set(ms.filter((m) => m.kind === 'regular').map((m) => m.heldOn.slice(0, 7))).size);
    expect(Math.max(...regularMonths)).toBe(12);
    expect(regularMonths.filter((n) => n < 12).length).toBeGreaterThan(0);
    const thematicQuarters = meetings.map((ms) => ms.filter((m) => m.kind === 'thematic').length);
    expect(thematicQuarters.filter((n) => n < 5).length).toBeGreaterThan(0);
    const attendance = meetings.flat().flatMap((m) => m.attendance);
    const share = (s: string) => attendance.filter((a) => a.status === s).length / attendance.length;
    expect(share('present')).toBeGreaterThan(0.85);
    expect(share('absent_excused')).toBeGreaterThan(0.02);
    expect(share('absent_unexcused')).toBeGreaterThan(0);
    expect(attendance.filter((a) => a.status === 'absent_excused').every((a) => a.reason)).toBe(true);
    const grades = new Set(meetings.flat().flatMap((m) => (m.quality ? [m.quality.result.grade] : [])));
    expect(grades.has('tot')).toBe(true);
    expect(grades.size).toBeGreaterThanOrEqual(3);
    // Planned for a round two hours, as a secretary plans (the next plan's default times come
    // from the last meeting: 19:30–21:36 looked like a slip); the minutes keep how long each ran.
    const regular = meetings.flat().filter((m) => m.kind === 'regular');
    expect(regular.every((m) => m.endsAt.getTime() - m.startsAt.getTime() === 2 * 3600_000)).toBe(true);
    expect(new Set(regular.flatMap((m) => (m.minutes ? [m.minutes.content.closedAt] : []))).size).toBeGreaterThan(10);
  });

  it('leave out exactly one past month of a cell that missed one, whatever the date, and keep the other months as they were', () => {
    const plan = planDemo('commune', 1);
    const batches = [...generateMembers(plan, '2026-12-04')].filter((b) => b.members.length > 0).slice(0, 6);
    const regularMonths = (ms: ReturnType<typeof generateMeetings>) => ms.filter((m) => m.kind === 'regular').map((m) => m.heldOn);
    for (const b of batches) {
      const whole = regularMonths(generateMeetings(b, 1, '2026-12-04', 13, { agenda: false }));
      const gapped = regularMonths(generateMeetings(b, 1, '2026-12-04', 13, { agenda: false, missOneMonth: true }));
      const missing = whole.filter((d) => !gapped.includes(d));
      expect(missing, b.unit.name).toHaveLength(1);
      // A past month: this month's meeting is still there (or still to plan).
      expect(missing[0]! < '2026-12-01').toBe(true);
      expect(gapped).toEqual(whole.filter((d) => d !== missing[0]));
    }
  });
});

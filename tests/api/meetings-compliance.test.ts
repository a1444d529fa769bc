// Compliance for a commune over 2025, from generated meetings, checked against figures
// counted by hand (written out below, not recomputed by the same code).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceStatus, MeetingKind } from '../../src/db/types.ts';
import { clock } from '../../src/modules/meetings/clock.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hd12MeetingRulesWith, loadUnitRuleSet } from '../helpers/unit-rule-set.ts';
import { closeQuietly, setStatus } from './meetings.fixtures.ts';

let t: TestApp;
let commune: number;
const ids: Record<string, number> = {};

async function meeting(unitId: number, kind: MeetingKind, date: string, status: 'planned' | 'cancelled' = 'planned') {
  const row = await t.database.db
    .insertInto('meetings')
    .values({
      unit_id: unitId,
      kind,
      held_on: date,
      starts_at: new Date(`${date}T08:00:00+07:00`),
      ends_at: new Date(`${date}T10:00:00+07:00`),
      place: 'Nhà văn hóa',
      topic: `${kind} ${date}`,
      status,
      check_in_code: '123456',
      check_in_secret: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Everyone expected present, except the listed absences; `viaCheckIn` members checked in themselves. */
async function attend(meetingId: number, members: number[], absences: Record<number, AttendanceStatus> = {}, viaCheckIn: number[] = []) {
  for (const memberId of members) {
    if (viaCheckIn.includes(memberId) && !absences[memberId]) {
      await t.database.db.insertInto('meeting_check_ins').values({ meeting_id: meetingId, member_id: memberId, method: 'code' }).execute();
    } else {
      await t.database.db
        .insertInto('meeting_attendance')
        .values({
          meeting_id: meetingId,
          member_id: memberId,
          status: absences[memberId] ?? 'present',
          reason: absences[memberId] === 'absent_excused' ? 'Ốm' : null,
        })
        .execute();
    }
  }
}

const mm = (m: number) => String(m).padStart(2, '0');

beforeAll(async () => {
  t = await createTestApp();
  commune = await t.unit({ code: 'XA', name: 'Đảng bộ xã Quảng Lâm', kind: 'dang_bo_xa' });
  const A = await t.unit({ code: 'XA-A', name: 'Chi bộ bản Nà Pền', parentId: commune });
  const B = await t.unit({ code: 'XA-B', name: 'Chi bộ bản Huổi Lụ', parentId: commune });
  const C = await t.unit({ code: 'XA-C', name: 'Chi bộ bản Pa Cá', parentId: commune });
  Object.assign(ids, { A, B, C });
  const a = [];
  for (let i = 1; i <= 4; i++) a.push(await t.member({ unitId: A, fullName: `Lò Văn A${i}` }));
  const a5 = await t.member({ unitId: A, fullName: 'Lò Văn Già' });
  await setStatus(t, a5, 'mien_sinh_hoat');
  const b = [];
  for (let i = 1; i <= 3; i++) b.push(await t.member({ unitId: B, fullName: `Quàng Văn B${i}` }));
  const c = [];
  for (let i = 1; i <= 2; i++) c.push(await t.member({ unitId: C, fullName: `Lường Văn C${i}` }));
  ids.a1 = a[0]!;
  ids.c1 = c[0]!;

  // Cell A: a regular meeting every month, a thematic one in Feb, May, Aug, Nov.
  // a1 absent without reason in Jan, Mar, Jun (a striking-off warning); a2 absent with reason in Feb; a3 checks in.
  for (let m = 1; m <= 12; m++) {
    const id = await meeting(A, 'regular', `2025-${mm(m)}-05`);
    const absences: Record<number, AttendanceStatus> = {};
    if ([1, 3, 6].includes(m)) absences[a[0]!] = 'absent_unexcused';
    if (m === 2) absences[a[1]!] = 'absent_excused';
    await attend(id, [...a, a5], absences, [a[2]!]);
    if (m === 1)
      await t.database.db
        .insertInto('meeting_quality')
        .values({ meeting_id: id, rule_set_code: 'hd12', rule_set_version: '2018-07-06', result: '{}', points: 95, max_points: 100, grade: 'tot' })
        .execute();
    if (m === 2)
      await t.database.db
        .insertInto('meeting_quality')
        .values({ meeting_id: id, rule_set_code: 'hd12', rule_set_version: '2018-07-06', result: '{}', points: 75, max_points: 100, grade: 'kha' })
        .execute();
  }
  for (const m of [2, 5, 8, 11]) await attend(await meeting(A, 'thematic', `2025-${mm(m)}-20`), a);

  // Cell B: no regular meeting in July; thematic in Mar, Jun, Sep (none in Q4).
  // b1 absent without reason in Jan and Dec (two: no warning); b2 absent with reason in Mar.
  for (let m = 1; m <= 12; m++) {
    if (m === 7) continue;
    const id = await meeting(B, 'regular', `2025-${mm(m)}-10`);
    const absences: Record<number, AttendanceStatus> = {};
    if (m === 1 || m === 12) absences[b[0]!] = 'absent_unexcused';
    if (m === 3) absences[b[1]!] = 'absent_excused';
    await attend(id, b, absences);
    if (m === 3)
      await t.database.db
        .insertInto('meeting_quality')
        .values({ meeting_id: id, rule_set_code: 'hd12', rule_set_version: '2018-07-06', result: '{}', points: 40, max_points: 100, grade: 'kem' })
        .execute();
  }
  for (const m of [3, 6, 9]) await attend(await meeting(B, 'thematic', `2025-${mm(m)}-25`), b);

  // Cell C: April's meeting was cancelled; September's was planned but no attendance was
  // ever taken (not held). Thematic in Jan, Apr, Jul, Oct. c1 absent without reason in
  // Feb and Nov 2025, and in Dec 2024 (before the period, within 12 months of November).
  await attend(await meeting(C, 'regular', '2024-12-05'), c, { [c[0]!]: 'absent_unexcused' });
  for (let m = 1; m <= 12; m++) {
    if (m === 4) {
      await meeting(C, 'regular', '2025-04-05', 'cancelled');
      continue;
    }
    const id = await meeting(C, 'regular', `2025-${mm(m)}-05`);
    if (m === 9) continue;
    await attend(id, c, m === 2 || m === 11 ? { [c[0]!]: 'absent_unexcused' } : {});
  }
  for (const m of [1, 4, 7, 10]) await attend(await meeting(C, 'thematic', `2025-${mm(m)}-15`), c);

  // January 2026: only cell A has planned its meeting so far.
  await meeting(A, 'regular', '2026-01-25');

  await t.user('huyen', [{ role: 'org_officer', unitId: commune }]);
  await t.user('bithu-b', [{ role: 'secretary', unitId: B }]);
});
afterAll(() => closeQuietly(t));

describe('compliance of a commune over 2025, as of 10/01/2026', () => {
  const url = () => `/api/v1/meetings/compliance?unitId=${commune}&from=2025-01-01&to=2025-12-31&asOf=2026-01-10`;

  it('matches the hand count', async () => {
    const res = await (await t.as('huyen'))({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.monthsRequired).toHaveLength(12);
    expect(r.quartersRequired).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    const byName = Object.fromEntries(r.cells.map((c: { unitName: string }) => [c.unitName, c]));
    // A: 12 regular + 4 thematic held; 4 expected each = 64; absences a1 ×3, a2 ×1 → 60 present.
    expect(byName['Chi bộ bản Nà Pền']).toMatchObject({
      monthsHeld: 12,
      everyMonth: true,
      thematicEveryQuarter: true,
      meetingsHeld: 16,
      expected: 64,
      present: 60,
      missingMonths: [],
    });
    // B: 11 regular + 3 thematic; 3 expected each = 42; absences b1 ×2, b2 ×1 → 39.
    expect(byName['Chi bộ bản Huổi Lụ']).toMatchObject({
      monthsHeld: 11,
      everyMonth: false,
      missingMonths: ['2025-07'],
      thematicEveryQuarter: false,
      meetingsHeld: 14,
      expected: 42,
      present: 39,
    });
    expect(byName['Chi bộ bản Huổi Lụ'].thematicByQuarter).toEqual({ '2025-Q1': 1, '2025-Q2': 1, '2025-Q3': 1, '2025-Q4': 0 });
    // C: 10 regular held (April cancelled, September not held) + 4 thematic; 2 expected each = 28; c1 ×2 → 26.
    expect(byName['Chi bộ bản Pa Cá']).toMatchObject({
      monthsHeld: 10,
      everyMonth: false,
      missingMonths: ['2025-04', '2025-09'],
      thematicEveryQuarter: true,
      meetingsHeld: 14,
      expected: 28,
      present: 26,
    });
    expect(r.summary).toMatchObject({
      cells: 3,
      cellsEveryMonth: 1,
      cellsMonthlyApplicable: 3,
      cellsThematicEveryQuarter: 2,
      cellsThematicApplicable: 3,
      meetingsHeld: 44,
      expected: 134,
      present: 125,
      grades: { tot: 1, kha: 1, trung_binh: 0, kem: 1, ungraded: 41 },
    });
    expect(r.summary.cellsEveryMonthRate).toBeCloseTo(1 / 3);
    expect(r.summary.attendanceRate).toBeCloseTo(125 / 134);
    // c1's December 2024 absence is before the period but within 12 months of November:
    // the window looks back past the report's start (RULES §3).
    expect(r.strikeOffWarnings).toEqual([
      { memberId: ids.a1, fullName: 'Lò Văn A1', unitId: ids.A, unitName: 'Chi bộ bản Nà Pền', absences: 3, dates: ['2025-01-05', '2025-03-05', '2025-06-05'] },
      {
        memberId: ids.c1,
        fullName: 'Lường Văn C1',
        unitId: ids.C,
        unitName: 'Chi bộ bản Pa Cá',
        absences: 3,
        dates: ['2024-12-05', '2025-02-05', '2025-11-05'],
      },
    ]);
    expect(r.thisMonth).toEqual({
      month: '2026-01',
      deadline: '2026-01-20',
      overdue: false,
      cellsWithoutMeeting: [
        { unitId: ids.B, unitName: 'Chi bộ bản Huổi Lụ' },
        { unitId: ids.C, unitName: 'Chi bộ bản Pa Cá' },
      ],
    });
  });

  it('exports the same figures as xlsx', async () => {
    const res = await (await t.as('huyen'))({ method: 'GET', url: url().replace('compliance?', 'compliance.xlsx?') });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Từng chi bộ', 'Cảnh báo xóa tên', 'Chưa có lịch tháng này']);
    const summary = wb.getWorksheet('Tổng hợp')!;
    const values = Object.fromEntries(
      summary
        .getSheetValues()
        .filter(Boolean)
        .map((row) => [(row as unknown[])[1], (row as unknown[])[2]]),
    );
    expect(values['Chi bộ sinh hoạt đủ hằng tháng']).toBe('1/3');
    expect(values['Có mặt / phải dự']).toBe('125/134');
    expect(wb.getWorksheet('Cảnh báo xóa tên')!.getRow(2).getCell(1).value).toBe('Lò Văn A1');
  });

  it("is not found for a unit outside the caller's scope", async () => {
    const res = await (await t.as('bithu-b'))({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(404);
  });

  it('is not found for a period before the unit was founded, or after it was dissolved', async () => {
    const huyen = await t.as('huyen');
    const before = await huyen({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${commune}&from=2019-01-01&to=2019-12-31&asOf=2026-01-10` });
    expect(before.statusCode).toBe(404);
    expect(before.headers['content-type']).toContain('application/problem+json');
    expect(before.json().title).toMatch(/Không tìm thấy/);
    // The day it was founded is in the period: found.
    const spanning = await huyen({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${commune}&from=2019-06-01&to=2020-01-01&asOf=2026-01-10` });
    expect(spanning.statusCode, spanning.body).toBe(200);

    const gone = await t.unit({ code: 'XA-GONE', name: 'Chi bộ bản Cũ', parentId: commune });
    await t.user('tinh-gone', [{ role: 'admin', unitId: commune }]);
    const admin = await t.as('tinh-gone');
    const dissolved = await admin({ method: 'POST', url: `/api/v1/units/${gone}/dissolve`, payload: { effectiveOn: '2024-07-01', decisionNumber: '5-QĐ/ĐU' } });
    expect(dissolved.statusCode, dissolved.body).toBe(200);
    const report = (from: string, to: string) =>
      admin({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${gone}&from=${from}&to=${to}&asOf=2026-01-10` });
    expect((await report('2025-01-01', '2025-12-31')).statusCode).toBe(404);
    // Its last day, 30/06/2024, is in the period: found.
    expect((await report('2024-06-01', '2024-12-31')).statusCode).toBe(200);
    // So are its meeting figures for 2024, shown as the cell was on its last day; 2025 is not found.
    const figures = (from: string, to: string) => admin({ method: 'GET', url: `/api/v1/figures/units/${gone}/meetings?from=${from}&to=${to}` });
    const year = await figures('2024-01-01', '2024-12-31');
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json().unit).toMatchObject({ id: gone, name: 'Chi bộ bản Cũ' });
    expect(year.json().trend.map((m: { month: string }) => m.month)).toContain('2024-12');
    expect((await figures('2025-01-01', '2025-12-31')).statusCode).toBe(404);

    // Judged under the sets in force on its last day, the commune's included (today it sits
    // under nothing): with no thematic meeting asked per quarter, every quarter is met.
    expect(year.json().thematic).toEqual({ n: 0, of: 1 });
    const removeSet = await loadUnitRuleSet(t.database.db, {
      kind: 'meeting-rules',
      code: 'xa-khong-bat-buoc-chuyen-de',
      unitId: commune,
      title: 'Xã: không bắt buộc sinh hoạt chuyên đề',
      source: 'Thử',
      effectiveFrom: '2020-01-01',
      body: hd12MeetingRulesWith({ compliance: { thematicPerQuarter: 0 } }),
    });
    try {
      expect((await figures('2024-01-01', '2024-12-31')).json().thematic).toEqual({ n: 1, of: 1 });
      // The commune itself, over a year and over a stretch of two years, says the same.
      const ofCommune = async (from: string, to: string) =>
        (await admin({ method: 'GET', url: `/api/v1/figures/units/${commune}/meetings?from=${from}&to=${to}` })).json().thematic;
      for (const [from, to] of [
        ['2024-01-01', '2024-12-31'],
        ['2024-07-01', '2025-06-30'],
      ]) {
        const thematic = await ofCommune(from!, to!);
        expect(thematic.of, `${from}–${to}`).toBeGreaterThan(0);
        expect(thematic.n, `${from}–${to}`).toBe(thematic.of);
      }
    } finally {
      await removeSet();
    }
  });

  it('flags the plan deadline once the 20th has passed', async () => {
    const res = await (await t.as('huyen'))({
      method: 'GET',
      url: `/api/v1/meetings/compliance?unitId=${commune}&from=2025-01-01&to=2025-12-31&asOf=2026-01-21`,
    });
    expect(res.json().thisMonth).toMatchObject({ overdue: true, cellsWithoutMeeting: [{ unitName: 'Chi bộ bản Huổi Lụ' }, { unitName: 'Chi bộ bản Pa Cá' }] });
  });
});

describe('a cell moved to another commune later', () => {
  // Cell M met every month of 2025 under commune A; on 1/3/2026 it moved to commune B.
  // A's 2025 report keeps it; B's 2025 report does not have it (the tree of each month).
  let A: number;
  let B: number;
  let M: number;
  beforeAll(async () => {
    const province = await t.unit({ code: 'TINH', name: 'Đảng bộ tỉnh', kind: 'dang_bo_tinh' });
    A = await t.unit({ code: 'XA-DI', name: 'Đảng bộ xã Đông', kind: 'dang_bo_xa', parentId: province });
    B = await t.unit({ code: 'XA-DEN', name: 'Đảng bộ xã Tây', kind: 'dang_bo_xa', parentId: province });
    M = await t.unit({ code: 'XA-DI-M', name: 'Chi bộ thôn Mới', parentId: A });
    const stay = await t.unit({ code: 'XA-DEN-1', name: 'Chi bộ thôn Tây Một', parentId: B });
    const m = [await t.member({ unitId: M, fullName: 'Hầu Văn Một' }), await t.member({ unitId: M, fullName: 'Hầu Văn Hai' })];
    const s = [await t.member({ unitId: stay, fullName: 'Vàng Văn Ba' })];
    for (let mo = 1; mo <= 12; mo++) {
      await attend(await meeting(M, 'regular', `2025-${mm(mo)}-06`), m, mo === 5 ? { [m[1]!]: 'absent_excused' } : {});
      await attend(await meeting(stay, 'regular', `2025-${mm(mo)}-07`), s);
    }
    await t.user('tinh', [{ role: 'admin', unitId: province }]);
    const res = await (await t.as('tinh'))({
      method: 'POST',
      url: `/api/v1/units/${M}/move`,
      payload: { parentId: B, effectiveOn: '2026-03-01', decisionNumber: '7-QĐ/TU' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  const report = async (unitId: number, from: string, to: string) => {
    const res = await (await t.as('tinh'))({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${unitId}&from=${from}&to=${to}&asOf=2026-11-30` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("stays in its old commune's 2025 report and is not in the new one's", async () => {
    const a = await report(A, '2025-01-01', '2025-12-31');
    expect(a.cells.map((c: { unitName: string }) => c.unitName)).toEqual(['Chi bộ thôn Mới']);
    expect(a.cells[0]).toMatchObject({ monthsRequired: 12, monthsHeld: 12, everyMonth: true, meetingsHeld: 12, expected: 24, present: 23 });
    expect(a.summary).toMatchObject({ cells: 1, cellsEveryMonth: 1, meetingsHeld: 12, expected: 24, present: 23 });
    const b = await report(B, '2025-01-01', '2025-12-31');
    expect(b.cells.map((c: { unitName: string }) => c.unitName)).toEqual(['Chi bộ thôn Tây Một']);
    expect(b.summary).toMatchObject({ cells: 1, meetingsHeld: 12, expected: 12, present: 12 });
  });

  it('counts it in the new commune from its first whole month there', async () => {
    const a = await report(A, '2026-01-01', '2026-10-31');
    expect(a.cells[0]).toMatchObject({ unitName: 'Chi bộ thôn Mới', monthsRequired: 2 });
    const b = await report(B, '2026-01-01', '2026-10-31');
    expect(b.cells.find((c: { unitName: string }) => c.unitName === 'Chi bộ thôn Mới')).toMatchObject({ monthsRequired: 8 });
    // Today it is B's cell: B's "this month" check lists it, A's does not.
    expect(b.thisMonth.cellsWithoutMeeting.map((c: { unitName: string }) => c.unitName)).toContain('Chi bộ thôn Mới');
    expect(a.thisMonth.cellsWithoutMeeting).toEqual([]);
  });
});

describe('striking-off warning counts months, not meetings (RULES §3)', () => {
  // Cell K meets three times a month in 2026. k1 misses all three March meetings without
  // reason (one month); k2 misses one meeting in each of February, March and April.
  let X: number;
  let k: number[];
  beforeAll(async () => {
    X = await t.unit({ code: 'XA-K', name: 'Đảng bộ xã Khe Sanh', kind: 'dang_bo_xa' });
    const K = await t.unit({ code: 'XA-K-1', name: 'Chi bộ thôn Khe', parentId: X });
    k = [await t.member({ unitId: K, fullName: 'Hồ Văn Một' }), await t.member({ unitId: K, fullName: 'Hồ Văn Hai' })];
    for (let mo = 1; mo <= 6; mo++) {
      for (const day of [5, 12, 19]) {
        const absences: Record<number, AttendanceStatus> = {};
        if (mo === 3) absences[k[0]!] = 'absent_unexcused';
        if ([2, 3, 4].includes(mo) && day === 12) absences[k[1]!] = 'absent_unexcused';
        await attend(await meeting(K, day === 5 ? 'regular' : 'extraordinary', `2026-${mm(mo)}-${mm(day)}`), k, absences);
      }
    }
    await t.user('khe', [{ role: 'org_officer', unitId: X }]);
  });
  const warned = async (from: string, to: string) => {
    const res = await (await t.as('khe'))({ method: 'GET', url: `/api/v1/meetings/compliance?unitId=${X}&from=${from}&to=${to}&asOf=2026-07-10` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().strikeOffWarnings.map((w: { fullName: string; dates: string[] }) => [w.fullName, w.dates]);
  };

  it('does not warn for three absences in one March', async () => {
    expect((await warned('2026-01-01', '2026-06-30')).map((w: [string]) => w[0])).toEqual(['Hồ Văn Hai']);
  });

  it('warns for February, March and April in the half-year and in Q2 alike', async () => {
    const h1 = await warned('2026-01-01', '2026-06-30');
    const q2 = await warned('2026-04-01', '2026-06-30');
    expect(h1).toEqual([['Hồ Văn Hai', ['2026-02-12', '2026-03-12', '2026-04-12']]]);
    expect(q2).toEqual(h1);
  });

  it("shows the same warning on the member's page, judged as of today", async () => {
    const open = async (id: number) => (await (await t.as('khe'))({ method: 'GET', url: `/api/v1/members/${id}` })).json().strikeOffWarning;
    clock.set(new Date('2026-07-10T09:00:00+07:00'));
    try {
      expect(await open(k[0]!)).toBeNull();
      expect(await open(k[1]!)).toEqual({ months: ['2026-02', '2026-03', '2026-04'], dates: ['2026-02-12', '2026-03-12', '2026-04-12'] });
      // A year after April, the run has passed out of the last 12 months.
      clock.set(new Date('2027-05-10T09:00:00+07:00'));
      expect(await open(k[1]!)).toBeNull();
    } finally {
      clock.reset();
    }
  });

  it('gives the same count in the figures', async () => {
    await t.user('khe-admin', [{ role: 'admin', unitId: X }]);
    const res = await (await t.as('khe-admin'))({ method: 'GET', url: `/api/v1/figures/units/${X}/meetings?from=2026-04-01&to=2026-06-30` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().strikingOffWarnings).toBe(1);
  });
});

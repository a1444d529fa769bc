import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/http/app-error.ts';
import { demoAccountsStillOpen } from '../../src/modules/demo/demo-accounts-still-open.ts';
import { DEMO_ACCOUNTS, demoAccountsFor, seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { FEMALE_MIDDLE_NAMES, MALE_MIDDLE_NAMES } from '../../src/modules/demo/vietnamese-names.ts';
import { clock } from '../../src/modules/meetings/clock.ts';
import { expectFactsKept } from '../helpers/kept-facts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, { scale: 'commune', seed: 1, asOf: '2026-11-30' });
});
afterAll(() => t.close());

async function login(username: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: account.password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'chibo_session')!.value;
  return (url: string) => t.app.inject({ method: 'GET', url, cookies: { chibo_session: cookie } });
}

describe('demo data, commune scale', () => {
  it('creates Đảng bộ xã Bắc Bình with 11 cells and 340 members, with their history', async () => {
    const db = t.database.db;
    const cells = await db.selectFrom('units').select('name').where('kind', '=', 'chi_bo').execute();
    expect(cells).toHaveLength(11);
    expect(cells.map((c) => c.name)).toContain('Chi bộ thôn Bắc Sơn');
    const count = async (table: 'members' | 'member_placements' | 'unit_versions' | 'unit_events') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // 340 generated, and the admission candidate admitted a year ago (dự bị, in Đông Thịnh).
    expect(await count('members')).toBe(341);
    expect(await count('member_placements')).toBe(341);
    // 13 units of today's tree and 2 of the tree before 1/7/2025 (Lập Thạch district,
    // Xuân Lôi commune); Bắc Bình and the two villages from Xuân Lôi have a version before
    // the reorganisation and one since. Events: 15 creations, Bắc Bình's reclassification
    // and move under the province, Xuân Lôi's merge into it and the district's dissolution.
    // Plus the two party groups of the first cell (a version and a creation each).
    expect(await count('unit_versions')).toBe(20);
    expect(await count('unit_events')).toBe(21);
    const groups = await db.selectFrom('units').select(['name', 'parent_id']).where('kind', '=', 'to_dang').orderBy('name').execute();
    expect(groups.map((g) => g.name)).toEqual(['Tổ đảng xóm Đoài', 'Tổ đảng xóm Đông']);
    const inGroups = await db.selectFrom('party_group_members').select('member_id').where('valid_to', 'is', null).execute();
    const inCell = await db
      .selectFrom('members')
      .select('id')
      .where('unit_id', '=', groups[0]!.parent_id)
      .where('status', 'in', ['du_bi', 'chinh_thuc', 'mien_sinh_hoat'])
      .execute();
    expect(inGroups.length).toBe(inCell.length);
    // Every member's current status is the open row of their status history.
    const mismatched = await db
      .selectFrom('members as m')
      .innerJoin('member_statuses as s', (j) => j.onRef('s.member_id', '=', 'm.id').on('s.valid_to', 'is', null))
      .select('m.id')
      .whereRef('s.status', '!=', 'm.status')
      .execute();
    expect(mismatched).toEqual([]);
    const secretaries = await db.selectFrom('committee_members').select('unit_id').where('position', '=', 'bi_thu').execute();
    expect(secretaries).toHaveLength(13);
    // Fresh statistics after the load; history is consistent: every version of a unit follows the previous one.
    const gaps = await db
      .selectFrom('unit_versions as a')
      .innerJoin('unit_versions as b', (j) => j.onRef('b.unit_id', '=', 'a.unit_id').onRef('b.valid_from', '=', 'a.valid_to'))
      .select('a.unit_id')
      .execute();
    expect(gaps).toHaveLength(3);
  });

  it('names people with middle names that match their sex', async () => {
    const members = await t.database.db.selectFrom('members').select(['full_name', 'sex']).execute();
    for (const m of members) {
      expect(m.sex === 'nam' ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES, m.full_name).toContain(m.full_name.split(' ')[1]);
    }
  });

  it('lets the demo accounts log in, each seeing their own part of the tree', async () => {
    const admin = await login('admin');
    expect((await admin('/api/v1/members?pageSize=1')).json().total).toBe(341);
    const cellSecretary = await login('bithu.cb1');
    expect((await cellSecretary('/api/v1/members?pageSize=1')).json().total).toBe(46);
    const member = await login('dangvien');
    const me = (await member('/api/v1/auth/me')).json();
    expect(me.memberId).not.toBeNull();
    expect((await member(`/api/v1/members/${me.memberId}`)).statusCode).toBe(200);
    for (const username of ['tochuc', 'bithu.xa', 'capuy']) await login(username);
  });

  it('holds 12 months of meetings up to today, with the gaps real cells have', async () => {
    // A thematic meeting's topic is the topic alone: its papers say "Sinh hoạt chuyên đề: …" themselves.
    const thematic = await t.database.db.selectFrom('meetings').select('topic').where('kind', '=', 'thematic').execute();
    expect(thematic.length).toBeGreaterThan(10);
    expect(thematic.filter((m) => /^chuyên đề/i.test(m.topic))).toEqual([]);
    const admin = await login('admin');
    const commune = await t.database.db.selectFrom('units').select('id').where('name', '=', 'Đảng bộ xã Bắc Bình').executeTakeFirstOrThrow();
    const res = await admin(`/api/v1/meetings/compliance?unitId=${commune.id}&from=2025-12-01&to=2026-11-30&asOf=2026-11-30`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as {
      monthsRequired: string[];
      cells: {
        unitName: string;
        monthsHeld: number;
        missingMonths: string[];
        thematicEveryQuarter: boolean | null;
        meetingsHeld: number;
        expected: number;
        present: number;
        grades: Record<string, number>;
      }[];
    };
    expect(report.monthsRequired).toHaveLength(12);
    expect(report.cells).toHaveLength(11);
    // Most cells met every month; a few missed one, and some quarter went without a thematic meeting.
    expect(report.cells.filter((c) => c.monthsHeld === 12).length).toBeGreaterThan(5);
    expect(report.cells.some((c) => c.missingMonths.length > 0)).toBe(true);
    expect(report.cells.some((c) => c.thematicEveryQuarter === false)).toBe(true);
    const expected = report.cells.reduce((a, c) => a + c.expected, 0);
    const present = report.cells.reduce((a, c) => a + c.present, 0);
    expect(present / expected).toBeGreaterThan(0.85);
    expect(present / expected).toBeLessThan(0.97);
    const graded = report.cells.reduce((a, c) => a + c.grades.tot! + c.grades.kha! + c.grades.trung_binh! + c.grades.kem!, 0);
    expect(graded).toBeGreaterThan(100);
    // Absences without reason, by name, and with reason: the roll of an adopted meeting shows both.
    const db = t.database.db;
    const byStatus = await db
      .selectFrom('meeting_attendance')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
    expect(n('absent_unexcused')).toBeGreaterThan(0);
    expect(n('absent_excused')).toBeGreaterThan(n('absent_unexcused'));
    const meeting = await db
      .selectFrom('meetings as m')
      .innerJoin('meeting_minutes as mm', 'mm.meeting_id', 'm.id')
      .select('m.id')
      .where('mm.adopted_at', 'is not', null)
      .where('m.kind', '=', 'regular')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('meeting_attendance as a').select('a.member_id').whereRef('a.meeting_id', '=', 'm.id').where('a.status', '=', 'absent_excused'),
        ),
      )
      .orderBy('m.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const minutes = (await admin(`/api/v1/meetings/${meeting.id}/minutes`)).json();
    expect(minutes.status).toBe('adopted');
    expect(minutes.complete).toBe(true);
    expect(minutes.attendance.summary.absentExcused).toBeGreaterThan(0);
    const quality = await admin(`/api/v1/meetings/${meeting.id}/quality`);
    expect(quality.statusCode, quality.body).toBe(200);
  });

  it('gives each demo account a home page with real next steps (issue 8, item 22)', async () => {
    clock.set(new Date('2026-11-30T10:00:00+07:00'));
    try {
      // Bắc Sơn's secretary: November not planned yet, late since 20/10; October's resolution and its tasks.
      const [cell] = (await (await login('bithu.cb1'))('/api/v1/home')).json().cells;
      expect(cell.unitName).toBe('Chi bộ thôn Bắc Sơn');
      expect(cell.month).toBe('2026-11');
      expect(cell.meeting).toBeNull();
      expect(cell.steps[0]).toEqual({ key: 'plan', state: 'late', dueOn: '2026-10-20' });
      expect(cell.previous.heldOn.startsWith('2026-10')).toBe(true);
      expect(cell.previous.resolutionItems.length).toBeGreaterThan(0);
      expect(cell.previous.actionItems.length).toBeGreaterThan(0);
      // The commune committee: 11 cells, most with December's meeting planned, two meetings to attend.
      const [commune] = (await (await login('capuy'))('/api/v1/home')).json().committees;
      expect(commune.cells).toHaveLength(11);
      expect(commune.cells.filter((c: { held: boolean }) => c.held).length).toBeGreaterThan(5);
      expect(commune.assigned).toHaveLength(2);
      expect(commune.assigned.every((a: { mine: boolean; confirmed: boolean; heldOn: string }) => a.mine && !a.confirmed && a.heldOn > '2026-11-30')).toBe(
        true,
      );
      // …each told in the app.
      const notices = (await (await login('capuy'))('/api/v1/me/notices')).json();
      const guestNotices = notices.items.filter((n: { kind: string }) => n.kind === 'meeting_guest');
      expect(guestNotices).toHaveLength(2);
      expect(guestNotices[0].body).toContain('Sinh hoạt chi bộ');
      // A member: next month's meeting of their cell is on their calendar.
      const mine = (await (await login('dangvien'))('/api/v1/me/meetings')).json().items;
      expect(mine.some((m: { heldOn: string; kind: string }) => m.kind === 'regular' && m.heldOn.startsWith('2026-12'))).toBe(true);
    } finally {
      clock.reset();
    }
  });

  it('fills the new areas: white villages, running admission deadlines, dues paid for last month, a task for the member', async () => {
    clock.set(new Date('2026-11-30T10:00:00+07:00'));
    try {
      const db = t.database.db;
      const idOf = async (name: string) => (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      const commune = await idOf('Đảng bộ xã Bắc Bình');
      const bacSon = await idOf('Chi bộ thôn Bắc Sơn');
      // Villages: exactly two with no member living there, one with a candidate living in it.
      const villages = (await (await login('bithu.xa'))(`/api/v1/units/${commune}/villages?on=2026-11-30`)).json().villages as {
        id: number;
        residents: number;
        white: boolean;
      }[];
      expect(villages.length).toBeGreaterThanOrEqual(7);
      const white = villages.filter((v) => v.white);
      expect(white).toHaveLength(2);
      const candidates = await db.selectFrom('admission_candidates').select(['village_id', 'stage', 'member_id']).execute();
      expect(candidates.some((c) => white.some((v) => v.id === c.village_id))).toBe(true);
      expect(candidates.filter((c) => c.member_id !== null).map((c) => c.stage)).toEqual(['probation']);
      // Bắc Sơn's secretary sees a ceremony to hold on the home page, not yet overdue.
      const secretary = await login('bithu.cb1');
      const home = (await secretary('/api/v1/home')).json();
      expect(home.admissions.items.some((i: { kind: string; overdue: boolean }) => i.kind === 'ceremony_by' && !i.overdue)).toBe(true);
      // …and the commune's committee, the consideration of the member in probation coming up.
      const communeHome = (await (await login('capuy'))('/api/v1/home')).json();
      expect(communeHome.admissions.items.some((i: { stage: string; overdue: boolean }) => i.stage === 'probation' && !i.overdue)).toBe(true);
      // Dues: last month paid by most of Bắc Sơn, a few not.
      const month = (await secretary(`/api/v1/dues/units/${bacSon}/months/2026-10`)).json();
      expect(month.totals.members).toBe(46);
      expect(month.totals.paidMembers).toBeGreaterThan(38);
      expect(month.totals.paidMembers).toBeLessThan(46);
      expect(month.totals.paid).toBeGreaterThan(0);
      // Tasks: the member of the dangvien account has one; one of the cell's is overdue.
      const mine = (await (await login('dangvien'))('/api/v1/me/tasks')).json().items;
      expect(mine.length).toBeGreaterThan(0);
      const overdue = (await secretary(`/api/v1/tasks?unitId=${bacSon}&state=overdue`)).json();
      expect(overdue.items.length).toBeGreaterThan(0);
    } finally {
      clock.reset();
    }
  });

  it('shows the tree before the 1/7/2025 reorganisation on an earlier date', async () => {
    const admin = await login('admin');
    const db = t.database.db;
    const idOf = async (name: string) => (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const province = await idOf('Đảng bộ tỉnh Vĩnh Phúc');
    const bacBinh = await idOf('Đảng bộ xã Bắc Bình');
    const children = async (parentId: number, at: string) =>
      ((await admin(`/api/v1/units/children?parentId=${parentId}&at=${at}`)).json() as { items: { id: number; name: string; kind: string }[] }).items;
    // Today: Bắc Bình, a đảng bộ xã directly under the province, with 11 cells.
    expect((await children(province, '2026-11-30')).map((u) => [u.name, u.kind])).toEqual([['Đảng bộ xã Bắc Bình', 'dang_bo_xa']]);
    expect(await children(bacBinh, '2026-11-30')).toHaveLength(11);
    // On 30/6/2025: Lập Thạch district, holding the grassroots committees of Bắc Bình and Xuân Lôi.
    const before = await children(province, '2025-06-30');
    expect(before.map((u) => [u.name, u.kind])).toEqual([['Đảng bộ huyện Lập Thạch', 'dang_bo_huyen']]);
    const communes = await children(before[0]!.id, '2025-06-30');
    expect(communes.map((u) => [u.name, u.kind]).sort()).toEqual([
      ['Đảng bộ xã Bắc Bình', 'dang_bo_co_so'],
      ['Đảng bộ xã Xuân Lôi', 'dang_bo_co_so'],
    ]);
    expect(await children(bacBinh, '2025-06-30')).toHaveLength(9);
    const xuanLoi = communes.find((u) => u.name === 'Đảng bộ xã Xuân Lôi')!;
    expect((await children(xuanLoi.id, '2025-06-30')).map((u) => u.name).sort()).toEqual(['Chi bộ thôn Hợp Thành', 'Chi bộ thôn Phú Cường']);
    // The district does not exist today, and Bắc Bình was then a grassroots committee.
    expect((await admin(`/api/v1/units/${bacBinh}?at=2025-06-30`)).json().unit.kind).toBe('dang_bo_co_so');
    // Grassroots organisations, counted by the rules in force on each date: today Bắc Bình
    // itself (a đảng bộ xã holding cells); before, the two commune grassroots committees.
    expect((await admin(`/api/v1/units/${province}?at=2026-11-30`)).json().counts.grassroots).toBe(1);
    expect((await admin(`/api/v1/units/${province}?at=2025-06-30`)).json().counts.grassroots).toBe(2);
    const history = (await admin(`/api/v1/units/${bacBinh}/history`)).json();
    expect(JSON.stringify(history)).toContain('reclassify');
  });

  it('shows at start only the demo accounts that still open with the demo password', async () => {
    expect((await demoAccountsStillOpen(t.database.db)).map((a) => a.username)).toEqual(demoAccountsFor('commune').map((a) => a.username));
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toContain('trunguong');
    const admin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'chibo@2026' } });
    const cookie = admin.cookies.find((c) => c.name === 'chibo_session')!.value;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies: { chibo_session: cookie },
      payload: { currentPassword: 'chibo@2026', newPassword: 'quản trị xã Bắc Bình' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await demoAccountsStillOpen(t.database.db)).map((a) => a.username)).not.toContain('admin');
  });

  // On a PostgreSQL server these are computed after the load commits, over several
  // connections; on PGlite inside the load. Either way the figures read complete models.
  it('computes the read models the figures read, equal to those recomputed from the loaded rows', async () => {
    const db = t.database.db;
    await expectFactsKept(db);
    const sizes = await sql<{ facts: number; frozen: number; adopted_without_roll: number; adopted_ungraded: number; sums: number }>`
      select (select count(*) from member_facts)::int as facts, (select count(*) from meeting_roll_at_adoption)::int as frozen,
        (select count(*) from meeting_minutes mm where adopted_at is not null
          and not exists (select 1 from meeting_roll_at_adoption r where r.meeting_id = mm.meeting_id))::int as adopted_without_roll,
        (select count(*) from meeting_minutes mm where adopted_at is not null
          and not exists (select 1 from meeting_quality q where q.meeting_id = mm.meeting_id and q.grade is not null))::int as adopted_ungraded,
        (select count(*) from subtree_month_sums)::int as sums`.execute(db);
    // As the app itself: minutes are adopted only once the meeting is graded (found ungraded by an outside probe).
    expect(sizes.rows[0]).toMatchObject({ adopted_without_roll: 0, adopted_ungraded: 0 });
    expect(sizes.rows[0]!.facts).toBeGreaterThan(300);
    expect(sizes.rows[0]!.frozen).toBeGreaterThan(1000);
    expect(sizes.rows[0]!.sums).toBeGreaterThan(100);
  });

  it('refuses to fill a database that already has units, in Vietnamese', async () => {
    const error = await seedDemo(t.database, { scale: 'commune', seed: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('demo.not_empty');
    if (t.database.kind === 'pglite') {
      const nation = await seedDemo(t.database, { scale: 'nation', seed: 1 }).catch((e: unknown) => e);
      expect((nation as AppError).code).toBe('demo.nation_needs_postgres');
    }
  });
});

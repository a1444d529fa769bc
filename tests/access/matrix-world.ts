// The world the access matrix runs in (see the header of policy-table.ts): the two
// communes of tests/helpers/two-communes.ts, plus a cell A2 below commune A, one caller
// per role, and one record of each kind at each position. `idOf` answers "which record is
// at this position for this caller", `fresh` makes a disposable one for a write that
// would use it up (dissolve, cancel, adopt, delete…), in the same position.
import { sql } from 'kysely';
import type { Role } from '../../src/db/types.ts';
import { ROLES } from '../../src/domain/permissions.ts';
import { multipartFile } from '../helpers/multipart.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';
import { B_MARK, buildTwoCommunes, type TwoCommunes } from '../helpers/two-communes.ts';
import type { Position, Target } from './policy-table.ts';

export interface Caller {
  role: Role;
  username: string;
  userId: number;
  memberId: number;
  client: Client;
}

export interface MatrixWorld {
  t: TestApp;
  base: TwoCommunes;
  root: Client;
  rootId: number;
  u: Record<'province' | 'communeA' | 'cellA' | 'cellA2' | 'groupA' | 'communeB' | 'cellB' | 'cellB2' | 'groupB', number>;
  callers: Record<Role, Caller>;
  /** Records at the positions that do not depend on the caller. */
  fixed: Partial<Record<Target, Partial<Record<Position, number>>>>;
  /** Records at 'self' for each caller (their member record, account, token, notice…). */
  own: Record<Role, Partial<Record<Target, number>>>;
  /** The account behind each grant fixture (DELETE /users/{id}/grants/{grantId}). */
  grantUser: Map<number, number>;
  /** The meeting behind each document and guest fixture. */
  meetingOf: Map<number, number>;
  /** A progress report and a file of it on each task fixture (task id → report id, file id). */
  taskReport: Map<number, { reportId: number; fileId: number }>;
  /** The unit behind each committee seat fixture. */
  seatUnit: Map<number, number>;
  calendarPath: Record<Role, string>;
  /** What each role must never find in a list, search, export or figure. */
  hidden: Record<Role, { names: string[]; units: Set<number>; members: Set<number>; meetings: Set<number> }>;
  idOf(target: Target, position: Position, role: Role): number;
  /** A disposable record at this position, for a write that uses its target up. */
  fresh(target: Target, position: Position, role: Role): Promise<number>;
  /** A meeting of that position whose minutes are complete (and adopted, if asked). */
  meetingWithMinutes(position: Position, adopted: boolean): Promise<number>;
  /** A member's entry of the grading period, proposed and not yet decided when there is one. */
  proposedEntry(periodId: number): Promise<number>;
}

const MEETING_DAY = '2026-03-10';
/** "Now" during the matrix: the evening of the meetings, check-in open, minutes adoptable. */
export const MATRIX_NOW = new Date('2026-03-10T19:30:00+07:00');

/**
 * Members the matrix adds join their cell after the meetings whose minutes it adopts
 * (1/3/2026), so those meetings' rolls, all marked, stay complete while cells run.
 */
export const JOINED_LATE = '2026-03-05';

let serial = 0;
const next = () => (serial += 1);

export async function buildMatrixWorld(t: TestApp): Promise<MatrixWorld> {
  const base = await buildTwoCommunes(t);
  const db = t.database.db;
  const root = base.root;
  const rootId = base.user.root!;
  const api = async (method: string, url: string, payload?: object) => {
    const res = await root({ method: method as 'POST', url, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`world: ${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const u = {
    province: base.u.province!,
    communeA: base.u.communeA!,
    cellA: base.u.cellA!,
    communeB: base.u.communeB!,
    cellB: base.u.cellB!,
    cellB2: base.u.cellB2!,
    groupB: base.u.groupB!,
    cellA2: await t.unit({ code: 'AS-D2', name: 'Chi bộ thôn Đông Hai', parentId: base.u.communeA }),
    groupA: await t.unit({ code: 'AS-D1-G', name: 'Tổ đảng Đông', kind: 'to_dang', parentId: base.u.cellA }),
  };
  const a4 = await t.member({ fullName: 'Vũ Văn Đông Bốn', unitId: u.cellA2, partyCardNumber: 'TD000004' });

  // One caller per role, each a member of cell A with an account granted on commune A
  // (a plain member: on cell A).
  const names: Record<Role, string> = { admin: 'Quản Trị', org_officer: 'Tổ Chức', committee: 'Cấp Ủy', secretary: 'Bí Thư', member: 'Đảng Viên' };
  const callers = {} as Record<Role, Caller>;
  for (const role of ROLES) {
    const memberId = await t.member({ fullName: `Nguyễn Văn ${names[role]} Đông`, unitId: u.cellA });
    const username = `mx-${role.replace('_', '-')}`;
    const userId = await t.user(username, [{ role, unitId: role === 'member' ? u.cellA : u.communeA }], memberId);
    callers[role] = { role, username, userId, memberId, client: await t.as(username) };
  }

  const plan = async (unitId: number, topic: string, extra: object = {}) =>
    (
      await api('POST', '/api/v1/meetings', {
        unitId,
        // One regular meeting a month per cell (HD 12): the world's many other meetings
        // of the same cells are extraordinary ones.
        kind: 'extraordinary',
        date: MEETING_DAY,
        startTime: '19:00',
        endTime: '21:00',
        place: 'Nhà văn hóa',
        topic,
        focalIssues: ['Một', 'Hai'],
        ...extra,
      })
    ).id as number;
  const committeeMeeting = (unitId: number, prepares: number) =>
    plan(unitId, 'Chi ủy họp chuẩn bị', { kind: 'committee', date: '2026-03-05', preparesMeetingId: prepares, focalIssues: [] });
  const addDocument = async (meetingId: number) => {
    const res = await root({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/documents`,
      ...multipartFile(`tai-lieu-${next()}.pdf`, '%PDF-1.4 Đông', 'application/pdf'),
    });
    if (res.statusCode !== 201) throw new Error(`world: document → ${res.statusCode} ${res.body}`);
    return res.json().id as number;
  };
  const addGuest = async (meetingId: number) => {
    // Found by its own name, not as the highest id: fresh guests are added to one meeting at once.
    const fullName = `Khách mời Đông ${next()}`;
    const meeting = await api('POST', `/api/v1/meetings/${meetingId}/guests`, { fullName, position: 'Đảng ủy viên' });
    return (meeting.guests as Array<{ id: number; fullName: string }>).find((g) => g.fullName === fullName)!.id;
  };
  const addSeat = async (unitId: number) =>
    (await api('POST', `/api/v1/units/${unitId}/committee`, { fullName: `Ủy viên Đông ${next()}`, position: 'cap_uy_vien', validFrom: '2021-01-01' }))
      .id as number;
  const addLink = async (residenceCell: number, homeCell: number) => {
    const card = `TL${String(100000 + next())}`;
    await t.member({ fullName: `Trần Văn Đông Cư ${serial}`, unitId: homeCell, partyCardNumber: card, joinedUnitOn: JOINED_LATE });
    const links = await api('POST', '/api/v1/residence-links', { partyCardNumber: card, unitId: residenceCell, validFrom: '2024-01-01' });
    return Math.max(...(links.items as Array<{ id: number }>).map((l) => l.id));
  };
  const addVillage = async (cellId: number, name: string) =>
    (await db.insertInto('villages').values({ cell_id: cellId, name, kind: 'thon', established_on: '2020-01-01' }).returning('id').executeTakeFirstOrThrow())
      .id;
  // A member's life events (issue 10): a transfer in transit, a proposal to strike off, a comment asked.
  const sendTransfer = async (fromCell: number, toCell: number, mark = 'Đông') => {
    const member = await t.member({ fullName: `Đỗ Văn ${mark} Chuyển ${next()}`, unitId: fromCell, joinedUnitOn: JOINED_LATE });
    const decision = { decisionNumber: '20-QĐ/ĐU', decisionOn: '2026-03-06', issuedBy: `Đảng ủy xã ${mark}` };
    return (await api('POST', `/api/v1/members/${member}/transfers`, { toUnitId: toCell, ...decision })).id as number;
  };
  const proposeStrikeOff = async (cell: number, mark = 'Đông') => {
    const member = await t.member({ fullName: `Đỗ Văn ${mark} Xóa ${next()}`, unitId: cell, joinedUnitOn: JOINED_LATE });
    const proposal = { reason: 'other', note: 'Bỏ sinh hoạt', proposedOn: '2026-03-06', resolutionNumber: '02-NQ/CB' };
    return (await api('POST', `/api/v1/members/${member}/strike-off-proposals`, proposal)).id as number;
  };
  const askComment = async (linkId: number, workUnit: number) => {
    await api('POST', '/api/v1/residence-comments/requests', { unitId: workUnit, year: 2026, requestedOn: '2026-03-06' });
    const row = await db.selectFrom('residence_comments').select('id').where('link_id', '=', linkId).where('year', '=', 2026).executeTakeFirstOrThrow();
    return row.id;
  };
  const addGrant = async (userId: number, unitId: number) =>
    (
      await db
        .insertInto('role_grants')
        .values({ user_id: userId, role: 'committee', unit_id: unitId, include_subtree: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const addNotice = async (memberId: number) =>
    (
      await db
        .insertInto('notices')
        .values({
          member_id: memberId,
          kind: 'meeting_cancelled',
          meeting_id: base.a.meeting!,
          params: JSON.stringify({ topic: 'Sinh hoạt thôn Đông', date: '10/03/2026' }),
          dedupe_key: `matrix:${next()}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  // A residence request of a cell about one of its own members (so the cell both asked and
  // decides: one position for accept, decline and withdraw), and a queued conflict whose
  // two units lie under that position.
  const addRequest = async (cell: number, memberId: number) =>
    (
      await db
        .insertInto('residence_link_requests')
        .values({ unit_id: cell, party_card_number: `MX-YC-${next()}`, member_id: memberId, valid_from: '2024-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const addConflict = async (fromUnit: number) =>
    (
      await db
        .insertInto('identifier_conflicts')
        .values({
          kind: 'party_card_number',
          value: `MX-TD-${next()}`,
          source: 'import',
          from_unit_id: fromUnit,
          existing_member_id: a4,
          existing_unit_id: u.cellA2,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const mtBelow = await plan(u.cellA2, 'Sinh hoạt thôn Đông Hai tháng 3', { kind: 'regular' });
  const meetingOf = new Map<number, number>();
  const seatUnit = new Map<number, number>();
  const grantUser = new Map<number, number>();
  const docSelf = await addDocument(base.a.meeting!);
  const docBelow = await addDocument(mtBelow);
  meetingOf.set(docSelf, base.a.meeting!).set(docBelow, mtBelow).set(base.b.document!, base.b.meeting!);
  const guestSelf = await addGuest(base.a.meeting!);
  const guestBelow = await addGuest(mtBelow);
  meetingOf.set(guestSelf, base.a.meeting!).set(guestBelow, mtBelow).set(base.b.guest!, base.b.meeting!);
  const seatOwn = await addSeat(u.communeA);
  const seatBelow = await addSeat(u.cellA2);
  seatUnit.set(seatOwn, u.communeA).set(seatBelow, u.cellA2).set(base.b.committee!, u.cellB);
  const userOwn = await t.user('mx-tai-khoan-xa', []);
  const userBelow = await t.user('mx-tai-khoan-chi-bo', []);
  const grantOwn = await addGrant(userOwn, u.communeA);
  const grantBelow = await addGrant(userBelow, u.cellA2);
  grantUser.set(grantOwn, userOwn).set(grantBelow, userBelow).set(base.b.grant!, base.user.secB!);

  // Grading: commune A's year 2025 (every caller on its roll, undecided), cell A2's last
  // quarter of 2025 (a cell's period may not overlap the commune's of the same kind), and
  // commune A's year 2024 with the entries decided (QĐ 124), beside B's (two-communes.ts).
  type Opened = { id: number; entries: Array<{ id: number; memberId: number | null }> };
  const openPeriod = async (unitId: number, startsOn: string, endsOn: string, kind = 'year') =>
    (await api('POST', '/api/v1/grading/periods', { unitId, kind, startsOn, endsOn })) as Opened;
  const entryOf = (period: Opened, memberId: number) => period.entries.find((e) => e.memberId === memberId)!.id;
  const year2025 = await openPeriod(u.communeA, '2025-01-01', '2025-12-31');
  const cellYear = await openPeriod(u.cellA2, '2025-10-01', '2025-12-31', 'quarter');
  const decideAll = async (period: Opened, memberIds: number[]) => {
    const ids = memberIds.map((id) => entryOf(period, id));
    for (const id of ids) await api('PUT', `/api/v1/grading/entries/${id}/proposal`, { scores: { politics_ethics: 20, task_results: 40 } });
    await api('POST', `/api/v1/grading/periods/${period.id}/decisions`, { decisions: ids.map((entryId) => ({ entryId })), decidedOn: '2025-01-15' });
  };
  const year2024 = await openPeriod(u.communeA, '2024-01-01', '2024-12-31');
  await decideAll(year2024, [a4, base.m.a3!, ...ROLES.map((r) => callers[r].memberId)]);
  const year2024B = await openPeriod(u.communeB, '2024-01-01', '2024-12-31');
  await decideAll(year2024B, [base.m.b1!]);

  // Admissions: a candidate (quần chúng ưu tú) identified by each cell, at the source stage.
  const addCandidate = async (unitId: number) =>
    (
      await api('POST', '/api/v1/admissions/candidates', {
        unitId,
        fullName: `Quần chúng ${next()}`,
        sex: 'nu',
        dateOfBirth: '1998-04-10',
        sourceOn: '2026-01-05',
      })
    ).id as number;
  // Tasks: one of cell A2 for its member, one of cell A for another member of it, one of
  // cell B; each caller's own (below); each with a progress report carrying a file.
  const taskReport = new Map<number, { reportId: number; fileId: number }>();
  const addTask = async (unitId: number, memberId: number) => {
    const task = await api('POST', '/api/v1/tasks', {
      unitId,
      title: `Vận động hộ dân tham gia bảo hiểm y tế ${next()}`,
      programme: 'health_insurance',
      dueOn: '2026-03-31',
      assigneeIds: [memberId],
    });
    const reported = await api('POST', `/api/v1/tasks/${task.id}/reports`, { note: 'Đã vận động 5 hộ' });
    const reportId = reported.reports[0].id as number;
    const res = await root({
      method: 'POST',
      url: `/api/v1/tasks/${task.id}/reports/${reportId}/files`,
      ...multipartFile('danh-sach.pdf', '%PDF-1.4 Đông', 'application/pdf'),
    });
    if (res.statusCode !== 201) throw new Error(`world: task file → ${res.statusCode} ${res.body}`);
    taskReport.set(task.id, { reportId, fileId: res.json().id });
    return task.id as number;
  };

  const fixed: MatrixWorld['fixed'] = {
    unit: { own: u.communeA, below: u.cellA2, self: u.cellA, sibling: u.cellB },
    member: { below: a4, other: base.m.a3!, sibling: base.m.b1! },
    meeting: { below: mtBelow, self: base.a.meeting!, sibling: base.b.meeting! },
    committeeMeeting: {
      below: await committeeMeeting(u.cellA2, mtBelow),
      self: await committeeMeeting(u.cellA, base.a.meeting!),
      sibling: base.b.committeeMeeting!,
    },
    document: { below: docBelow, self: docSelf, sibling: base.b.document! },
    guest: { below: guestBelow, self: guestSelf, sibling: base.b.guest! },
    committeeSeat: { own: seatOwn, below: seatBelow, sibling: base.b.committee! },
    partyGroup: {
      below: await t.unit({ code: 'AS-D2-G', name: 'Tổ đảng Đông Hai', kind: 'to_dang', parentId: u.cellA2 }),
      self: u.groupA,
      sibling: u.groupB,
    },
    residenceLink: { below: await addLink(u.cellA2, u.cellA), self: await addLink(u.cellA, u.cellA2), sibling: base.b.residenceLink! },
    village: {
      below: await addVillage(u.cellA2, 'Thôn Đông Hai'),
      self: await addVillage(u.cellA, 'Thôn Đông Một'),
      sibling: await addVillage(u.cellB, `Thôn ${B_MARK}`),
    },
    residenceRequest: { below: await addRequest(u.cellA2, a4), self: await addRequest(u.cellA, base.m.a3!), sibling: base.b.residenceRequest! },
    transfer: {
      below: await sendTransfer(u.cellA, u.cellA2),
      self: await sendTransfer(u.cellA2, u.cellA),
      sibling: await sendTransfer(u.cellB, u.cellB2, 'Tây'),
    },
    strikeOffProposal: { below: await proposeStrikeOff(u.cellA2), self: await proposeStrikeOff(u.cellA), sibling: await proposeStrikeOff(u.cellB, 'Tây') },
    identifierConflict: { own: await addConflict(u.cellA), below: await addConflict(u.cellA2), sibling: base.b.identifierConflict! },
    user: { own: userOwn, below: userBelow, sibling: base.user.secB! },
    grant: { own: grantOwn, below: grantBelow, sibling: base.b.grant! },
    gradingPeriod: { own: year2025.id, below: cellYear.id, sibling: base.b.gradingPeriod! },
    gradingEntry: { below: entryOf(year2025, a4), other: entryOf(year2025, base.m.a3!), sibling: base.b.gradingEntry! },
    decidedEntry: { below: entryOf(year2024, a4), other: entryOf(year2024, base.m.a3!), sibling: entryOf(year2024B, base.m.b1!) },
    task: { below: await addTask(u.cellA2, a4), other: await addTask(u.cellA, base.m.a3!), sibling: await addTask(u.cellB, base.m.b1!) },
    token: { other: base.b.token! },
    notice: { other: base.b.notice! },
    candidate: { below: await addCandidate(u.cellA2), self: await addCandidate(u.cellA), sibling: await addCandidate(u.cellB) },
  };
  fixed.residenceComment = {
    below: await askComment(fixed.residenceLink!.below!, u.cellA),
    self: await askComment(fixed.residenceLink!.self!, u.cellA2),
    sibling: await askComment(base.b.residenceLink!, u.communeB),
  };
  // Check-in codes are made on first ask: make them now, so asking later changes nothing.
  for (const id of Object.values(fixed.meeting!)) await api('GET', `/api/v1/meetings/${id}/check-in-code`);
  const own = {} as MatrixWorld['own'];
  const calendarPath = {} as Record<Role, string>;
  for (const role of ROLES) {
    const c = callers[role];
    const token = await c.client({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'báo cáo' } });
    const calendar = await c.client({ method: 'POST', url: '/api/v1/me/calendar-token' });
    calendarPath[role] = new URL(calendar.json().url).pathname;
    own[role] = {
      member: c.memberId,
      user: c.userId,
      token: token.json().id,
      notice: await addNotice(c.memberId),
      gradingEntry: entryOf(year2025, c.memberId),
      decidedEntry: entryOf(year2024, c.memberId),
      task: await addTask(u.cellA, c.memberId),
    };
  }

  // What a role must never see in a list: commune B always; for a plain member, also the
  // other cell of commune A and the other members of their own cell.
  const sibling = {
    units: [u.communeB, u.cellB, u.cellB2, u.groupB],
    members: [base.m.b1!, base.m.b2!, base.m.b3!, base.m.b4!],
    meetings: [base.b.meeting!, base.b.committeeMeeting!],
  };
  const hidden = {} as MatrixWorld['hidden'];
  for (const role of ROLES) {
    const plain = role === 'member';
    hidden[role] = {
      names: [B_MARK, ...(plain ? ['Đông Hai', 'Đông Bốn', 'Lê Văn Đông Phong'] : [])],
      units: new Set([...sibling.units, ...(plain ? [u.cellA2] : [])]),
      members: new Set([...sibling.members, ...(plain ? [a4, base.m.a3!] : [])]),
      meetings: new Set([...sibling.meetings, ...(plain ? [mtBelow, fixed.committeeMeeting!.below!] : [])]),
    };
  }

  const cellOf = (position: Position) => (position === 'below' ? u.cellA2 : u.cellA);
  const world: MatrixWorld = {
    t,
    base,
    root,
    rootId,
    u,
    callers,
    fixed,
    own,
    grantUser,
    meetingOf,
    taskReport,
    seatUnit,
    calendarPath,
    hidden,
    idOf(target, position, role) {
      const id = position === 'self' && own[role][target] !== undefined ? own[role][target] : fixed[target]?.[position];
      if (id === undefined) throw new Error(`no ${target} fixture at position ${position}`);
      return id;
    },
    async fresh(target, position, role) {
      const n = next();
      switch (target) {
        case 'unit':
          if (position === 'own') {
            // A unit of the caller's own: a new commune with the caller's role granted on it.
            const commune = await t.unit({ code: `MX-X${n}`, name: `Đảng bộ xã Đông Mới ${n}`, kind: 'dang_bo_xa', parentId: u.province });
            await db.insertInto('role_grants').values({ user_id: callers[role].userId, role, unit_id: commune, include_subtree: true }).execute();
            return commune;
          }
          return t.unit({ code: `MX-C${n}`, name: `Chi bộ Đông Mới ${n}`, parentId: u.communeA });
        case 'member':
          return t.member({ fullName: `Phạm Văn Đông Mới ${n}`, unitId: cellOf(position), joinedUnitOn: JOINED_LATE });
        case 'meeting':
          return plan(cellOf(position), `Sinh hoạt Đông bổ sung ${n}`);
        case 'document': {
          const m = fixed.meeting![position]!;
          const d = await addDocument(m);
          meetingOf.set(d, m);
          return d;
        }
        case 'guest': {
          const m = fixed.meeting![position]!;
          const g = await addGuest(m);
          meetingOf.set(g, m);
          return g;
        }
        case 'committeeSeat': {
          const unit = position === 'own' ? u.communeA : u.cellA2;
          const s = await addSeat(unit);
          seatUnit.set(s, unit);
          return s;
        }
        case 'partyGroup':
          return t.unit({ code: `MX-G${n}`, name: `Tổ đảng Đông tạm ${n}`, kind: 'to_dang', parentId: cellOf(position) });
        case 'village':
          return addVillage(cellOf(position), `Thôn Đông tạm ${n}`);
        case 'residenceLink':
          return position === 'below' ? addLink(u.cellA2, u.cellA) : addLink(u.cellA, u.cellA2);
        case 'residenceRequest':
          return position === 'below' ? addRequest(u.cellA2, a4) : addRequest(u.cellA, base.m.a3!);
        case 'transfer':
          return position === 'below' ? sendTransfer(u.cellA, u.cellA2) : sendTransfer(u.cellA2, u.cellA);
        case 'strikeOffProposal':
          return proposeStrikeOff(cellOf(position));
        case 'identifierConflict':
          return addConflict(position === 'own' ? u.cellA : u.cellA2);
        case 'grant': {
          const user = fixed.user![position]!;
          const g = await addGrant(user, position === 'own' ? u.communeA : u.cellA2);
          grantUser.set(g, user);
          return g;
        }
        case 'gradingPeriod': {
          // A period of its own (one day of late 2025, under QĐ 366) with a member's entry proposed.
          const day = new Date(Date.UTC(2025, 8, 1 + (n % 120))).toISOString().slice(0, 10);
          const period = await openPeriod(position === 'own' ? u.communeA : u.cellA2, day, day, 'ad_hoc');
          const entry = period.entries.find((e) => e.memberId !== null)!.id;
          await api('PUT', `/api/v1/grading/entries/${entry}/proposal`, { scores: { general: 20, task_results: 50 } });
          return period.id;
        }
        case 'decidedEntry': {
          // Allowed amendments run at once: each gets a decided entry of its own (a one-day
          // 2024 period of commune A, under QĐ 124), so none reads a grade another is changing.
          const day = new Date(Date.UTC(2024, 0, 1 + (n % 300))).toISOString().slice(0, 10);
          const period = await openPeriod(u.communeA, day, day, 'ad_hoc');
          const member = position === 'self' ? callers[role].memberId : position === 'below' ? a4 : base.m.a3!;
          await decideAll(period, [member]);
          return entryOf(period, member);
        }
        case 'candidate':
          return addCandidate(cellOf(position));
        case 'task': {
          const member = position === 'self' ? callers[role].memberId : position === 'below' ? a4 : position === 'other' ? base.m.a3! : base.m.b1!;
          return addTask(position === 'below' ? u.cellA2 : position === 'sibling' ? u.cellB : u.cellA, member);
        }
        case 'token':
          return (await callers[role].client({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: `tạm ${n}` } })).json().id;
        default:
          return world.idOf(target, position, role);
      }
    },
    async proposedEntry(periodId) {
      const entry = await db
        .selectFrom('grading_entries')
        .select('id')
        .where('period_id', '=', periodId)
        .where('subject', '=', 'member')
        .orderBy(sql`proposed_grade is null`)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      return entry.id;
    },
    async meetingWithMinutes(position, adopted) {
      const unitId = cellOf(position);
      const id = await plan(unitId, `Sinh hoạt Đông có biên bản ${next()}`, { date: '2026-03-01' });
      const roll = await api('GET', `/api/v1/meetings/${id}/attendance`);
      const entries = (roll.members as Array<{ memberId: number }>).map((m) => ({ memberId: m.memberId, status: 'present' }));
      await api('PUT', `/api/v1/meetings/${id}/attendance`, { entries });
      await api('PUT', `/api/v1/meetings/${id}/minutes`, {
        content: {
          chairName: 'Nguyễn Văn Đông',
          minuteTakerName: 'Trần Thị Đông Hà',
          conclusions: 'Chi bộ thống nhất',
          votes: { for: entries.length, against: 0, abstain: 0 },
        },
      });
      // Graded first: adoption needs a grade (HD 12).
      await api('PUT', `/api/v1/meetings/${id}/quality`, { ticks: {} });
      if (adopted) await api('POST', `/api/v1/meetings/${id}/minutes/adopt`);
      return id;
    },
  };
  return world;
}

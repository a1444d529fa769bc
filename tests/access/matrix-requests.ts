// How the access matrix calls each operation of policy-table.ts: the query and body that
// make the request valid, so that only access decides the answer. An operation with no
// entry here is called with its path ids filled in, no query and no body.
//   call(c)   the request; c.id is the record at the cell's position (already in the path)
//   fresh     the write uses its target up (dissolves, cancels, deletes, adopts…): an
//             allowed cell gets a disposable record at the same position (world.fresh);
//             refused cells use the shared one, and must leave it untouched
//   session   the operation ends the caller's session: run last, on a session of its own
//   noAudit   the write is not audited, and why
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { Role } from '../../src/db/types.ts';
import { multipartFile } from '../helpers/multipart.ts';
import { TEST_PASSWORD } from '../helpers/test-app.ts';
import { JOINED_LATE, type MatrixWorld } from './matrix-world.ts';
import type { Position } from './policy-table.ts';

/** One cell being run: who asks, at which position, the record there, whether it should succeed, a serial number. */
export interface Cell {
  w: MatrixWorld;
  role: Role | 'anonymous';
  position: Position | null;
  id: number;
  allowed: boolean;
  n: number;
}

export interface HowToCall {
  call?: (c: Cell) => Partial<InjectOptions> | Promise<Partial<InjectOptions>>;
  fresh?: true | ((c: Omit<Cell, 'id'>) => Promise<number>);
  session?: true;
  noAudit?: string;
}

const decided = { effectiveOn: '2026-01-15', decisionNumber: '15-QĐ/ĐU' };
/** A member's change takes effect after they joined (JOINED_LATE). */
const memberDecided = { effectiveOn: '2026-03-06', decisionNumber: '15-QĐ/ĐU' };
/** A transfer's decision: number, date and issuing body (no separate effective date). */
const sentDecision = { decisionNumber: memberDecided.decisionNumber, decisionOn: memberDecided.effectiveOn, issuedBy: 'Đảng ủy xã Đông Hòa' };
const kindUnder = (position: Position | null) => (position === 'own' ? 'chi_bo' : 'to_dang');
/** A cell the target member is not in, inside commune A. */
const otherCell = (c: Cell) => (c.position === 'below' ? c.w.u.cellA : c.w.u.cellA2);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An import file with one new member in it. */
async function oneMemberSheet(n: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Trạng thái']);
  sheet.addRow([`Hoàng Văn Đông Nhập ${n}`, 'Nam', '17/05/1980', 'Chính thức']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A one-day period of 2026 of its own for the n-th cell (so no two cells open the same dates;
 * the world's fresh periods are in 2024 and late 2025, so none collides with these).
 */
function oneDay(n: number) {
  const day = new Date(Date.UTC(2026, 0, 1 + (n % 365))).toISOString().slice(0, 10);
  return { startsOn: day, endsOn: day };
}

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

export const REQUESTS: Record<string, HowToCall> = {
  'POST /api/v1/auth/login': {
    call: (c) => ({ payload: { username: c.role === 'anonymous' ? 'mx-admin' : c.w.callers[c.role].username, password: TEST_PASSWORD } }),
  },
  'POST /api/v1/auth/logout': { session: true },
  'POST /api/v1/auth/password': {
    session: true,
    call: () => ({ payload: { currentPassword: TEST_PASSWORD, newPassword: 'Sông Hồng chảy qua làng tôi năm 2026' } }),
  },

  'POST /api/v1/users/cell-accounts': { call: (c) => ({ payload: { unitId: c.id } }) },
  'POST /api/v1/users': { call: (c) => ({ payload: { username: `mx-moi-${c.n}`, displayName: 'Tài khoản mới', password: 'Mật khẩu thật dài của tôi 2026' } }) },
  'PATCH /api/v1/users/{id}': { call: (c) => ({ payload: { displayName: `Tên hiển thị ${c.n}` } }) },
  'POST /api/v1/users/{id}/grants': { call: (c) => ({ payload: { role: 'member', unitId: c.w.u.cellA, includeSubtree: false } }) },
  'DELETE /api/v1/users/{id}/grants/{grantId}': { fresh: true, call: (c) => ({ url: `/api/v1/users/${c.w.grantUser.get(c.id)}/grants/${c.id}` }) },
  'POST /api/v1/me/tokens': { call: (c) => ({ payload: { name: `khóa ${c.n}` } }) },
  'DELETE /api/v1/me/tokens/{id}': { fresh: true },
  'GET /api/v1/audit': { call: (c) => ({ url: `/api/v1/audit?${q({ entityType: 'unit', entityId: c.id })}` }) },

  'GET /api/v1/admissions/candidates': { call: (c) => ({ url: `/api/v1/admissions/candidates?${q({ unitId: c.id, stage: 'all' })}` }) },
  'POST /api/v1/admissions/candidates': {
    call: (c) => ({ payload: { unitId: c.id, fullName: `Quần chúng Đông ${c.n}`, sex: 'nam', dateOfBirth: '1999-02-03', sourceOn: '2026-02-01' } }),
  },
  'POST /api/v1/admissions/candidates/{id}/steps': {
    fresh: true,
    // A helping member of the candidate's own cell (cell A2 below, cell A for self).
    call: (c) => ({ payload: { step: 'helper_assigned', doneOn: '2026-02-10', memberId: c.position === 'below' ? c.w.fixed.member!.below! : c.w.base.m.a1! } }),
  },
  'POST /api/v1/admissions/candidates/{id}/steps/{stepId}/correction': {
    fresh: true,
    call: async (c) => {
      const source = await c.w.t.database.db
        .selectFrom('admission_steps')
        .select('id')
        .where('candidate_id', '=', c.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      return { url: `/api/v1/admissions/candidates/${c.id}/steps/${source.id}/correction`, payload: { doneOn: '2026-01-06', reason: 'Ghi nhầm ngày' } };
    },
  },
  'PUT /api/v1/admissions/candidates/{id}/documents/{document}': {
    call: (c) => ({ url: `/api/v1/admissions/candidates/${c.id}/documents/application`, payload: { status: 'received', receivedOn: '2026-02-01' } }),
  },
  'GET /api/v1/figures/units/{unitId}/admissions': {
    call: (c) => ({ url: `/api/v1/figures/units/${c.id}/admissions?${q({ from: '2026-01-01', to: '2026-06-30' })}` }),
  },
  'GET /api/v1/calendar-days': { call: () => ({ url: '/api/v1/calendar-days?year=2026' }) },
  'POST /api/v1/calendar-days': { call: (c) => ({ payload: { day: '2026-12-24', kind: 'day_off', note: `Nghỉ ${c.n}` } }) },
  'DELETE /api/v1/calendar-days/{day}': { call: () => ({ url: '/api/v1/calendar-days/2026-12-24' }) },
  'GET /api/v1/members': { call: (c) => ({ url: `/api/v1/members?${q({ unitId: c.id, status: 'all', pageSize: 200 })}` }) },
  'GET /api/v1/members/export.xlsx': { call: (c) => ({ url: `/api/v1/members/export.xlsx?${q({ unitId: c.id, status: 'all' })}` }) },
  'POST /api/v1/members': {
    call: (c) => ({
      payload: {
        fullName: `Đặng Văn Đông Mới ${c.n}`,
        sex: 'nam',
        dateOfBirth: '1990-01-01',
        unitId: c.id,
        status: 'du_bi',
        joinedUnitOn: JOINED_LATE,
        decisionNumber: '15-QĐ/ĐU',
      },
    }),
  },
  'PATCH /api/v1/members/{id}': { call: (c) => ({ payload: { residence: `Xóm Đông ${c.n}` } }) },
  'POST /api/v1/members/{id}/status': { fresh: true, call: () => ({ payload: { status: 'mien_sinh_hoat', ...memberDecided } }) },
  'POST /api/v1/members/{id}/transfer': { fresh: true, call: (c) => ({ payload: { unitId: otherCell(c), ...memberDecided } }) },
  'POST /api/v1/imports/members': {
    call: async (c) => ({
      url: `/api/v1/imports/members?${q({ unitId: c.id, mode: 'dry-run' })}`,
      ...multipartFile('dang-vien.xlsx', await oneMemberSheet(c.n), XLSX),
    }),
    noAudit: 'a dry run changes nothing (the oracle lane audits dry runs)',
  },

  'POST /api/v1/imports/members/errors.xlsx': {
    call: () => ({ payload: { fileName: 'dang-vien.xlsx', errors: [{ row: 3, column: 'Ngày sinh', message: 'Ngày không hợp lệ.' }] } }),
    noAudit: "formats the caller's own report; reads and writes nothing",
  },

  'GET /api/v1/units/children': { call: (c) => ({ url: `/api/v1/units/children?${q({ parentId: c.id })}` }) },
  'GET /api/v1/units/search': { call: () => ({ url: '/api/v1/units/search?q=thon' }) },
  'POST /api/v1/units': {
    call: (c) => ({ payload: { code: `MX-N${c.n}`, name: `Đơn vị mới ${c.n}`, kind: kindUnder(c.position), parentId: c.id, establishedOn: '2025-07-01' } }),
  },
  'POST /api/v1/units/{id}/rename': { fresh: true, call: (c) => ({ payload: { name: `Tên mới Đông ${c.n}`, ...decided } }) },
  'POST /api/v1/units/{id}/move': {
    // A party group moves from one cell to another: cell A's group (commune B's, for sibling).
    fresh: (c) => c.w.t.unit({ code: `MX-G${c.n}`, name: `Tổ đảng Đông ${c.n}`, kind: 'to_dang', parentId: c.w.u.cellA }),
    call: (c) => ({ url: `/api/v1/units/${c.position === 'sibling' ? c.w.u.groupB : c.id}/move`, payload: { parentId: c.w.u.cellA2, ...decided } }),
  },
  'POST /api/v1/units/{id}/reclassify': {
    // One's own commune (a fresh one) becomes a grassroots committee; a cell below, a grassroots cell.
    fresh: true,
    call: (c) => ({ payload: { kind: c.position === 'own' ? 'dang_bo_co_so' : 'chi_bo_co_so', ...decided } }),
  },
  'POST /api/v1/units/merge': {
    fresh: true,
    call: async (c) => {
      // Refused cells must change nothing, so only an allowed one gets a fresh target unit.
      const into = c.allowed ? await c.w.fresh('unit', 'below', c.role as Role) : c.position === 'sibling' ? c.w.u.cellB2 : c.w.u.cellA;
      return { payload: { sourceIds: [c.id], target: { unitId: into }, ...decided } };
    },
  },
  'POST /api/v1/units/{id}/split': {
    fresh: true,
    call: (c) => ({
      payload: {
        parts: [1, 2].map((k) => ({ code: `MX-S${c.n}-${k}`, name: `Chi bộ tách ${c.n}-${k}`, kind: 'chi_bo', memberIds: [], childUnitIds: [] })),
        ...decided,
      },
    }),
  },
  'POST /api/v1/units/{id}/dissolve': { fresh: true, call: () => ({ payload: decided }) },
  'POST /api/v1/units/{id}/committee': { call: (c) => ({ payload: { fullName: `Ủy viên Đông ${c.n}`, position: 'cap_uy_vien', validFrom: '2021-01-01' } }) },
  'POST /api/v1/units/{id}/committee/{committeeId}/end': {
    fresh: true,
    call: (c) => ({ url: `/api/v1/units/${c.w.seatUnit.get(c.id)}/committee/${c.id}/end`, payload: { validTo: '2026-01-15' } }),
  },

  'POST /api/v1/units/{id}/party-groups': { call: (c) => ({ payload: { name: `Tổ đảng Đông ${c.n}`, effectiveOn: '2026-01-15' } }) },
  'POST /api/v1/party-groups/{id}/rename': { call: (c) => ({ payload: { name: `Tổ đảng Đông đổi tên ${c.n}`, effectiveOn: '2026-01-15' } }) },
  'POST /api/v1/party-groups/{id}/close': { fresh: true, call: () => ({ payload: { effectiveOn: '2026-01-15' } }) },
  'PUT /api/v1/party-groups/{id}/members': { call: () => ({ payload: { memberIds: [], effectiveOn: '2026-01-15' } }) },
  'POST /api/v1/units/{id}/villages': {
    call: (c) => ({ payload: { villages: [{ name: `Thôn Đông mới ${c.n}`, kind: 'thon', establishedOn: '2020-01-01' }] } }),
  },
  'POST /api/v1/villages/{id}/merge': {
    fresh: true,
    call: (c) => ({ payload: { intoVillageId: c.w.fixed.village![c.position!]!, effectiveOn: '2026-01-15' } }),
  },
  'POST /api/v1/villages/{id}/dissolve': { fresh: true, call: () => ({ payload: { effectiveOn: '2026-01-15' } }) },
  'PUT /api/v1/members/{id}/residence': { fresh: true, call: (c) => ({ payload: { villageId: c.w.fixed.village!.self!, effectiveOn: '2026-03-06' } }) },
  'GET /api/v1/units/{id}/growth-targets': { call: () => ({ query: { year: '2026' } }) },
  'PUT /api/v1/units/{id}/growth-targets': { call: (c) => ({ payload: { year: 2026, targets: [{ cellId: c.w.u.cellA2, target: c.n % 100 }] } }) },

  'GET /api/v1/dues/units/{id}/months/{month}': { call: (c) => ({ url: `/api/v1/dues/units/${c.id}/months/2026-03` }) },
  'PUT /api/v1/dues/units/{id}/months/{month}/payments': {
    // A member under the unit at that position (its own cell's, or one of a cell under it), a different amount each time.
    call: async (c) => {
      const { rows } = await sql<{ id: number }>`
        select m.id from members m join units u on u.id = m.unit_id
         where u.path like (select path from units where id = ${c.id}) || '%' and m.status in ('chinh_thuc', 'du_bi')
         order by m.id limit 1`.execute(c.w.t.database.db);
      return {
        url: `/api/v1/dues/units/${c.id}/months/2026-03/payments`,
        payload: { payments: [{ memberId: rows[0]!.id, amount: 5_000 + c.n, method: 'cash', paidOn: '2026-03-06' }] },
      };
    },
  },
  'GET /api/v1/dues/units/{id}/months/{month}/collection.xlsx': { call: (c) => ({ url: `/api/v1/dues/units/${c.id}/months/2026-03/collection.xlsx` }) },
  'GET /api/v1/dues/units/{id}/months/{month}/remittance.xlsx': { call: (c) => ({ url: `/api/v1/dues/units/${c.id}/months/2026-03/remittance.xlsx` }) },
  'GET /api/v1/dues/units/{id}/arrears': { call: (c) => ({ url: `/api/v1/dues/units/${c.id}/arrears?${q({ from: '2026-01', to: '2026-03' })}` }) },
  'GET /api/v1/dues/members/{id}': { call: (c) => ({ url: `/api/v1/dues/members/${c.id}?${q({ from: '2026-01', to: '2026-03' })}` }) },
  'PUT /api/v1/dues/members/{id}/months/{month}': {
    // A different amount each time, so each allowed cell writes (a payment the same as the last is no change).
    call: (c) => ({ url: `/api/v1/dues/members/${c.id}/months/2026-03`, payload: { amount: 5_000 + c.n, method: 'cash', paidOn: '2026-03-06' } }),
  },
  'PUT /api/v1/dues/members/{id}/basis': { call: () => ({ payload: { from: '2026-03', basis: 'student' } }) },
  'POST /api/v1/dues/members/{id}/exemptions': { call: () => ({ payload: { reason: 'poor_household', from: '2026-03', to: '2026-12' } }) },
  'POST /api/v1/dues/members/{id}/reductions': { call: () => ({ payload: { percent: 30, from: '2026-03', months: 3 } }) },
  'GET /api/v1/figures/units/{unitId}/dues': { call: (c) => ({ url: `/api/v1/figures/units/${c.id}/dues?${q({ month: '2026-03' })}` }) },

  'POST /api/v1/grading/periods': {
    // Each allowed cell opens its own period: ad hoc, one day of 2026 per cell.
    call: (c) => ({ payload: { unitId: c.id, kind: 'ad_hoc', ...oneDay(c.n) } }),
  },
  'GET /api/v1/grading/rule-set': { call: (c) => ({ url: `/api/v1/grading/rule-set?${q({ unitId: c.id, endsOn: '2025-12-31' })}` }) },
  'GET /api/v1/grading/periods': { call: (c) => ({ url: `/api/v1/grading/periods?${q({ unitId: c.id })}` }) },
  'GET /api/v1/grading/periods/{id}/decision.docx': { call: () => ({ query: { subject: 'member' } }) },
  'POST /api/v1/grading/periods/{id}/decisions': {
    fresh: true,
    call: async (c) => ({ payload: { decisions: [{ entryId: await c.w.proposedEntry(c.id) }], decidedOn: '2026-01-10' } }),
  },
  'PUT /api/v1/grading/entries/{id}/self-assessment': { call: () => ({ payload: { scores: { general: 20, task_results: 50 }, selfGrade: 'htnv' } }) },
  'PUT /api/v1/grading/entries/{id}/proposal': { call: () => ({ payload: { scores: { general: 20, task_results: 50 } } }) },
  'POST /api/v1/grading/entries/{id}/amendments': {
    fresh: true,
    call: async (c) => {
      const { grade } = await c.w.t.database.db.selectFrom('grading_entries').select('grade').where('id', '=', c.id).executeTakeFirstOrThrow();
      return { payload: { grade: grade === 'htnv' ? 'khtnv' : 'htnv', reason: `Điều chỉnh ${c.n}` } };
    },
  },
  'GET /api/v1/grading/results': { call: (c) => ({ url: `/api/v1/grading/results?${q({ unitId: c.id, startsOn: '2025-01-01', endsOn: '2025-12-31' })}` }) },
  'GET /api/v1/grading/rule-sets': { call: (c) => ({ url: `/api/v1/grading/rule-sets?${q({ unitId: c.id, ruleKind: 'grading', on: '2025-12-31' })}` }) },
  // Each allowed cell adopts the example "4 tốt" scale from a day of its own (a unit has a code once per date).
  'POST /api/v1/grading/rule-sets': {
    call: (c) => ({ payload: { unitId: c.id, kind: 'four-good', templateCode: 'vi-du-chi-bo-4-tot', effectiveFrom: oneDay(c.n).startsOn } }),
  },
  'PUT /api/v1/grading/commitments/me': {
    call: (c) => ({ payload: { year: 2026, content: `Học tập và làm theo Bác về tác phong quần chúng ${c.n}`, pledge: 'Gương mẫu, đi đầu' } }),
  },
  // Commune A registers for "Đảng bộ cơ sở 4 tốt", a cell for "Chi bộ 4 tốt".
  'PUT /api/v1/grading/units/{unitId}/commitments': {
    call: (c) => ({ payload: { year: 2026, kind: c.position === 'own' ? 'dang_bo_co_so_4_tot' : 'chi_bo_4_tot', content: `Phấn đấu đạt 4 tốt ${c.n}` } }),
  },
  'GET /api/v1/grading/commitments': { call: (c) => ({ url: `/api/v1/grading/commitments?${q({ unitId: c.id, year: 2026 })}` }) },

  'GET /api/v1/meetings/standard-agenda': { call: (c) => ({ url: `/api/v1/meetings/standard-agenda?${q({ kind: 'regular', unitId: c.id })}` }) },
  'GET /api/v1/meetings': { call: (c) => ({ url: `/api/v1/meetings?${q({ unitId: c.id })}` }) },
  'POST /api/v1/meetings': {
    call: (c) => ({
      payload: {
        unitId: c.id,
        // Every role plans in the same cells: extraordinary meetings, not a second regular one in March.
        kind: 'extraordinary',
        date: '2026-03-20',
        startTime: '19:00',
        endTime: '21:00',
        place: 'Nhà văn hóa',
        topic: `Sinh hoạt Đông ${c.n}`,
        focalIssues: ['Một', 'Hai'],
      },
    }),
  },
  'GET /api/v1/meetings/plan-defaults': { call: (c) => ({ url: `/api/v1/meetings/plan-defaults?${q({ unitId: c.id })}` }) },
  'GET /api/v1/meetings/calendar': { call: (c) => ({ url: `/api/v1/meetings/calendar?${q({ unitId: c.id, year: 2026 })}` }) },
  'PATCH /api/v1/meetings/{id}': { call: (c) => ({ payload: { place: `Hội trường ${c.n}` } }) },
  'POST /api/v1/meetings/{id}/cancel': { fresh: true, call: () => ({ payload: { reason: 'Mưa bão' } }) },
  'PUT /api/v1/meetings/{id}/preparation': { call: (c) => ({ payload: { agreedContent: `Nội dung ${c.n}` } }) },
  'POST /api/v1/meetings/{id}/documents': { call: (c) => multipartFile(`tai-lieu-${c.n}.pdf`, '%PDF-1.4 tài liệu', 'application/pdf') },
  'GET /api/v1/meetings/{id}/documents/{documentId}': { call: (c) => ({ url: `/api/v1/meetings/${c.w.meetingOf.get(c.id)}/documents/${c.id}` }) },
  'DELETE /api/v1/meetings/{id}/documents/{documentId}': {
    fresh: true,
    call: (c) => ({ url: `/api/v1/meetings/${c.w.meetingOf.get(c.id)}/documents/${c.id}` }),
  },
  'POST /api/v1/meetings/{id}/guests': { call: (c) => ({ payload: { fullName: `Khách Đông ${c.n}`, position: 'Đảng ủy viên' } }) },
  'DELETE /api/v1/meetings/{id}/guests/{guestId}': { fresh: true, call: (c) => ({ url: `/api/v1/meetings/${c.w.meetingOf.get(c.id)}/guests/${c.id}` }) },
  'PUT /api/v1/meetings/{id}/attendance': { call: () => ({ payload: { entries: [], note: 'Điểm danh lại' } }) },
  // Extending keeps the window open for the check-in rows of the matrix.
  'POST /api/v1/meetings/{id}/check-in-window': { call: () => ({ payload: { action: 'extend', minutes: 15 } }) },
  'POST /api/v1/meetings/{id}/notices/resend': { call: () => ({ payload: { to: 'unseen' } }) },
  'POST /api/v1/meetings/check-in': {
    call: async (c) => {
      const code = (await c.w.root({ method: 'GET', url: `/api/v1/meetings/${c.id}/check-in-code` })).json().code as string;
      return { payload: { code } };
    },
  },
  'PUT /api/v1/meetings/{id}/minutes': { call: (c) => ({ payload: { content: { conclusions: `Kết luận ${c.n}` } } }) },
  'POST /api/v1/meetings/{id}/minutes/adopt': { fresh: (c) => c.w.meetingWithMinutes(c.position!, false) },
  'POST /api/v1/meetings/{id}/minutes/amendments': {
    fresh: (c) => c.w.meetingWithMinutes(c.position!, true),
    call: (c) => ({ payload: { reason: 'Sửa lỗi chính tả', changes: { conclusions: `Kết luận đã sửa ${c.n}` } } }),
  },
  'PUT /api/v1/meetings/{id}/quality': { call: () => ({ payload: { ticks: {} } }) },
  'PUT /api/v1/meetings/{id}/previous-resolution': { call: () => ({ payload: { done: true } }) },
  'GET /api/v1/meeting-quality-scales': { call: (c) => ({ url: `/api/v1/meeting-quality-scales?${q({ unitId: c.id })}` }) },
  'POST /api/v1/meeting-quality-scales': {
    // A day of its own for each cell (a unit has one scale per template and day), so callers side by side never collide.
    call: (c) => ({
      payload: { unitId: c.id, templateCode: 'vi-du-tinh-100-diem', effectiveFrom: new Date(Date.UTC(2027, 0, 1 + c.n)).toISOString().slice(0, 10) },
    }),
  },
  'GET /api/v1/meeting-topics': { call: (c) => ({ url: `/api/v1/meeting-topics?${q({ unitId: c.id })}` }) },
  'POST /api/v1/meeting-topics': { call: (c) => ({ payload: { unitId: c.id, title: `Chuyên đề Đông ${c.n}`, published: false } }) },
  'GET /api/v1/meetings/compliance': {
    call: (c) => ({ url: `/api/v1/meetings/compliance?${q({ unitId: c.id, from: '2026-01-01', to: '2026-06-30', asOf: '2026-06-30' })}` }),
  },
  'GET /api/v1/meetings/compliance.xlsx': {
    call: (c) => ({ url: `/api/v1/meetings/compliance.xlsx?${q({ unitId: c.id, from: '2026-01-01', to: '2026-06-30', asOf: '2026-06-30' })}` }),
  },
  'GET /api/v1/figures/units/{unitId}/meetings': { call: () => ({ query: { from: '2026-01-01', to: '2026-06-30' } }) },
  'GET /api/v1/figures/units/{unitId}/tasks': { call: () => ({ query: { from: '2026-01-01', to: '2026-06-30' } }) },
  'GET /api/v1/tasks': { call: (c) => ({ url: `/api/v1/tasks?${q({ unitId: c.id })}` }) },
  'POST /api/v1/tasks': {
    call: async (c) => {
      // A member of that cell to assign (for commune B's cell: its own member; refused anyway).
      const member = c.position === 'below' ? c.w.fixed.member!.below! : c.position === 'sibling' ? c.w.fixed.member!.sibling! : c.w.fixed.member!.other!;
      return { payload: { unitId: c.id, title: `Phát quang đường làng ${c.n}`, dueOn: '2026-04-30', assigneeIds: [member] } };
    },
  },
  'PATCH /api/v1/tasks/{id}': { call: (c) => ({ payload: { expectedResult: `Hoàn thành ${c.n} hộ` } }) },
  'POST /api/v1/tasks/{id}/outcome': { fresh: true, call: () => ({ payload: { outcome: 'done', outcomeOn: '2026-03-10' } }) },
  'POST /api/v1/tasks/{id}/reports': { call: (c) => ({ payload: { note: `Đã vận động thêm ${c.n} hộ` } }) },
  'POST /api/v1/tasks/{id}/reports/{reportId}/files': {
    call: (c) => ({
      url: `/api/v1/tasks/${c.id}/reports/${c.w.taskReport.get(c.id)!.reportId}/files`,
      ...multipartFile(`anh-${c.n}.jpg`, 'JPEG', 'image/jpeg'),
    }),
  },
  'GET /api/v1/tasks/{id}/files/{fileId}': { call: (c) => ({ url: `/api/v1/tasks/${c.id}/files/${c.w.taskReport.get(c.id)!.fileId}` }) },
  'GET /api/v1/figures/units/{unitId}/grading': { call: () => ({ query: { from: '2025-01-01', to: '2025-12-31' } }) },
  'GET /api/v1/figures/units/{unitId}/export.xlsx': { call: () => ({ query: { table: 'subUnits', from: '2026-01-01', to: '2026-06-30' } }) },
  'GET /api/v1/figures/units/{unitId}/summary.docx': { call: () => ({ query: { from: '2026-01-01', to: '2026-06-30' } }) },
  'GET /api/v1/residence-links': { call: (c) => ({ url: `/api/v1/residence-links?${q({ unitId: c.id })}` }) },
  'POST /api/v1/residence-links': {
    call: async (c) => {
      // An allowed cell links a new member of the other cell of commune A (a refused one
      // must change nothing, so it names an existing card).
      if (!c.allowed) return { payload: { partyCardNumber: 'TB000001', unitId: c.id, validFrom: '2024-01-01' } };
      const home = c.position === 'below' ? c.w.u.cellA : c.w.u.cellA2;
      const card = `TR${String(200000 + c.n)}`;
      await c.w.t.member({ fullName: `Lý Văn Đông Cư ${c.n}`, unitId: home, partyCardNumber: card, joinedUnitOn: JOINED_LATE });
      return { payload: { partyCardNumber: card, unitId: c.id, validFrom: '2024-01-01' } };
    },
  },
  'POST /api/v1/residence-links/{id}/end': { fresh: true, call: () => ({ payload: { validTo: '2026-01-15' } }) },
  'GET /api/v1/residence-link-requests/outgoing': { call: (c) => ({ url: `/api/v1/residence-link-requests/outgoing?${q({ unitId: c.id })}` }) },
  'GET /api/v1/residence-link-requests/incoming': { call: (c) => ({ url: `/api/v1/residence-link-requests/incoming?${q({ unitId: c.id })}` }) },
  'POST /api/v1/residence-link-requests/{id}/accept': { fresh: true },
  'POST /api/v1/residence-link-requests/{id}/decline': { fresh: true },
  'POST /api/v1/residence-link-requests/{id}/withdraw': { fresh: true },
  'POST /api/v1/members/{id}/transfers': {
    fresh: true,
    call: (c) => ({ payload: { toUnitId: otherCell(c), ...sentDecision } }),
  },
  'POST /api/v1/transfers/incoming': {
    call: (c) => ({
      payload: {
        member: {
          fullName: `Hà Văn Đông Đến ${c.n}`,
          sex: 'nam',
          dateOfBirth: '1990-01-01',
          fullMemberOn: '2015-01-01',
          unitId: c.id,
          joinedUnitOn: JOINED_LATE,
        },
        origin: 'Đảng bộ ngoài hệ thống',
        ...sentDecision,
      },
    }),
  },
  'GET /api/v1/transfers/destination': { call: () => ({ url: '/api/v1/transfers/destination?code=as-t1' }) },
  'GET /api/v1/transfers': { call: (c) => ({ url: `/api/v1/transfers?${q({ unitId: c.id, direction: 'incoming' })}` }) },
  'POST /api/v1/transfers/{id}/accept': { fresh: true, call: () => ({ payload: { receivedOn: '2026-03-08' } }) },
  'POST /api/v1/transfers/{id}/return': { fresh: true, call: () => ({ payload: { reason: 'Thiếu phiếu chuyển sinh hoạt' } }) },
  'GET /api/v1/strike-off/candidates': { call: (c) => ({ url: `/api/v1/strike-off/candidates?${q({ unitId: c.id, asOf: '2026-03-10' })}` }) },
  'GET /api/v1/strike-off-proposals': { call: (c) => ({ url: `/api/v1/strike-off-proposals?${q({ unitId: c.id })}` }) },
  'POST /api/v1/members/{id}/strike-off-proposals': {
    fresh: true,
    call: () => ({ payload: { reason: 'other', note: 'Bỏ sinh hoạt', proposedOn: '2026-03-06', resolutionNumber: '03-NQ/CB' } }),
  },
  'POST /api/v1/strike-off-proposals/{id}/decide': {
    fresh: true,
    call: () => ({ payload: { outcome: 'rejected', ...memberDecided, decisionOn: memberDecided.effectiveOn, issuedBy: 'Đảng ủy xã Đông Hòa' } }),
  },
  'PUT /api/v1/residence-links/{id}/category': { call: () => ({ payload: { category: 'student' } }) },
  'POST /api/v1/residence-comments/requests': { call: (c) => ({ payload: { unitId: c.id, year: 2026, requestedOn: '2026-03-06' } }) },
  'GET /api/v1/residence-comments': { call: (c) => ({ url: `/api/v1/residence-comments?${q({ unitId: c.id, year: 2026, side: 'residence' })}` }) },
  'PUT /api/v1/residence-comments/{id}': {
    call: (c) => ({ payload: { keepsContact: true, fulfilsCitizenDuties: true, comment: `Gương mẫu nơi cư trú ${c.n}`, answeredOn: '2026-03-08' } }),
  },
  'POST /api/v1/identifier-conflicts/{id}/resolve': { fresh: true, call: () => ({ payload: { note: 'Đã đối chiếu hồ sơ: hai người khác nhau' } }) },

  'GET /api/v1/me/meetings': { call: () => ({ url: '/api/v1/me/meetings?from=2026-03-01&to=2026-03-31' }) },
  'GET /api/v1/calendar/{token}.ics': { call: (c) => ({ url: c.w.calendarPath[c.role === 'anonymous' ? 'member' : c.role] }) },
  'POST /api/v1/me/notices/{id}/read': { noAudit: "marking one's own notice read is not a change to the record" },
  'POST /api/v1/me/notices/read-all': { noAudit: "marking one's own notices read is not a change to the record" },
  'PUT /api/v1/me/notification-email': { call: (c) => ({ payload: { email: `dang-vien-${c.n}@example.vn` } }) },
};

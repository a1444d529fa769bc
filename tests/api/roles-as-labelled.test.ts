// Roles as labelled: each role's label (what the web shows next to an account's grant)
// says what it may do, and the server does exactly that for every meeting and member write.
// The table is written out by hand, not derived from src/domain/permissions.ts, so a change
// of a role's rights must change its label and this table together. A committee member was
// shown as "(xem)" yet could edit and cancel plans: now a committee member reads and
// attends, and every meeting or member write of theirs is refused.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { vi } from '../helpers/web-messages.ts';

type Role = 'admin' | 'org_officer' | 'secretary' | 'committee' | 'member';
type Write = 'plan' | 'edit_plan' | 'cancel' | 'attendance' | 'minutes' | 'grade' | 'add_member' | 'edit_member' | 'member_status' | 'transfer';
const WRITES: Write[] = ['plan', 'edit_plan', 'cancel', 'attendance', 'minutes', 'grade', 'add_member', 'edit_member', 'member_status', 'transfer'];

// What each role's label promises: 'ok' allowed (2xx), 403 refused for a record the role
// may see, 404 for one it may not see (access rules, docs/ARCHITECTURE.md).
const TABLE: Record<Role, { label: string; writes: Record<Write, 'ok' | 403 | 404> }> = {
  admin: {
    label: 'Quản trị (toàn quyền, cả tài khoản và nhật ký)',
    writes: {
      plan: 'ok',
      edit_plan: 'ok',
      cancel: 'ok',
      attendance: 'ok',
      minutes: 'ok',
      grade: 'ok',
      add_member: 'ok',
      edit_member: 'ok',
      member_status: 'ok',
      transfer: 'ok',
    },
  },
  org_officer: {
    label: 'Ban tổ chức (đảng viên, tổ chức đảng, sinh hoạt)',
    writes: {
      plan: 'ok',
      edit_plan: 'ok',
      cancel: 'ok',
      attendance: 'ok',
      minutes: 'ok',
      grade: 'ok',
      add_member: 'ok',
      edit_member: 'ok',
      member_status: 'ok',
      transfer: 'ok',
    },
  },
  secretary: {
    label: 'Bí thư (đảng viên và sinh hoạt của chi bộ)',
    // The cell secretary's grant is the cell: a transfer to another cell is out of scope.
    writes: {
      plan: 'ok',
      edit_plan: 'ok',
      cancel: 'ok',
      attendance: 'ok',
      minutes: 'ok',
      grade: 'ok',
      add_member: 'ok',
      edit_member: 'ok',
      member_status: 'ok',
      transfer: 404,
    },
  },
  committee: {
    label: 'Cấp ủy viên (xem, dự sinh hoạt, xếp loại)',
    writes: {
      plan: 403,
      edit_plan: 403,
      cancel: 403,
      attendance: 403,
      minutes: 403,
      grade: 403,
      add_member: 403,
      edit_member: 403,
      member_status: 403,
      transfer: 403,
    },
  },
  member: {
    label: 'Đảng viên (hồ sơ và lịch sinh hoạt của mình)',
    // A plain member sees their own cell's meetings and their own record, nothing else.
    writes: {
      plan: 404,
      edit_plan: 403,
      cancel: 403,
      attendance: 403,
      minutes: 403,
      grade: 403,
      add_member: 404,
      edit_member: 403,
      member_status: 403,
      transfer: 403,
    },
  },
};
const ROLES = Object.keys(TABLE) as Role[];

let t: TestApp;
let cellA: number;
let cellB: number;
let secretary: Client;
const as: Partial<Record<Role, Client>> = {};
let ownMember: number;
let n = 0;

const member = (unitId: number) => t.member({ fullName: `Đảng Viên Thử ${++n}`, unitId, fullMemberOn: '2021-01-01', admittedOn: '2020-01-01' });
const decided = { effectiveOn: '2026-03-06', decisionNumber: '15-QĐ/ĐU' };

/**
 * The 10th of a month of its own, going back from December 2025 (slot 0), so no two plans
 * share a month and each meeting has been held (a grade needs a meeting that took place).
 */
async function planMeeting(by: Client, slot: number) {
  const month = String(12 - (slot % 12)).padStart(2, '0');
  const year = 2025 - Math.floor(slot / 12);
  const res = await by({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      unitId: cellA,
      kind: 'regular',
      date: `${year}-${month}-10`,
      startTime: '19:00',
      endTime: '21:00',
      place: 'Nhà văn hóa thôn',
      topic: `Sinh hoạt chi bộ thường kỳ tháng ${month}/${year}`,
      focalIssues: ['Thu nộp đảng phí', 'Vệ sinh môi trường'],
    },
  });
  return res;
}

/** One write, on a record of its own, so an allowed write never spoils the next role's. */
async function attempt(role: Role, write: Write, slot: number): Promise<{ status: number; unchanged?: () => Promise<boolean> }> {
  const call = as[role]!;
  const meetingOf = async () => {
    const res = await planMeeting(secretary, slot);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const send = (o: InjectOptions) => call(o).then((r) => r.statusCode);
  switch (write) {
    case 'plan': {
      const status = (await planMeeting(call, slot)).statusCode;
      return { status };
    }
    case 'edit_plan': {
      const id = await meetingOf();
      const status = await send({ method: 'PATCH', url: `/api/v1/meetings/${id}`, payload: { place: 'Hội trường xã' } });
      const place = async () => (await secretary({ method: 'GET', url: `/api/v1/meetings/${id}` })).json().place;
      return { status, unchanged: async () => (await place()) === 'Nhà văn hóa thôn' };
    }
    case 'cancel': {
      const id = await meetingOf();
      const status = await send({ method: 'POST', url: `/api/v1/meetings/${id}/cancel`, payload: { reason: 'Mưa bão' } });
      return { status, unchanged: async () => (await secretary({ method: 'GET', url: `/api/v1/meetings/${id}` })).json().status === 'planned' };
    }
    case 'attendance': {
      const id = await meetingOf();
      return { status: await send({ method: 'PUT', url: `/api/v1/meetings/${id}/attendance`, payload: { entries: [], note: 'Điểm danh lại' } }) };
    }
    case 'minutes': {
      const id = await meetingOf();
      return { status: await send({ method: 'PUT', url: `/api/v1/meetings/${id}/minutes`, payload: { content: { conclusions: 'Kết luận' } } }) };
    }
    case 'grade': {
      const id = await meetingOf();
      return { status: await send({ method: 'PUT', url: `/api/v1/meetings/${id}/quality`, payload: { ticks: {} } }) };
    }
    case 'add_member': {
      const status = await send({
        method: 'POST',
        url: '/api/v1/members',
        payload: {
          fullName: `Người Mới ${++n}`,
          sex: 'nam',
          dateOfBirth: '1990-01-01',
          ethnicity: 'Kinh',
          religion: 'Không',
          admittedOn: '2020-01-01',
          fullMemberOn: '2021-01-01',
          unitId: cellA,
          joinedUnitOn: '2021-01-01',
        },
      });
      return { status };
    }
    case 'edit_member': {
      const id = role === 'member' ? ownMember : await member(cellA);
      const status = await send({ method: 'PATCH', url: `/api/v1/members/${id}`, payload: { residence: 'Xóm Đông' } });
      return { status, unchanged: async () => (await secretary({ method: 'GET', url: `/api/v1/members/${id}` })).json().residence !== 'Xóm Đông' };
    }
    case 'member_status': {
      const id = role === 'member' ? ownMember : await member(cellA);
      return { status: await send({ method: 'POST', url: `/api/v1/members/${id}/status`, payload: { status: 'mien_sinh_hoat', ...decided } }) };
    }
    case 'transfer': {
      const id = role === 'member' ? ownMember : await member(cellA);
      return { status: await send({ method: 'POST', url: `/api/v1/members/${id}/transfer`, payload: { unitId: cellB, ...decided } }) };
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'PT', name: 'Đảng bộ tỉnh Phú Thọ', kind: 'dang_bo_tinh' });
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa', parentId: province });
  cellA = await t.unit({ code: 'BB-1', name: 'Chi bộ thôn An', parentId: commune });
  cellB = await t.unit({ code: 'BB-2', name: 'Chi bộ thôn Bình', parentId: commune });
  ownMember = await member(cellA);
  await t.user('quantri', [{ role: 'admin', unitId: province }]);
  await t.user('tochuc', [{ role: 'org_officer', unitId: commune }]);
  await t.user('bithu', [{ role: 'secretary', unitId: cellA }]);
  await t.user('capuy', [{ role: 'committee', unitId: commune }]);
  await t.user('dangvien', [{ role: 'member', unitId: cellA, includeSubtree: false }], ownMember);
  const logins: Record<Role, string> = { admin: 'quantri', org_officer: 'tochuc', secretary: 'bithu', committee: 'capuy', member: 'dangvien' };
  for (const role of ROLES) as[role] = await t.as(logins[role]);
  secretary = as.secretary!;
});
afterAll(() => t.close());

describe('each role does what its label says, and nothing more', () => {
  it.each(ROLES)('%s: the label the web shows is the one this table checks', (role) => {
    expect(vi.role[role]).toBe(TABLE[role].label);
  });

  // One month per (role, write), so no two plans share a month.
  it.each(ROLES.map((role, r) => [role, r] as const))('%s: each meeting and member write answers as the label says', async (role, r) => {
    const got: Record<string, number | string> = {};
    for (const [w, write] of WRITES.entries()) {
      const { status, unchanged } = await attempt(role, write, r * WRITES.length + w);
      const expected = TABLE[role].writes[write];
      got[write] = status >= 200 && status < 300 ? 'ok' : status;
      if (expected !== 'ok' && unchanged) expect(await unchanged(), `${role} ${write} left its record as it was`).toBe(true);
    }
    expect(got).toEqual(TABLE[role].writes);
  });
});

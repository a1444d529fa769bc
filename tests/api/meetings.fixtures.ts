// A small commune for the meetings tests: Đảng bộ xã Bắc Bình with Chi bộ thôn 1 (six
// members expected at meetings, one exempted), Chi bộ thôn 2 and the commune office cell,
// a secretary, a commune officer and member accounts.

import type { MemberStatus } from '../../src/db/types.ts';
import type { Client, TestApp } from '../helpers/test-app.ts';

export async function setStatus(t: TestApp, memberId: number, status: MemberStatus, from = '2020-01-01') {
  const db = t.database.db;
  await db.updateTable('members').set({ status }).where('id', '=', memberId).execute();
  await db.updateTable('member_statuses').set({ status }).where('member_id', '=', memberId).where('valid_from', '=', from).execute();
}

export async function buildCommune(t: TestApp) {
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa' });
  const cell1 = await t.unit({ code: 'BB-T1', name: 'Chi bộ thôn 1', kind: 'chi_bo', parentId: commune });
  const cell2 = await t.unit({ code: 'BB-T2', name: 'Chi bộ thôn 2', kind: 'chi_bo', parentId: commune });
  const office = await t.unit({ code: 'BB-CQ', name: 'Chi bộ cơ quan Đảng ủy xã', kind: 'chi_bo', parentId: commune });
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'];
  const regular: number[] = [];
  for (const fullName of names) regular.push(await t.member({ unitId: cell1, fullName }));
  const probationary = await t.member({ unitId: cell1, fullName: 'Vũ Thị Phương', status: 'du_bi' });
  const exempted = await t.member({ unitId: cell1, fullName: 'Đỗ Văn Giáp', dateOfBirth: '1940-01-01' });
  await setStatus(t, exempted, 'mien_sinh_hoat');
  const other = await t.member({ unitId: cell2, fullName: 'Bùi Văn Hải' });
  const guest = await t.member({ unitId: office, fullName: 'Ngô Thị Hoa' });
  await t.database.db
    .insertInto('committee_members')
    .values({ unit_id: cell1, member_id: regular[0]!, full_name: names[0]!, position: 'bi_thu', valid_from: '2020-01-01' })
    .execute();

  await t.user('admin', [{ role: 'admin', unitId: commune }]);
  await t.user('bithu', [{ role: 'secretary', unitId: cell1 }], regular[0]!);
  await t.user('xa', [{ role: 'org_officer', unitId: commune }], guest);
  await t.user('bithu2', [{ role: 'secretary', unitId: cell2 }]);
  for (const [i, id] of [...regular.slice(1), probationary].entries()) await t.user(`dv${i + 2}`, [{ role: 'member', unitId: cell1 }], id);
  await t.user('khac', [{ role: 'member', unitId: cell2 }], other);
  await t.user('nologin', [{ role: 'member', unitId: cell1 }]);
  return { commune, cell1, cell2, office, regular, probationary, exempted, other, guest };
}

/**
 * Closes the test app. The PostgreSQL pool gets an error listener first: the helper drops
 * the test database right after pool.end() resolves, while ended clients may still be
 * closing, and their "terminating connection" error would otherwise surface as an
 * unhandled 'error' event of the pool (src/db/connect.ts attaches no listener).
 */
export async function closeQuietly(t: TestApp) {
  t.database.pgPool?.on('error', () => {});
  await t.close();
}

/** Plans the March 2026 regular meeting of a cell (5/3, 08:00–10:00) as `as`; `payload` changes any field. Returns its id. */
export async function planMarchMeeting(as: Client, unitId: number, payload: Record<string, unknown> = {}): Promise<number> {
  const res = await as({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      unitId,
      kind: 'regular',
      date: '2026-03-05',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt tháng 3',
      focalIssues: ['Làm đường', 'Đảng phí'],
      ...payload,
    },
  });
  if (res.statusCode !== 201) throw new Error(`planning failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

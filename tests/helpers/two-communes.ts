// Two communes under one province, built through the real app: A ("Đông") and B ("Tây"),
// each with cells, members, accounts and a meeting; B's meeting carries every kind of
// record (preparation, guest, document, attendance, minutes, grading, topic, scale,
// committee, residence link, token, calendar token, notice, a grading period and entry). Every B name contains "Tây",
// so a leak of B shows as that word. Shared by the access sweep (B's ids asked from A)
// and the access matrix (every operation × role × position).
import type { InjectOptions } from 'fastify';
import { multipartFile } from './multipart.ts';
import type { Client, TestApp } from './test-app.ts';

export const B_MARK = 'Tây';

/** The fields of a write's answer that the fixtures read. */
export interface Written {
  id: number;
  url: string;
  code: string;
  items: Array<{ id: number }>;
  guests: Array<{ id: number }>;
  villages: Array<{ id: number }>;
}

export interface TwoCommunes {
  u: Record<string, number>; // units
  m: Record<string, number>; // members
  user: Record<string, number>; // accounts
  a: Record<string, number>; // A's other records
  b: Record<string, number>; // B's other records
  as: Record<string, Client>; // logged-in clients, by the names of `user`
  root: Client;
  calendarUrlB: string;
  /** A write through the API, with its audit row checked: same caller, at least one new row. */
  write(client: Client, actor: number, options: InjectOptions): Promise<Written>;
  /** Writes made through `write`, and those that left no audit row. */
  writes: { count: number; withoutAudit: string[] };
}

export async function buildTwoCommunes(t: TestApp): Promise<TwoCommunes> {
  const db = t.database.db;
  const u: Record<string, number> = {};
  const m: Record<string, number> = {};
  const user: Record<string, number> = {};
  const a: Record<string, number> = {};
  const b: Record<string, number> = {};
  const as: Record<string, Client> = {};
  const writes = { count: 0, withoutAudit: [] as string[] };
  const write = async (client: Client, actor: number, options: InjectOptions) => {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('actor_user_id', '=', actor)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await client(options);
    if (res.statusCode >= 300) throw new Error(`${options.method} ${options.url} failed: ${res.statusCode} ${res.body}`);
    writes.count += 1;
    if ((await count()) <= before) writes.withoutAudit.push(`${options.method} ${options.url}`);
    return res.json<Written>();
  };

  u.province = await t.unit({ code: 'AS', name: 'Đảng bộ tỉnh Kiểm Thử', kind: 'dang_bo_tinh' });
  u.communeA = await t.unit({ code: 'AS-D', name: 'Đảng bộ xã Đông Hòa', kind: 'dang_bo_xa', parentId: u.province });
  u.cellA = await t.unit({ code: 'AS-D1', name: 'Chi bộ thôn Đông Một', parentId: u.communeA });
  u.communeB = await t.unit({ code: 'AS-T', name: 'Đảng bộ xã Tây Sơn', kind: 'dang_bo_xa', parentId: u.province });
  u.cellB = await t.unit({ code: 'AS-T1', name: 'Chi bộ thôn Tây Một', parentId: u.communeB });
  u.cellB2 = await t.unit({ code: 'AS-T2', name: 'Chi bộ thôn Tây Hai', parentId: u.communeB });
  u.groupB = await t.unit({ code: 'AS-T1-G', name: 'Tổ đảng Tây', kind: 'to_dang', parentId: u.cellB });

  m.a1 = await t.member({ fullName: 'Nguyễn Văn Đông', unitId: u.cellA });
  m.a2 = await t.member({ fullName: 'Trần Thị Đông Hà', unitId: u.cellA });
  m.a3 = await t.member({ fullName: 'Lê Văn Đông Phong', unitId: u.cellA });
  m.b1 = await t.member({ fullName: 'Phan Văn Tây', unitId: u.cellB, partyCardNumber: 'TB000001' });
  m.b2 = await t.member({ fullName: 'Bùi Thị Tây Hồ', unitId: u.cellB });
  m.b3 = await t.member({ fullName: 'Đỗ Văn Tây Nguyên', unitId: u.cellB });
  m.b4 = await t.member({ fullName: 'Hà Thị Tây Giang', unitId: u.cellB2 });

  user.root = await t.user('root', [{ role: 'admin', unitId: u.province }]);
  user.adminA = await t.user('admin-dong', [{ role: 'admin', unitId: u.communeA }]);
  user.secA = await t.user('bithu-dong', [{ role: 'secretary', unitId: u.cellA }], m.a1);
  user.comA = await t.user('capuy-dong', [{ role: 'committee', unitId: u.communeA }]);
  user.comAOnly = await t.user('dangbo-dong', [{ role: 'committee', unitId: u.communeA, includeSubtree: false }]);
  user.plainA = await t.user('dangvien-dong', [{ role: 'member', unitId: u.cellA }], m.a2);
  user.adminB = await t.user('admin-tay', [{ role: 'admin', unitId: u.communeB }]);
  user.secB = await t.user('bithu-tay', [{ role: 'secretary', unitId: u.cellB }], m.b1);
  user.plainB = await t.user('dangvien-tay', [{ role: 'member', unitId: u.cellB }], m.b2);
  user.leaverB = await t.user('roi-di-tay', [{ role: 'member', unitId: u.cellB }], m.b3);
  const usernames: Record<string, string> = {
    root: 'root',
    adminA: 'admin-dong',
    secA: 'bithu-dong',
    comA: 'capuy-dong',
    comAOnly: 'dangbo-dong',
    plainA: 'dangvien-dong',
    secB: 'bithu-tay',
    plainB: 'dangvien-tay',
    leaverB: 'roi-di-tay',
  };
  for (const [name, username] of Object.entries(usernames)) as[name] = await t.as(username);
  const root = as.root!;
  const w = (options: InjectOptions) => write(root, user.root!, options);

  // A meeting in each commune, through the meetings API; B's with every kind of record.
  const plan = (unitId: number, topic: string, extra: object = {}) => ({
    unitId,
    kind: 'regular',
    date: '2026-03-10',
    startTime: '19:00',
    endTime: '21:00',
    place: 'Nhà văn hóa thôn',
    topic,
    focalIssues: ['Thu nộp đảng phí', 'Làm đường giao thông'],
    ...extra,
  });
  a.meeting = (await w({ method: 'POST', url: '/api/v1/meetings', payload: plan(u.cellA, 'Sinh hoạt thôn Đông tháng 3') })).id;
  b.meeting = (await w({ method: 'POST', url: '/api/v1/meetings', payload: plan(u.cellB, 'Sinh hoạt thôn Tây tháng 3') })).id;
  b.committeeMeeting = (
    await w({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: u.cellB,
        kind: 'committee',
        date: '2026-03-05',
        startTime: '19:00',
        endTime: '20:30',
        place: 'Nhà bí thư Tây',
        topic: 'Chi ủy Tây chuẩn bị',
        preparesMeetingId: b.meeting,
      },
    })
  ).id;
  await w({
    method: 'PUT',
    url: `/api/v1/meetings/${b.committeeMeeting}/preparation`,
    payload: {
      memberReviews: [{ memberId: m.b1, strengths: 'Gương mẫu ở thôn Tây', shortcomings: null }],
      agreedContent: 'Nội dung thôn Tây',
      draftResolution: 'Dự thảo Tây',
    },
  });
  const withGuests = await w({
    method: 'POST',
    url: `/api/v1/meetings/${b.meeting}/guests`,
    payload: { memberId: m.b4, position: 'Đảng ủy viên xã Tây Sơn', assignedByUnitId: u.communeB },
  });
  b.guest = withGuests.guests[0].id;
  b.document = (
    await w({ method: 'POST', url: `/api/v1/meetings/${b.meeting}/documents`, ...multipartFile('nghi-quyet-tay.pdf', '%PDF-1.4 Tây', 'application/pdf') })
  ).id;
  await w({
    method: 'PUT',
    url: `/api/v1/meetings/${b.meeting}/attendance`,
    payload: {
      entries: [
        { memberId: m.b1, status: 'present' },
        { memberId: m.b2, status: 'absent_unexcused' },
      ],
    },
  });
  await w({
    method: 'PUT',
    url: `/api/v1/meetings/${b.meeting}/minutes`,
    payload: { content: { chairName: 'Phan Văn Tây', conclusions: 'Kết luận của chi bộ Tây' } },
  });
  await w({ method: 'PUT', url: `/api/v1/meetings/${b.meeting}/quality`, payload: { ticks: {} } });
  b.topic = (
    await w({ method: 'POST', url: '/api/v1/meeting-topics', payload: { unitId: u.cellB, title: 'Chuyên đề riêng thôn Tây', published: false } })
  ).items[0].id;
  await w({
    method: 'POST',
    url: '/api/v1/meeting-quality-scales',
    payload: { unitId: u.cellB, templateCode: 'vi-du-tinh-100-diem', effectiveFrom: '2026-01-01' },
  });
  b.committee = (
    await w({
      method: 'POST',
      url: `/api/v1/units/${u.cellB}/committee`,
      payload: { memberId: m.b1, fullName: 'Phan Văn Tây', position: 'bi_thu', validFrom: '2021-01-01' },
    })
  ).id;
  b.residenceLink = (
    await w({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber: 'TB000001', unitId: u.cellB2, validFrom: '2024-01-01' } })
  ).items[0].id;
  await w({ method: 'PATCH', url: `/api/v1/members/${m.b2}`, payload: { residence: 'Xóm Tây' } });
  // B's village (thôn Tây) with a member of B living there.
  b.village = (
    await w({
      method: 'POST',
      url: `/api/v1/units/${u.cellB}/villages`,
      payload: { villages: [{ name: 'Thôn Tây Bắc', kind: 'thon', establishedOn: '2020-01-01' }] },
    })
  ).villages[0].id;
  await w({ method: 'PUT', url: `/api/v1/members/${m.b2}/residence`, payload: { villageId: b.village, effectiveOn: '2024-01-01' } });
  // B's residence request (thôn Tây 2 asking for Bùi Thị Tây Hồ) and an identifier conflict inside B.
  b.residenceRequest = (
    await db
      .insertInto('residence_link_requests')
      .values({ unit_id: u.cellB2, party_card_number: 'TB-YEU-CAU', member_id: m.b2, valid_from: '2024-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  b.identifierConflict = (
    await db
      .insertInto('identifier_conflicts')
      .values({
        kind: 'citizen_id',
        value: '001080000999',
        source: 'member.create',
        from_unit_id: u.cellB2,
        existing_member_id: m.b3,
        existing_unit_id: u.cellB,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  b.grant = (await db.selectFrom('role_grants').select('id').where('user_id', '=', user.secB!).executeTakeFirstOrThrow()).id;
  b.token = (await write(as.secB!, user.secB!, { method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'báo cáo Tây' } })).id;
  const calendar = await write(as.plainB!, user.plainB!, { method: 'POST', url: '/api/v1/me/calendar-token' });
  b.notice = Number((await db.selectFrom('notices').select('id').where('member_id', '=', m.b4!).executeTakeFirstOrThrow()).id);
  // B's grading year, opened by the province: the period and Phan Văn Tây's entry on its roll.
  const gradingB = (await w({
    method: 'POST',
    url: '/api/v1/grading/periods',
    payload: { unitId: u.communeB, kind: 'year', name: 'Năm 2025 Tây', startsOn: '2025-01-01', endsOn: '2025-12-31' },
  })) as Written & { entries: Array<{ id: number; memberId: number | null }> };
  b.gradingPeriod = gradingB.id;
  b.gradingEntry = gradingB.entries.find((e) => e.memberId === m.b1)!.id;

  // A's own records, so A's people have something to see.
  await write(as.secA!, user.secA!, {
    method: 'PUT',
    url: `/api/v1/meetings/${a.meeting}/attendance`,
    payload: { entries: [{ memberId: m.a2, status: 'present' }] },
  });
  await write(as.secA!, user.secA!, {
    method: 'POST',
    url: '/api/v1/meeting-topics',
    payload: { unitId: u.cellA, title: 'Chuyên đề thôn Đông', published: false },
  });
  return { u, m, user, a, b, as, root, calendarUrlB: calendar.url, write, writes };
}

// A small organisation for the tests that call every endpoint (the bad-input sweep, the
// fuzzer): a province, a commune, cells, members, a meeting with a guest and a document,
// a committee seat, a residence link, a token, a notice and a calendar feed, and an admin
// of the province to call as, so access never masks validation. Writes that a generated
// request happens to get right land on the spare records, never on the admin, their
// session, their grant or the main cell.
import type { LightMyRequestResponse } from 'fastify';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import type { Client, TestApp } from './test-app.ts';

export interface ApiWorld {
  admin: Client;
  adminUsername: string;
  ids: Record<string, number>;
  calendarToken: string;
  spareCard: string;
  /** The real record behind a path parameter. */
  realPathValue(path: string, name: string): string;
  /** Values by property name, so that a request is valid but for the one thing changed. */
  namedValue(name: string | undefined): unknown;
}

export async function seedApiWorld(t: TestApp): Promise<ApiWorld> {
  const db = t.database.db;
  const province = await t.unit({ code: 'SW', name: 'Đảng bộ tỉnh Thử Nghiệm', kind: 'dang_bo_tinh' });
  const commune = await t.unit({ code: 'SW-X', name: 'Đảng bộ xã Thử', kind: 'dang_bo_xa', parentId: province });
  const cell = await t.unit({ code: 'SW-C1', name: 'Chi bộ thôn Một', parentId: commune });
  const group = await t.unit({ code: 'SW-C1-T', name: 'Tổ đảng số 1', kind: 'to_dang', parentId: cell });
  const spareCell = await t.unit({ code: 'SW-C2', name: 'Chi bộ thôn Hai', parentId: commune });
  const self = await t.member({ fullName: 'Nguyễn Văn Quản', unitId: cell });
  const spareCard = 'TC900001';
  const spareMember = await t.member({ fullName: 'Trần Thị Thử', unitId: spareCell, partyCardNumber: spareCard });
  await t.member({ fullName: 'Lê Văn Ba', unitId: cell });
  const adminUsername = 'sweep-admin';
  await t.user(adminUsername, [{ role: 'admin', unitId: province }], self);
  const spareUser = await t.user('sweep-spare', [{ role: 'secretary', unitId: spareCell }]);
  const grant = await db.selectFrom('role_grants').select('id').where('user_id', '=', spareUser).executeTakeFirstOrThrow();
  const admin = await t.as(adminUsername);

  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`seeding failed: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const token = await ok(admin({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'quét' } }));
  const meeting = await ok(
    admin({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: cell,
        kind: 'regular',
        date: '2025-03-10',
        startTime: '19:00',
        endTime: '21:00',
        place: 'Nhà văn hóa thôn',
        topic: 'Sinh hoạt tháng 3',
        focalIssues: ['Thu nộp đảng phí', 'Làm đường giao thông'],
      },
    }),
  );
  const committeeMeeting = await ok(
    admin({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: cell,
        kind: 'committee',
        date: '2025-03-05',
        startTime: '19:00',
        endTime: '20:00',
        place: 'Nhà bí thư',
        topic: 'Chuẩn bị sinh hoạt tháng 3',
        preparesMeetingId: meeting.id,
      },
    }),
  );
  const withGuest = await ok(
    admin({ method: 'POST', url: `/api/v1/meetings/${meeting.id}/guests`, payload: { fullName: 'Đồng chí Khách', position: 'Đảng ủy viên' } }),
  );
  const topics = await ok(admin({ method: 'POST', url: '/api/v1/meeting-topics', payload: { unitId: commune, title: 'Tự soi, tự sửa', published: true } }));
  const committee = await ok(
    admin({ method: 'POST', url: `/api/v1/units/${cell}/committee`, payload: { fullName: 'Nguyễn Văn Quản', position: 'bi_thu', validFrom: '2021-01-01' } }),
  );
  const links = await ok(
    admin({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber: spareCard, unitId: cell, validFrom: '2024-01-01' } }),
  );
  const document = await db
    .insertInto('meeting_documents')
    .values({
      meeting_id: meeting.id,
      file_name: 'nghi-quyet.pdf',
      content_type: 'application/pdf',
      size_bytes: 4,
      content: Buffer.from('%PDF'),
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notice = await db
    .insertInto('notices')
    .values({ member_id: self, kind: 'meeting_planned', meeting_id: meeting.id, params: '{}', dedupe_key: 'sweep' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A residence request and an identifier conflict, for the routes that act on them.
  const residenceRequest = await db
    .insertInto('residence_link_requests')
    .values({ unit_id: cell, party_card_number: 'CHO-XAC-NHAN', member_id: spareMember, valid_from: '2024-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const identifierConflict = await db
    .insertInto('identifier_conflicts')
    .values({
      kind: 'party_card_number',
      value: spareCard,
      source: 'import',
      from_unit_id: cell,
      existing_member_id: spareMember,
      existing_unit_id: spareCell,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const calendarToken = 'cal_sweep-token-0123456789';
  await db
    .insertInto('calendar_tokens')
    .values({ member_id: self, token_hash: hashSecret(calendarToken) })
    .execute();

  const ids: Record<string, number> = {
    province,
    commune,
    cell,
    group,
    spareCell,
    self,
    spareMember,
    spareUser,
    grant: grant.id,
    token: token.id,
    meeting: meeting.id,
    committeeMeeting: committeeMeeting.id,
    guest: withGuest.guests[0].id,
    topic: topics.items[0].id,
    committeeMember: committee.id,
    residenceLink: links.items[0].id,
    document: document.id,
    notice: Number(notice.id),
    residenceRequest: residenceRequest.id,
    identifierConflict: identifierConflict.id,
  };

  function realPathValue(path: string, name: string): string {
    if (name === 'token') return calendarToken;
    if (name === 'grantId') return String(ids.grant);
    if (name === 'committeeId') return String(ids.committeeMember);
    if (name === 'documentId') return String(ids.document);
    if (name === 'guestId') return String(ids.guest);
    const area = path.split('/')[3];
    if (area === 'users') return String(ids.spareUser);
    if (area === 'members') return String(ids.spareMember);
    if (area === 'units') return String(ids.spareCell);
    if (area === 'residence-links') return String(ids.residenceLink);
    if (area === 'residence-link-requests') return String(ids.residenceRequest);
    if (area === 'identifier-conflicts') return String(ids.identifierConflict);
    if (path.startsWith('/api/v1/me/tokens')) return String(ids.token);
    if (path.startsWith('/api/v1/me/notices')) return String(ids.notice);
    if (path.includes('/preparation')) return String(ids.committeeMeeting);
    return String(ids.meeting);
  }

  function namedValue(name: string | undefined): unknown {
    switch (name) {
      case 'unitId':
        return ids.spareCell;
      case 'parentId':
        return ids.commune;
      case 'memberId':
        return ids.spareMember;
      case 'partyGroupId':
        return ids.group;
      case 'topicId':
        return ids.topic;
      case 'preparesMeetingId':
        return ids.meeting;
      case 'guestId':
        return ids.guest;
      case 'assignedByUnitId':
        return ids.commune;
      case 'sourceIds':
        return [ids.spareCell];
      case 'memberIds':
      case 'childUnitIds':
      case 'focalIssues':
        return [];
      case 'partyCardNumber':
        return spareCard;
      case 'endTime':
        return '21:00';
      case 'password':
      case 'newPassword':
        return 'mat-khau-moi-123';
      default:
        return undefined;
    }
  }

  return { admin, adminUsername, ids, calendarToken, spareCard, realPathValue, namedValue };
}

// The rest of the meeting plan: the topic bank published from above, a province scale
// loaded as data, documents, residence-cell links, meetings by party group, cancelled
// meetings, and refusals a secretary would meet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { multipartBody, multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly, setStatus } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let xa: Client;
const base = { startTime: '19:30', endTime: '21:30', place: 'Nhà văn hóa' };

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  xa = await t.as('xa');
  clock.set(new Date('2026-05-01T09:00:00+07:00'));
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('topic bank', () => {
  let published: number;
  let local: number;
  it('offers a topic published by the commune to its cells, and shows who used it', async () => {
    const res = await xa({
      method: 'POST',
      url: '/api/v1/meeting-topics',
      payload: { unitId: f.commune, title: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', published: true },
    });
    expect(res.statusCode).toBe(201);
    published = res.json().items[0].id;
    const b2 = await t.as('bithu2');
    local = (await b2({ method: 'POST', url: '/api/v1/meeting-topics', payload: { unitId: f.cell2, title: 'Tự soi, tự sửa' } })).json().items[0].id;
    const offered = (await bithu({ method: 'GET', url: `/api/v1/meeting-topics?unitId=${f.cell1}` })).json().items;
    expect(offered.map((x: { title: string }) => x.title)).toEqual(['Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh']);
    const planned = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell1, kind: 'thematic', date: '2026-05-19', topicId: published },
    });
    expect(planned.statusCode).toBe(201);
    expect(planned.json()).toMatchObject({ topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', topicId: published });
    expect(planned.json().agenda[4].title).toBe('Trình bày chuyên đề');
    const bank = (await xa({ method: 'GET', url: `/api/v1/meeting-topics?unitId=${f.commune}` })).json().items;
    expect(bank[0].usedBy).toEqual([{ unitId: f.cell1, unitName: 'Chi bộ thôn 1', meetings: 1, lastHeldOn: '2026-05-19' }]);
  });

  it("keeps another cell's local topic out of reach", async () => {
    const res = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell1, kind: 'thematic', date: '2026-05-20', topicId: local },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Chuyên đề này không có trong ngân hàng chuyên đề của chi bộ.');
  });
});

describe('a province scale loaded as data', () => {
  it("grades the cell's meetings on the scale its commune adopted", async () => {
    const bad = await xa({
      method: 'POST',
      url: '/api/v1/meeting-quality-scales',
      payload: {
        unitId: f.commune,
        code: 'thang-diem-xa',
        title: 'Thang điểm xã',
        effectiveFrom: '2026-01-01',
        scale: { criteria: [{ key: 'a', label: { vi: 'A', en: 'A' }, points: 10 }], bands: [{ grade: 'tot', minPoints: 5 }] },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toBe('Thang điểm cần một mức thấp nhất từ 0 điểm.');
    const res = await xa({
      method: 'POST',
      url: '/api/v1/meeting-quality-scales',
      payload: { unitId: f.commune, templateCode: 'vi-du-tinh-100-diem', effectiveFrom: '2026-01-01' },
    });
    expect(res.statusCode).toBe(201);
    const scales = (await bithu({ method: 'GET', url: `/api/v1/meeting-quality-scales?unitId=${f.cell1}&on=2026-05-05` })).json();
    expect(scales.inForce).toMatchObject({ code: 'vi-du-tinh-100-diem', origin: 'unit', unitId: f.commune });
    expect((await bithu({ method: 'GET', url: `/api/v1/meeting-quality-scales?unitId=${f.cell1}&on=2025-12-31` })).json().inForce.code).toBe('hd12');
    const m = (
      await bithu({
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { ...base, unitId: f.cell1, kind: 'regular', date: '2026-05-05', focalIssues: ['Một', 'Hai'], topic: 'Tháng 5' },
      })
    ).json();
    clock.set(new Date('2026-05-05T21:00:00+07:00'));
    const q = await bithu({ method: 'PUT', url: `/api/v1/meetings/${m.id}/quality`, payload: { ticks: { content: true } } });
    expect(q.statusCode).toBe(200);
    expect(q.json().scale.code).toBe('vi-du-tinh-100-diem');
    expect(q.json().maxPoints).toBe(100);
    const wrong = await bithu({ method: 'PUT', url: `/api/v1/meetings/${m.id}/quality`, payload: { ticks: { focused_content: true } } });
    expect(wrong.statusCode).toBe(400);
    clock.set(new Date('2026-05-01T09:00:00+07:00'));
  });
});

describe('documents, residence links, party groups, cancellation', () => {
  it('stores a document in the database for members to download', async () => {
    const m = (
      await bithu({
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { ...base, unitId: f.cell1, kind: 'extraordinary', date: '2026-05-25', topic: 'Kiện toàn chi ủy' },
      })
    ).json();
    const body = Buffer.from('%PDF-1.4 Nghị quyết của Đảng ủy xã');
    const up = await bithu({ method: 'POST', url: `/api/v1/meetings/${m.id}/documents`, ...multipartFile('Nghị quyết số 12.pdf', body, 'application/pdf') });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ fileName: 'Nghị quyết số 12.pdf', sizeBytes: body.length, contentType: 'application/pdf' });
    const member = await t.as('dv3');
    const down = await member({ method: 'GET', url: `/api/v1/meetings/${m.id}/documents/${up.json().id}` });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(body)).toBe(true);
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''Ngh%E1%BB%8B");
    expect((await member({ method: 'DELETE', url: `/api/v1/meetings/${m.id}/documents/${up.json().id}` })).statusCode).toBe(403);
    expect(
      (await bithu({ method: 'POST', url: `/api/v1/meetings/${m.id}/documents`, ...multipartFile('rong.pdf', Buffer.alloc(0), 'application/pdf') })).statusCode,
    ).toBe(400);
    // Cut off before its closing boundary (found by the fuzzer: 500).
    const cutOff = multipartBody([{ name: 'file', fileName: 'cut.pdf', type: 'application/pdf', content: body }], { closed: false });
    const broken = await bithu({ method: 'POST', url: `/api/v1/meetings/${m.id}/documents`, ...cutOff });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    expect((await bithu({ method: 'DELETE', url: `/api/v1/meetings/${m.id}/documents/${up.json().id}` })).statusCode).toBe(200);
    expect((await bithu({ method: 'GET', url: `/api/v1/meetings/${m.id}` })).json().documents).toEqual([]);
  });

  it("shows the residence cell's meetings to a member who lives there", async () => {
    const card = (await t.database.db.selectFrom('members').select('party_card_number').where('id', '=', f.regular[2]!).executeTakeFirstOrThrow())
      .party_card_number!;
    const b2 = await t.as('bithu2');
    const link = await b2({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber: card, unitId: f.cell2, validFrom: '2026-01-01' } });
    // Thôn 2's secretary may not read thôn 1: the card becomes a request thôn 1 accepts.
    expect(link.statusCode).toBe(202);
    expect((await b2({ method: 'GET', url: `/api/v1/residence-links?unitId=${f.cell2}` })).json().items).toEqual([]);
    const [request] = (await bithu({ method: 'GET', url: `/api/v1/residence-link-requests/incoming?unitId=${f.cell1}` })).json().items;
    expect(request).toMatchObject({ fullName: 'Lê Văn Cường', residenceUnitName: 'Chi bộ thôn 2' });
    expect((await bithu({ method: 'POST', url: `/api/v1/residence-link-requests/${request.id}/accept` })).statusCode).toBe(200);
    // Accepted: the name and work cell, but not the member's record.
    const linked = (await b2({ method: 'GET', url: `/api/v1/residence-links?unitId=${f.cell2}` })).json().items;
    expect(linked[0]).toMatchObject({ fullName: 'Lê Văn Cường', memberId: null, workUnitId: null, workUnitName: null });
    const commune = (await xa({ method: 'GET', url: `/api/v1/residence-links?unitId=${f.cell2}` })).json().items;
    expect(commune[0]).toMatchObject({ fullName: 'Lê Văn Cường', memberId: f.regular[2], workUnitName: 'Chi bộ thôn 1' });
    const m = await b2({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell2, kind: 'regular', date: '2026-05-06', focalIssues: ['Một', 'Hai'], topic: 'Thôn 2 tháng 5' },
    });
    const mine = (await (await t.as('dv3'))({ method: 'GET', url: '/api/v1/me/meetings' })).json().items;
    expect(mine.find((x: { id: number }) => x.id === m.json().id)).toMatchObject({ role: 'residence', unitName: 'Chi bộ thôn 2' });
  });

  it('answers a card of a member who left exactly as an unknown card', async () => {
    const left = await t.member({ unitId: f.office, fullName: 'Trịnh Văn Lâm' });
    await setStatus(t, left, 'chuyen_di');
    const card = (await t.database.db.selectFrom('members').select('party_card_number').where('id', '=', left).executeTakeFirstOrThrow()).party_card_number!;
    const b2 = await t.as('bithu2');
    const tryCard = (partyCardNumber: string) =>
      b2({ method: 'POST', url: '/api/v1/residence-links', payload: { partyCardNumber, unitId: f.cell2, validFrom: '2026-01-01' } });
    const [gone, unknown] = [await tryCard(card), await tryCard('KHONG-CO-99')];
    expect(gone.statusCode).toBe(202);
    expect(gone.body).toBe(unknown.body);
    expect(unknown.json()).toEqual({ outcome: 'requested', message: 'Đã gửi yêu cầu; chi bộ của đảng viên sẽ xác nhận.' });
    // Neither request reaches anyone: the office's cell has nothing to decide.
    expect((await xa({ method: 'GET', url: `/api/v1/residence-link-requests/incoming?unitId=${f.commune}` })).json().items).toEqual([]);
  });

  it("meets by party group: the roll is the group's members", async () => {
    // Members stay placed in the cell and belong to one of its party groups (party_group_members).
    const made = await bithu({ method: 'POST', url: `/api/v1/units/${f.cell1}/party-groups`, payload: { name: 'Tổ đảng số 1', effectiveOn: '2026-01-01' } });
    const group: number = made.json().groups[0].id;
    const inGroup = f.regular[1]!;
    const set = await bithu({ method: 'PUT', url: `/api/v1/party-groups/${group}/members`, payload: { memberIds: [inGroup], effectiveOn: '2026-01-01' } });
    expect(set.statusCode).toBe(200);
    const m = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell1, partyGroupId: group, kind: 'regular', date: '2026-05-12', focalIssues: ['Một', 'Hai'], topic: 'Tổ 1' },
    });
    expect(m.statusCode).toBe(201);
    expect(m.json().partyGroupName).toBe('Tổ đảng số 1');
    const roll = (await bithu({ method: 'GET', url: `/api/v1/meetings/${m.json().id}/attendance` })).json();
    expect(roll.members.map((e: { memberId: number }) => e.memberId)).toEqual([inGroup]);
    const wrong = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell1, partyGroupId: f.cell2, kind: 'regular', date: '2026-05-12', focalIssues: ['Một', 'Hai'], topic: 'x' },
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('refuses kinds a unit does not hold, and check-in to a cancelled meeting', async () => {
    const res = await xa({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.commune, kind: 'regular', date: '2026-05-12', focalIssues: ['a', 'b'], topic: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Loại buổi họp "Sinh hoạt chi bộ thường kỳ" không dành cho tổ chức đảng này.');
    const en = await xa({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: { 'accept-language': 'en' },
      payload: { ...base, unitId: f.commune, kind: 'regular', date: '2026-05-12', focalIssues: ['a', 'b'], topic: 'x' },
    });
    expect(en.json().title).toBe('A "Regular cell meeting" is not held by this party organisation.');
    const briefing = await xa({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.commune, kind: 'briefing', date: '2026-05-12', topic: 'Giao ban tháng 5' },
    });
    expect(briefing.statusCode).toBe(201);
    expect(
      (await xa({ method: 'GET', url: `/api/v1/meetings/${briefing.json().id}/attendance` })).json().members.map((e: { fullName: string }) => e.fullName),
    ).toEqual(['Nguyễn Văn An']);

    const m = (
      await bithu({
        method: 'POST',
        url: '/api/v1/meetings',
        payload: { ...base, unitId: f.cell1, kind: 'extraordinary', date: '2026-05-01', startTime: '09:00', endTime: '11:00', topic: 'x' },
      })
    ).json();
    const { code } = (await bithu({ method: 'GET', url: `/api/v1/meetings/${m.id}/check-in-code` })).json();
    await bithu({ method: 'POST', url: `/api/v1/meetings/${m.id}/cancel`, payload: { reason: 'Trùng lịch' } });
    const res2 = await (await t.as('dv2'))({ method: 'POST', url: '/api/v1/meetings/check-in', payload: { code } });
    expect(res2.statusCode).toBe(404);
    expect((await bithu({ method: 'PATCH', url: `/api/v1/meetings/${m.id}`, payload: { place: 'Khác' } })).statusCode).toBe(409);
  });

  it('describes every meetings route in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const route of [
      '/api/v1/meetings',
      '/api/v1/meetings/check-in',
      '/api/v1/meetings/{id}/minutes',
      '/api/v1/meetings/compliance',
      '/api/v1/me/notices',
      '/api/v1/calendar/{token}.ics',
    ]) {
      expect(spec.paths[route], route).toBeDefined();
    }
  });

  it('rejects unknown fields and bad times', async () => {
    const res = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell1, kind: 'thematic', date: '2026-05-12', topic: 'x', startTime: '25:00', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const res2 = await bithu({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { ...base, unitId: f.cell1, kind: 'thematic', date: '2026-05-12', topic: 'x', startTime: '21:00', endTime: '20:00' },
    });
    expect(res2.json().title).toBe('Giờ kết thúc phải sau giờ bắt đầu.');
  });
});

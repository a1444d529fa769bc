// Residence cells (QĐ 213-QĐ/TW, HD 33-HD/BTCTW): each year the work-place organisation asks
// the residence cell's comment on each linked member; the residence cell answers on the form;
// members in HD 33's categories are marked and not asked. residenceCommentsByMember gives the
// year's comments per member for the grading file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residenceCommentsByMember } from '../../src/modules/life/residence-comments-by-member.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let officer: Client;
let secW: Client;
let secR: Client;
const u: Record<string, number> = {};
const m: Record<string, number> = {};
const link: Record<string, number> = {};

async function linkTo(memberId: number, residenceUnit: number, card: string) {
  const res = await officer({
    method: 'POST',
    url: '/api/v1/residence-links',
    payload: { partyCardNumber: card, unitId: residenceUnit, validFrom: '2025-01-01' },
  });
  expect(res.statusCode).toBe(201);
  return (res.json().items as Array<{ id: number; memberId: number }>).find((l) => l.memberId === memberId)!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  u.commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa' });
  u.work = await t.unit({ code: 'BB-CQ', name: 'Chi bộ Cơ quan Ủy ban nhân dân xã', parentId: u.commune });
  u.home1 = await t.unit({ code: 'BB-1', name: 'Chi bộ thôn Đông', parentId: u.commune });
  u.home2 = await t.unit({ code: 'BB-2', name: 'Chi bộ thôn Đoài', parentId: u.commune });
  m.lan = await t.member({ fullName: 'Nguyễn Thị Lan', sex: 'nu', unitId: u.work, partyCardNumber: 'RC000001' });
  m.hung = await t.member({ fullName: 'Trần Văn Hùng', unitId: u.work, partyCardNumber: 'RC000002' });
  m.tuan = await t.member({ fullName: 'Lê Anh Tuấn', unitId: u.work, partyCardNumber: 'RC000003' });
  await t.user('ban-to-chuc', [{ role: 'org_officer', unitId: u.commune }]);
  await t.user('bithu-cq', [{ role: 'secretary', unitId: u.work }]);
  await t.user('bithu-dong', [{ role: 'secretary', unitId: u.home1 }]);
  [officer, secW, secR] = await Promise.all(['ban-to-chuc', 'bithu-cq', 'bithu-dong'].map((n) => t.as(n)));
  link.lan = await linkTo(m.lan!, u.home1!, 'RC000001');
  link.hung = await linkTo(m.hung!, u.home1!, 'RC000002');
  link.tuan = await linkTo(m.tuan!, u.home2!, 'RC000003');
});
afterAll(() => t.close());

describe('HD 33 categories', () => {
  it('are marked by the work place, not by the residence cell', async () => {
    expect((await secR({ method: 'PUT', url: `/api/v1/residence-links/${link.hung}/category`, payload: { category: 'full_time_study' } })).statusCode).toBe(
      403,
    );
    const res = await secW({ method: 'PUT', url: `/api/v1/residence-links/${link.hung}/category`, payload: { category: 'full_time_study' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: link.hung, category: 'full_time_study' });
  });
});

describe('the yearly request and the answer', () => {
  let commentId: number;

  it('asks every linked member but those marked, once a year', async () => {
    const ask = () => secW({ method: 'POST', url: '/api/v1/residence-comments/requests', payload: { unitId: u.work, year: 2026, requestedOn: '2026-11-02' } });
    const first = await ask();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ requested: 2, alreadyAsked: 0, notAsked: 1 });
    expect((await ask()).json()).toEqual({ requested: 0, alreadyAsked: 2, notAsked: 1 });
    // The residence cell cannot ask on the work place's behalf: it does not even see that cell.
    const refused = await secR({
      method: 'POST',
      url: '/api/v1/residence-comments/requests',
      payload: { unitId: u.work, year: 2026, requestedOn: '2026-11-02' },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('reaches the residence cell, which sees the name but not the record', async () => {
    const res = await secR({ method: 'GET', url: `/api/v1/residence-comments?unitId=${u.home1}&year=2026&side=residence` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        fullName: 'Nguyễn Thị Lan',
        memberId: null,
        workUnitName: 'Chi bộ Cơ quan Ủy ban nhân dân xã',
        canAnswer: true,
        comment: null,
      }),
    ]);
    commentId = res.json().items[0].id;
  });

  it('is answered on the form by the residence cell only', async () => {
    const form = {
      keepsContact: true,
      fulfilsCitizenDuties: true,
      comment: 'Đồng chí giữ mối liên hệ với chi bộ, gương mẫu thực hiện nghĩa vụ công dân nơi cư trú.',
      answeredOn: '2026-11-20',
    };
    expect((await secW({ method: 'PUT', url: `/api/v1/residence-comments/${commentId}`, payload: form })).statusCode).toBe(403);
    const early = await secR({ method: 'PUT', url: `/api/v1/residence-comments/${commentId}`, payload: { ...form, answeredOn: '2026-11-01' } });
    expect(early.statusCode).toBe(409);
    const res = await secR({ method: 'PUT', url: `/api/v1/residence-comments/${commentId}`, payload: form });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ comment: form.comment, answeredOn: '2026-11-20', keepsContact: true });
  });

  it('shows the work place every answer and what is still awaited', async () => {
    const res = await secW({ method: 'GET', url: `/api/v1/residence-comments?unitId=${u.work}&year=2026&side=work` });
    expect(res.json().items.map((i: { fullName: string; answeredOn: string | null; memberId: number }) => [i.fullName, i.answeredOn, i.memberId])).toEqual([
      ['Lê Anh Tuấn', null, m.tuan],
      ['Nguyễn Thị Lan', '2026-11-20', m.lan],
    ]);
  });
});

describe('residenceCommentsByMember, for the grading file', () => {
  it('gives each member the year’s comments: answered, awaited, not asked', async () => {
    const facts = await residenceCommentsByMember(t.database.db, [m.lan!, m.hung!, m.tuan!], 2026);
    expect(facts.get(m.lan!)).toEqual([
      {
        residenceUnitId: u.home1,
        residenceUnitName: 'Chi bộ thôn Đông',
        state: 'answered',
        category: null,
        keepsContact: true,
        fulfilsCitizenDuties: true,
        comment: 'Đồng chí giữ mối liên hệ với chi bộ, gương mẫu thực hiện nghĩa vụ công dân nơi cư trú.',
        answeredOn: '2026-11-20',
      },
    ]);
    expect(facts.get(m.hung!)).toEqual([expect.objectContaining({ state: 'not_asked', category: 'full_time_study', comment: null })]);
    expect(facts.get(m.tuan!)).toEqual([expect.objectContaining({ state: 'pending', residenceUnitName: 'Chi bộ thôn Đoài' })]);
    // Another year: the links were in force, nobody was asked.
    const before = await residenceCommentsByMember(t.database.db, [m.lan!], 2025);
    expect(before.get(m.lan!)).toEqual([expect.objectContaining({ state: 'not_requested' })]);
  });
});

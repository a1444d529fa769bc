// The admissions pipeline as an API (issue 10 items 1–3): a candidate from source to full
// member with every date and deadline (the ceremony within 30 working days of the decision,
// probation of 12 months from the ceremony, the cell's consideration within 30 working days
// after), the checks at the cell's consideration (60 years and 1 month refused, a sponsor who
// is a full member and has known the candidate 12 months, a valid certificate), the home
// pages of the cell and the commune, a day an admin adds to the calendar, and the figures.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAdmissionReminders } from '../../src/modules/admissions/admission-reminders.ts';
import { admissionProgress } from '../../src/modules/figures/admission-figures.ts';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let xa: number;
let cell: number;
let sponsor: number;
let helper: number;
let probationary: number;
let biThu: Client;
let dangUy: Client;
let admin: Client;

const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const at = (day: string) => clock.set(new Date(`${day}T09:00:00+07:00`));
const DOCUMENTS = ['certificate', 'application', 'personal_history', 'verification', 'sponsor_form', 'residence_comment'];

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.unit({ code: 'KN', name: 'Đảng bộ tỉnh Kết Nạp', kind: 'dang_bo_tinh' });
  xa = await t.unit({ code: 'KN-X', name: 'Đảng bộ xã Quảng Lâm', kind: 'dang_bo_xa', parentId: province });
  cell = await t.unit({ code: 'KN-1', name: 'Chi bộ bản Nà Hẩu', parentId: xa });
  sponsor = await t.member({ unitId: cell, fullName: 'Lò Văn Giới', admittedOn: '2009-03-02', fullMemberOn: '2010-03-02' });
  helper = await t.member({ unitId: cell, fullName: 'Quàng Thị Giúp', admittedOn: '2012-03-02', fullMemberOn: '2013-03-02' });
  probationary = await t.member({ unitId: cell, fullName: 'Lò Văn Mới', admittedOn: '2022-01-10', fullMemberOn: null, status: 'du_bi' });
  const secretaryMember = await t.member({ unitId: cell, fullName: 'Lò Văn Bí Thư', admittedOn: '2005-03-02', fullMemberOn: '2006-03-02' });
  const committeeMember = await t.member({ unitId: cell, fullName: 'Hà Văn Đảng Ủy', admittedOn: '2001-03-02', fullMemberOn: '2002-03-02' });
  await t.user('kn-bi-thu', [{ role: 'secretary', unitId: cell }], secretaryMember);
  await t.user('kn-dang-uy', [{ role: 'committee', unitId: xa }], committeeMember);
  await t.user('kn-admin', [{ role: 'admin', unitId: province }]);
  [biThu, dangUy, admin] = await Promise.all([t.as('kn-bi-thu'), t.as('kn-dang-uy'), t.as('kn-admin')]);
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

const candidate = (id: number) => biThu({ method: 'GET', url: `/api/v1/admissions/candidates/${id}` });
const step = (id: number, payload: Record<string, unknown>) => biThu({ method: 'POST', url: `/api/v1/admissions/candidates/${id}/steps`, payload });

async function newCandidate(fullName: string, dateOfBirth: string, sourceOn = '2022-01-05') {
  return ok(await biThu({ method: 'POST', url: '/api/v1/admissions/candidates', payload: { unitId: cell, fullName, sex: 'nu', dateOfBirth, sourceOn } }), 201)
    .id as number;
}

/** Helper, certificate, application, the whole dossier verified, the sponsor: ready for the cell. */
async function toDossier(id: number, d: { certificate: string; sponsor?: number; knownSince?: string; helperOn?: string }) {
  ok(await step(id, { step: 'helper_assigned', doneOn: d.helperOn ?? '2022-01-10', memberId: helper }));
  ok(await step(id, { step: 'awareness_course', doneOn: d.certificate }));
  ok(await step(id, { step: 'application', doneOn: '2022-04-01' }));
  for (const document of DOCUMENTS) {
    ok(
      await biThu({
        method: 'PUT',
        url: `/api/v1/admissions/candidates/${id}/documents/${document}`,
        payload: { status: 'verified', receivedOn: '2022-04-02', verifiedOn: '2022-04-20' },
      }),
    );
  }
  ok(await step(id, { step: 'dossier', doneOn: '2022-05-02', memberId: d.sponsor ?? sponsor, knownSince: d.knownSince ?? '2019-01-01' }));
}

describe('a candidate from source to full member', () => {
  let id: number;
  let memberId: number;

  it('is identified as a source in a village and followed step by step, in order', async () => {
    // A village is a record of the villages lane's table: an id of none is refused.
    const noVillage = await biThu({
      method: 'POST',
      url: '/api/v1/admissions/candidates',
      payload: { unitId: cell, villageId: 7, fullName: 'Lò Thị Hoa', sex: 'nu', dateOfBirth: '1998-04-10', sourceOn: '2023-01-05' },
    });
    expect(noVillage.statusCode).toBe(400);
    expect(noVillage.json().errors).toEqual([{ path: 'body.villageId', message: 'Không có thôn, bản, tổ dân phố nào với mã này.' }]);
    const village = ok(
      await biThu({
        method: 'POST',
        url: `/api/v1/units/${cell}/villages`,
        payload: { villages: [{ name: 'Bản Nà Hẩu', kind: 'ban', establishedOn: '2015-01-01' }] },
      }),
      201,
    ).villages[0].id as number;
    id = ok(
      await biThu({
        method: 'POST',
        url: '/api/v1/admissions/candidates',
        payload: { unitId: cell, villageId: village, fullName: 'Lò Thị Hoa', sex: 'nu', dateOfBirth: '1998-04-10', sourceOn: '2023-01-05' },
      }),
      201,
    ).id;
    const c = ok(await candidate(id));
    expect(c).toMatchObject({ stage: 'source', villageId: village, nextSteps: ['helper_assigned'], memberId: null });
    // Out of order: the decision before anything else.
    const early = await step(id, { step: 'decision', doneOn: '2023-02-01', decisionNumber: '1-QĐ/ĐU' });
    expect(early.statusCode).toBe(409);
    expect(early.json().title).toContain('hãy ghi các bước theo thứ tự');
    ok(await step(id, { step: 'helper_assigned', doneOn: '2023-01-10', memberId: helper }));
    // A date before the step before it is refused.
    const back = await step(id, { step: 'awareness_course', doneOn: '2023-01-09' });
    expect(back.statusCode).toBe(422);
    expect(back.json().title).toContain('10/01/2023');
    ok(await step(id, { step: 'awareness_course', doneOn: '2023-03-15' }));
    const withCertificate = ok(await step(id, { step: 'application', doneOn: '2023-04-01' }));
    // The certificate counts 60 months (our reading): it expires on 15/03/2028.
    expect(withCertificate.deadlines.certificateExpiresOn).toBe('2028-03-15');
    expect(withCertificate.next).toMatchObject({ kind: 'certificate_expires_on', dueOn: '2028-03-15' });
  });

  it('needs every document of the dossier verified, and the sponsor', async () => {
    const incomplete = await step(id, { step: 'dossier', doneOn: '2023-05-10', memberId: sponsor, knownSince: '2021-01-01' });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().title).toBe('Hồ sơ chưa đủ: còn 6 giấy tờ chưa được thẩm tra.');
    expect(incomplete.json().errors.map((e: { message: string }) => e.message)).toContain('Giấy giới thiệu của đảng viên chính thức (mẫu 3-KNĐ)');
    for (const document of DOCUMENTS) {
      ok(
        await biThu({
          method: 'PUT',
          url: `/api/v1/admissions/candidates/${id}/documents/${document}`,
          payload: { status: 'received', receivedOn: '2023-04-05' },
        }),
      );
    }
    const checklist = ok(
      await biThu({
        method: 'PUT',
        url: `/api/v1/admissions/candidates/${id}/documents/verification`,
        payload: { status: 'verified', receivedOn: '2023-04-05', verifiedOn: '2023-04-28' },
      }),
    );
    expect(checklist.documents.filter((d: { status: string }) => d.status === 'verified').map((d: { document: string }) => d.document)).toEqual([
      'verification',
    ]);
    expect(checklist.documents.find((d: { document: string }) => d.document === 'union_resolution')).toMatchObject({ required: false, status: 'missing' });
    expect((await step(id, { step: 'dossier', doneOn: '2023-05-10', memberId: sponsor, knownSince: '2021-01-01' })).statusCode).toBe(422);
    for (const document of DOCUMENTS) {
      ok(
        await biThu({
          method: 'PUT',
          url: `/api/v1/admissions/candidates/${id}/documents/${document}`,
          payload: { status: 'verified', receivedOn: '2023-04-05', verifiedOn: '2023-04-28' },
        }),
      );
    }
    const noSponsor = await step(id, { step: 'dossier', doneOn: '2023-05-10' });
    expect(noSponsor.statusCode).toBe(400);
    ok(await step(id, { step: 'dossier', doneOn: '2023-05-10', memberId: sponsor, knownSince: '2021-01-01' }));
  });

  it('is considered by the cell with two thirds of its full members, then decided above', async () => {
    const few = await step(id, { step: 'cell_resolution', doneOn: '2023-05-20', votesFor: 3, fullMembers: 6 });
    expect(few.statusCode).toBe(422);
    expect(few.json().title).toBe('Cần ít nhất hai phần ba số đảng viên chính thức của chi bộ đồng ý: mới có 3 trên 6 đồng chí.');
    ok(await step(id, { step: 'cell_resolution', doneOn: '2023-05-20', votesFor: 5, fullMembers: 6 }));
    ok(await step(id, { step: 'committee_resolution', doneOn: '2023-06-01', decisionNumber: '12-NQ/ĐU' }));
    const decided = ok(await step(id, { step: 'decision', doneOn: '2023-06-15', decisionNumber: '123-QĐ/HU' }));
    // Thursday 15/6/2023 + 30 working days (no holiday until 2/9): Thursday 27/7/2023.
    expect(decided.deadlines.ceremonyBy).toBe('2023-07-27');
    expect(decided.next).toMatchObject({ kind: 'ceremony_by', dueOn: '2023-07-27' });
    expect(decided.stage).toBe('decision');
  });

  it('shows the running ceremony deadline on the cell’s and the commune’s home pages, overdue once past', async () => {
    at('2023-07-01');
    const home = ok(await biThu({ method: 'GET', url: '/api/v1/home' }));
    expect(home.admissions.items).toEqual([
      {
        candidateId: id,
        fullName: 'Lò Thị Hoa',
        unitId: cell,
        unitName: 'Chi bộ bản Nà Hẩu',
        stage: 'decision',
        kind: 'ceremony_by',
        dueOn: '2023-07-27',
        overdue: false,
      },
    ]);
    at('2023-07-28');
    const late = ok(await dangUy({ method: 'GET', url: '/api/v1/home' }));
    expect(late.admissions.items[0]).toMatchObject({ candidateId: id, kind: 'ceremony_by', overdue: true, unitName: 'Chi bộ bản Nà Hẩu' });
    clock.reset();
  });

  it('reminds the secretary 10 days before, and the commune’s committee too once overdue, once each (pg-boss job)', async () => {
    const notices = async (who: Client) =>
      (ok(await who({ method: 'GET', url: '/api/v1/me/notices' })).items as { title: string; body: string; link: string | null }[]).filter((n) =>
        n.title.includes('Lò Thị Hoa'),
      );
    expect(await sendAdmissionReminders(t.database.db, '2023-07-01')).toBe(0);
    expect(await sendAdmissionReminders(t.database.db, '2023-07-17')).toBe(1);
    expect(await sendAdmissionReminders(t.database.db, '2023-07-18')).toBe(0);
    const soon = await notices(biThu);
    expect(soon).toEqual(
      [
        {
          title: 'Sắp đến hạn: lễ kết nạp Lò Thị Hoa',
          body: 'Lễ kết nạp đảng viên cho Lò Thị Hoa (Chi bộ bản Nà Hẩu) phải tổ chức chậm nhất ngày 27/07/2023 (30 ngày làm việc kể từ ngày có quyết định).',
          link: `/admissions/${id}`,
        },
      ].map((n) => expect.objectContaining(n)),
    );
    expect(await notices(dangUy)).toEqual([]);
    // Overdue: the secretary and, up the tree, the commune's committee member.
    expect(await sendAdmissionReminders(t.database.db, '2023-07-28')).toBe(2);
    expect((await notices(dangUy)).map((n) => n.title)).toEqual(['Quá hạn: lễ kết nạp Lò Thị Hoa']);
  });

  it('becomes a probationary member of the cell at the ceremony, admitted on the decision’s date', async () => {
    const admitted = ok(await step(id, { step: 'ceremony', doneOn: '2023-07-20' }));
    expect(admitted.stage).toBe('probation');
    memberId = admitted.memberId;
    // Probation ends 20/7/2024 (a Saturday); 30 working days after it: Friday 30/8/2024.
    expect(admitted.deadlines).toMatchObject({ ceremonyBy: '2023-07-27', probationEndsOn: '2024-07-20', considerationBy: '2024-08-30' });
    const member = ok(await biThu({ method: 'GET', url: `/api/v1/members/${memberId}` }));
    expect(member).toMatchObject({ fullName: 'Lò Thị Hoa', status: 'du_bi', unitId: cell, admittedOn: '2023-06-15', fullMemberOn: null });
    // She lives in her village as a member from the ceremony: the white-village figure follows.
    const residence = ok(await biThu({ method: 'GET', url: `/api/v1/members/${memberId}/residence` }));
    expect(residence.history.map((h: { villageName: string; validFrom: string; validTo: string | null }) => [h.villageName, h.validFrom, h.validTo])).toEqual([
      ['Bản Nà Hẩu', '2023-07-20', null],
    ]);
    // Recognition is the pipeline's step: the member record's status route refuses it.
    const bypass = await biThu({
      method: 'POST',
      url: `/api/v1/members/${memberId}/status`,
      payload: { status: 'chinh_thuc', effectiveOn: '2024-08-05', decisionNumber: '45-QĐ/ĐU' },
    });
    expect(bypass.statusCode).toBe(409);
    expect(bypass.json().title).toContain('hãy công nhận đảng viên chính thức ở trang Phát triển đảng viên');
    at('2024-07-01');
    const home = ok(await biThu({ method: 'GET', url: '/api/v1/home' }));
    expect(home.admissions.items[0]).toMatchObject({ candidateId: id, kind: 'probation_ends_on', dueOn: '2024-07-20', overdue: false });
    at('2024-08-01');
    const after = ok(await biThu({ method: 'GET', url: '/api/v1/home' }));
    expect(after.admissions.items[0]).toMatchObject({ candidateId: id, kind: 'consideration_by', dueOn: '2024-08-30', overdue: false });
    clock.reset();
  });

  it('is recognised a full member after 12 months of probation, with party age from the decision', async () => {
    const early = await step(id, { step: 'recognised', doneOn: '2024-07-10', decisionNumber: '45-QĐ/ĐU', votesFor: 6, fullMembers: 7 });
    expect(early.statusCode).toBe(422);
    expect(early.json().title).toBe('Chưa hết thời kỳ dự bị: chi bộ xét công nhận đảng viên chính thức từ ngày 20/07/2024.');
    at('2026-06-20');
    const full = ok(await step(id, { step: 'recognised', doneOn: '2024-08-05', decisionNumber: '45-QĐ/ĐU', votesFor: 6, fullMembers: 7 }));
    expect(full).toMatchObject({ stage: 'recognised', nextSteps: [], running: [], partyAgeMonths: 36 });
    clock.reset();
    const member = ok(await biThu({ method: 'GET', url: `/api/v1/members/${memberId}` }));
    expect(member).toMatchObject({ status: 'chinh_thuc', fullMemberOn: '2024-08-05', admittedOn: '2023-06-15' });
    // Every step dated, with who recorded it, and audited.
    expect(full.steps.map((s: { step: string; doneOn: string }) => `${s.step} ${s.doneOn}`)).toEqual([
      'source 2023-01-05',
      'helper_assigned 2023-01-10',
      'awareness_course 2023-03-15',
      'application 2023-04-01',
      'dossier 2023-05-10',
      'cell_resolution 2023-05-20',
      'committee_resolution 2023-06-01',
      'decision 2023-06-15',
      'ceremony 2023-07-20',
      'recognised 2024-08-05',
    ]);
    expect(full.steps.every((s: { recordedBy: string }) => s.recordedBy === 'kn-bi-thu')).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'admission_candidate')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.filter((a) => a.action === 'admission.step.record')).toHaveLength(9);
  });

  it('counts them in the figures: admitted in 2023, by stage on a date, and the year’s progress', async () => {
    const y2023 = ok(await dangUy({ method: 'GET', url: `/api/v1/figures/units/${xa}/admissions?from=2023-01-01&to=2023-12-31` }));
    expect(y2023).toMatchObject({ admitted: 1, byStage: { probation: 1 } });
    const spring = ok(await dangUy({ method: 'GET', url: `/api/v1/figures/units/${xa}/admissions?from=2023-01-01&to=2023-04-10` }));
    expect(spring).toMatchObject({ admitted: 0, inAwarenessCourse: 0, byStage: { application: 1 } });
    const march = ok(await dangUy({ method: 'GET', url: `/api/v1/figures/units/${xa}/admissions?from=2023-01-01&to=2023-03-20` }));
    expect(march.inAwarenessCourse).toBe(1);
    const [progress] = await admissionProgress(t.database.db, [xa], 2024, '2026-06-01');
    expect(progress).toMatchObject({ unitId: xa, year: 2024, admitted: 0, byStage: { recognised: 1 } });
  });
});

describe('the checks when the cell considers the case', () => {
  const consider = (id: number, doneOn = '2022-05-20') => step(id, { step: 'cell_resolution', doneOn, votesFor: 5, fullMembers: 6 });
  const messages = (res: LightMyRequestResponse) => res.json().errors.map((e: { message: string }) => e.message);

  it('refuses someone 60 years and 1 month old, counted in months; 60 years and some days pass', async () => {
    const old = await newCandidate('Vì Văn Già', '1962-04-10');
    await toDossier(old, { certificate: '2022-03-01' });
    const res = await consider(old);
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toBe('Chưa đủ điều kiện để chi bộ xét kết nạp (1 điều kiện chưa đạt).');
    expect(messages(res)).toEqual(['Người vào Đảng không quá 60 tuổi (tính theo tháng) khi chi bộ xét kết nạp; ngày 20/05/2022 người này đã 60 tuổi 1 tháng.']);
    const justSixty = await newCandidate('Vì Văn Vừa', '1962-05-15');
    await toDossier(justSixty, { certificate: '2022-03-01' });
    expect(ok(await consider(justSixty)).stage).toBe('cell_resolution');
  });

  it('refuses a sponsor who is not a full member, or has known the candidate less than 12 months', async () => {
    const a = await newCandidate('Lường Thị Một', '2000-01-01');
    await toDossier(a, { certificate: '2022-03-01', sponsor: probationary, knownSince: '2021-10-01' });
    expect(messages(await consider(a))).toEqual([
      'Người giới thiệu phải là đảng viên chính thức vào ngày chi bộ xét kết nạp (20/05/2022).',
      'Người giới thiệu phải cùng công tác, học tập hoặc cư trú với người vào Đảng ít nhất 12 tháng; đến ngày 20/05/2022 mới được 7 tháng.',
    ]);
  });

  it('refuses an expired certificate', async () => {
    const b = await newCandidate('Lường Văn Hai', '1990-01-01', '2015-06-01');
    await toDossier(b, { certificate: '2016-01-10', helperOn: '2015-07-01' });
    expect(messages(await consider(b))).toEqual([
      'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng cấp ngày 10/01/2016 đã hết giá trị từ ngày 10/01/2021 (giá trị 60 tháng).',
    ]);
  });
});

describe('corrections, the calendar, access', () => {
  it('corrects a step with a reason, keeping what it replaced', async () => {
    const id = await newCandidate('Cầm Thị Sửa', '1995-02-02');
    ok(await step(id, { step: 'helper_assigned', doneOn: '2022-01-10', memberId: helper }));
    const first = ok(await step(id, { step: 'awareness_course', doneOn: '2022-03-01' }));
    const stepId = first.steps.find((s: { step: string }) => s.step === 'awareness_course').id;
    const noReason = await biThu({ method: 'POST', url: `/api/v1/admissions/candidates/${id}/steps/${stepId}/correction`, payload: { doneOn: '2022-03-11' } });
    expect(noReason.statusCode).toBe(400);
    const fixed = ok(
      await biThu({
        method: 'POST',
        url: `/api/v1/admissions/candidates/${id}/steps/${stepId}/correction`,
        payload: { doneOn: '2022-03-11', reason: 'Ghi nhầm ngày cấp giấy chứng nhận' },
      }),
    );
    const course = fixed.steps.filter((s: { step: string }) => s.step === 'awareness_course');
    expect(course.map((s: { doneOn: string; superseded: boolean }) => [s.doneOn, s.superseded])).toEqual([
      ['2022-03-01', true],
      ['2022-03-11', false],
    ]);
    expect(course[1]).toMatchObject({ correctsStepId: stepId, correctionReason: 'Ghi nhầm ngày cấp giấy chứng nhận' });
    expect(fixed.deadlines.certificateExpiresOn).toBe('2027-03-11');
  });

  it('refuses a field the step does not record, on a new step and on a correction, and stores nothing', async () => {
    const id = await newCandidate('Cầm Văn Thừa', '1996-04-04');
    const source = ok(await candidate(id)).steps.find((s: { step: string }) => s.step === 'source');
    const votesOnSource = await biThu({
      method: 'POST',
      url: `/api/v1/admissions/candidates/${id}/steps/${source.id}/correction`,
      payload: { doneOn: '2022-01-06', votesFor: 9998, fullMembers: 9, memberId: 1021747502, reason: 'Ghi nhầm' },
    });
    expect(votesOnSource.statusCode).toBe(400);
    expect(votesOnSource.headers['content-type']).toContain('application/problem+json');
    expect(votesOnSource.json().errors.map((e: { path: string; message: string }) => [e.path, e.message])).toEqual([
      ['body.memberId', 'Bước «Xác định nguồn phát triển đảng» không ghi mục này; hãy bỏ trống.'],
      ['body.votesFor', 'Bước «Xác định nguồn phát triển đảng» không ghi mục này; hãy bỏ trống.'],
      ['body.fullMembers', 'Bước «Xác định nguồn phát triển đảng» không ghi mục này; hãy bỏ trống.'],
    ]);
    const votesOnHelper = await step(id, { step: 'helper_assigned', doneOn: '2022-01-10', memberId: helper, votesFor: 3 });
    expect(votesOnHelper.statusCode).toBe(400);
    expect(votesOnHelper.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.votesFor']);
    const after = ok(await candidate(id));
    expect(after.steps.map((s: { step: string; doneOn: string }) => [s.step, s.doneOn])).toEqual([['source', '2022-01-05']]);
  });

  it('keeps what a corrected step recorded when only its date is corrected', async () => {
    const id = await newCandidate('Cầm Văn Giữ', '1996-05-05');
    const recorded = ok(await step(id, { step: 'helper_assigned', doneOn: '2022-01-10', memberId: helper }));
    const stepId = recorded.steps.find((s: { step: string }) => s.step === 'helper_assigned').id;
    const fixed = ok(
      await biThu({
        method: 'POST',
        url: `/api/v1/admissions/candidates/${id}/steps/${stepId}/correction`,
        payload: { doneOn: '2022-01-12', reason: 'Ghi nhầm ngày phân công' },
      }),
    );
    const inForce = fixed.steps.find((s: { step: string; superseded: boolean }) => s.step === 'helper_assigned' && !s.superseded);
    expect(inForce).toMatchObject({ doneOn: '2022-01-12', member: { id: helper }, correctionReason: 'Ghi nhầm ngày phân công' });
  });

  it('lets an admin of the whole tree add a day off, which moves the deadlines', async () => {
    const refused = await biThu({ method: 'POST', url: '/api/v1/calendar-days', payload: { day: '2023-07-03', kind: 'day_off', note: 'Nghỉ bù' } });
    expect(refused.statusCode).toBe(403);
    const year = ok(
      await admin({ method: 'POST', url: '/api/v1/calendar-days', payload: { day: '2023-07-03', kind: 'day_off', note: 'Nghỉ theo quyết định của tỉnh' } }),
    );
    expect(year.added).toEqual([{ day: '2023-07-03', kind: 'day_off', note: 'Nghỉ theo quyết định của tỉnh' }]);
    // Tết 2023 (Quý Mão) from the lunar calendar: 22/1/2023 is mùng 1.
    expect(year.holidays).toContainEqual({ date: '2023-01-22', key: 'tet', compensating: false, name: 'Tết Nguyên đán' });
    const list = ok(await biThu({ method: 'GET', url: `/api/v1/admissions/candidates?unitId=${cell}&stage=all` }));
    const hoa = list.items.find((c: { fullName: string }) => c.fullName === 'Lò Thị Hoa');
    const detail = ok(await candidate(hoa.id));
    expect(detail.deadlines.ceremonyBy).toBe('2023-07-28');
    ok(await admin({ method: 'DELETE', url: '/api/v1/calendar-days/2023-07-03' }));
    expect(ok(await candidate(hoa.id)).deadlines.ceremonyBy).toBe('2023-07-27');
  });

  it('a committee member reads the candidates but may not move them; another commune does not see them', async () => {
    const list = ok(await dangUy({ method: 'GET', url: `/api/v1/admissions/candidates?unitId=${xa}` }));
    expect(list.items.length).toBeGreaterThan(0);
    const refused = await dangUy({
      method: 'POST',
      url: `/api/v1/admissions/candidates/${list.items[0].id}/steps`,
      payload: { step: 'application', doneOn: '2022-04-01' },
    });
    expect(refused.statusCode).toBe(403);
    const other = await t.unit({ code: 'KN-Y', name: 'Đảng bộ xã Khác', kind: 'dang_bo_xa' });
    await t.user('kn-khac', [{ role: 'secretary', unitId: other }]);
    const outsider = await t.as('kn-khac');
    expect((await outsider({ method: 'GET', url: `/api/v1/admissions/candidates/${list.items[0].id}` })).statusCode).toBe(404);
  });
});

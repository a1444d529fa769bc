// Bad input on the member endpoints is the caller's mistake, never the server's: each
// answers 400 (413 for an oversized body) as problem+json with a Vietnamese title and
// per-field errors, English with Accept-Language: en, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let as: Client;
let cell: number;
let memberId: number;

const valid = () => ({ fullName: 'Nguyễn Văn Hợp', sex: 'nam', dateOfBirth: '1990-04-30', unitId: cell, status: 'du_bi', joinedUnitOn: '2024-01-15' });
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  as({ method: 'POST', url: '/api/v1/members', payload: payload as string, headers: { 'content-type': 'application/json', ...headers } });

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): { title: string; status: number } },
  status: number,
  title: string,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status, title });
}
const fieldErrors = (res: { json(): { errors?: { path: string; message: string }[] } }) => res.json().errors ?? [];
const paths = (res: { json(): { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);

beforeAll(async () => {
  t = await createTestApp();
  cell = await t.unit({ code: 'BT', name: 'Chi bộ Bến Tre' });
  memberId = await t.member({ fullName: 'Trần Thị Lan', unitId: cell });
  await t.user('bithu', [{ role: 'secretary', unitId: cell }]);
  as = await t.as('bithu');
});
afterAll(() => t.close());

describe('bodies that are not what the API expects', () => {
  it('wrong types: each field is named, in Vietnamese', async () => {
    const res = await post({ ...valid(), fullName: 123, sex: 'male', unitId: String(cell), dateOfBirth: 19900430, status: true });
    expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
    expect(paths(res).sort()).toEqual(['body.dateOfBirth', 'body.fullName', 'body.sex', 'body.status', 'body.unitId']);
    expect(res.json().detail).toBe('Có 5 trường không hợp lệ; xem danh sách lỗi.');
    // Said in plain Vietnamese: what was expected and what came, no zod type names.
    const message = (path: string) => res.json().errors.find((e: { path: string }) => e.path === path)?.message;
    expect(message('body.fullName')).toBe('Phải là văn bản, không phải số nguyên.');
    expect(message('body.unitId')).toBe('Phải là số, không phải văn bản.');
    expect(message('body.sex')).toBe('Giá trị không hợp lệ: phải là một trong "nam", "nu".');
    for (const e of res.json().errors) expect(e.message).not.toMatch(/undefined|string|boolean|mong đợi/);
  });

  it('a missing field is called missing; an unknown field is named', async () => {
    const { fullName: _, ...rest } = valid();
    const res = await post({ ...rest, hobby: 'câu cá' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'body.fullName', message: 'Chưa nhập: trường này là bắt buộc.' },
        { path: 'body', message: 'Có trường không được phép gửi: "hobby".' },
      ]),
    );
  });

  it('a name over 1 MB is refused as too large (413), a 100 kB name as too long (400)', async () => {
    expectProblem(await post({ ...valid(), fullName: 'A'.repeat(1_100_000) }), 413, 'Nội dung gửi lên quá lớn.');
    const long = await post({ ...valid(), fullName: 'Nguyễn '.repeat(15_000) });
    expectProblem(long, 400, 'Dữ liệu gửi lên không hợp lệ.');
    expect(paths(long)).toEqual(['body.fullName']);
  });

  it('unknown fields are refused, not ignored', async () => {
    const res = await post({ ...valid(), isAdmin: true, unit_id: 1 });
    expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
    expect(JSON.stringify(res.json().errors)).toContain('isAdmin');
    const patch = await as({ method: 'PATCH', url: `/api/v1/members/${memberId}`, payload: { status: 'khai_tru' } });
    expectProblem(patch, 400, 'Dữ liệu gửi lên không hợp lệ.');
  });

  it('malformed JSON, an empty body, an array, a __proto__ key', async () => {
    expectProblem(await post('{"fullName": "Nguyễn'), 400, 'Nội dung gửi lên không phải JSON hợp lệ.');
    expectProblem(await post(''), 400, 'Nội dung gửi lên không phải JSON hợp lệ.');
    expectProblem(await post('[]'), 400, 'Dữ liệu gửi lên không hợp lệ.');
    expect((await post('{"__proto__": {"isAdmin": true}}')).statusCode).toBe(400);
  });

  it('impossible and badly formatted dates', async () => {
    for (const date of ['2025-02-30', '30/02/2025', '2025-13-01', '0000-01-01', '1850-01-01', '2999-01-01', '']) {
      const res = await post({ ...valid(), dateOfBirth: date });
      expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
      expect(paths(res), date).toEqual(['body.dateOfBirth']);
    }
    expect(fieldErrors(await post({ ...valid(), dateOfBirth: '30/02/2025' }))[0]!.message).toBe(
      'Ngày không có thật hoặc sai định dạng (năm-tháng-ngày, ví dụ 2025-02-28).',
    );
    const status = await as({
      method: 'POST',
      url: `/api/v1/members/${memberId}/status`,
      payload: { status: 'xoa_ten', effectiveOn: '2025-02-30', decisionNumber: '1' },
    });
    expect(paths(status)).toEqual(['body.effectiveOn']);
    const admitted = await post({ ...valid(), admittedOn: '1929-12-31' });
    expect(fieldErrors(admitted)[0]!.message).toBe('Ngày phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay.');
  });

  it('citizen IDs that are not 12 digits with a province code', async () => {
    for (const citizenId of ['12345678901', '0250850012345', '02508500123a', '999085001234', '000085001234', 123456789012]) {
      const res = await post({ ...valid(), citizenId });
      expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
      expect(paths(res)).toEqual(['body.citizenId']);
    }
    expect(fieldErrors(await post({ ...valid(), citizenId: '1234' }))[0]!.message).toBe('Số căn cước phải gồm đúng 12 chữ số, bắt đầu bằng mã tỉnh (001–096).');
  });

  it('control characters (NUL) that the database could not store', async () => {
    const res = await post({ ...valid(), fullName: 'Nguyễn\u0000Văn' });
    expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
    const note = await as({
      method: 'POST',
      url: `/api/v1/members/${memberId}/status`,
      payload: { status: 'xoa_ten', effectiveOn: '2025-02-01', decisionNumber: '1', note: 'a\u0000b' },
    });
    expect(note.statusCode).toBe(400);
    expect((await as({ method: 'GET', url: '/api/v1/members?q=%00' })).statusCode).toBe(400);
  });

  it('names: characters that show nothing or turn the text around are taken out; a name left with no letter is refused (found by an outside probe)', async () => {
    for (const [fullName, message] of [
      ['\u200b\u200b', 'Cần ít nhất 1 ký tự.'],
      ['- . -', 'Tên cần có ít nhất một chữ cái hoặc chữ số.'],
      ['Trần\nThị Lan', 'Có ký tự điều khiển không được phép (ví dụ ký tự xuống dòng trong tên).'],
    ] as const) {
      const created = await post({ ...valid(), fullName });
      expect(created.statusCode, fullName).toBe(400);
      expect(fieldErrors(created), fullName).toEqual([{ path: 'body.fullName', message }]);
      const patched = await as({ method: 'PATCH', url: `/api/v1/members/${memberId}`, payload: { fullName } });
      expect(patched.statusCode, fullName).toBe(400);
    }
    await t.user('tochuc', [{ role: 'org_officer', unitId: cell }]);
    const rename = await (await t.as('tochuc'))({
      method: 'POST',
      url: `/api/v1/units/${cell}/rename`,
      payload: { name: '\u200b', effectiveOn: '2025-06-01', decisionNumber: '12-QĐ/ĐU' },
    });
    expect(rename.statusCode).toBe(400);
    expect(paths(rename)).toEqual(['body.name']);
    // Pasted with a zero-width space, a text-direction mark and combining accents: stored clean and composed.
    for (const typed of ['Trần Thị\u200b Lan\u202e', '\ufeffTrần Thị Lan'.normalize('NFD')]) {
      const saved = await as({ method: 'PATCH', url: `/api/v1/members/${memberId}`, payload: { fullName: typed } });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().fullName).toBe('Trần Thị Lan');
    }
  });

  it('numbers out of range in a body', async () => {
    expect(paths(await post({ ...valid(), unitId: 99999999999 }))).toEqual(['body.unitId']);
    expect(paths(await post({ ...valid(), unitId: -1 }))).toEqual(['body.unitId']);
    expect(paths(await post('{"fullName":"A B","sex":"nam","dateOfBirth":"1990-04-30","unitId":1e400,"status":"du_bi","joinedUnitOn":"2024-01-15"}'))).toEqual([
      'body.unitId',
    ]);
  });
});

describe('ids in the URL', () => {
  it.each(['abc', '-1', '0', '1.5', '1e3', '99999999999', '%20'])('/members/%s answers 400, not 404 or 500', async (id) => {
    for (const [method, suffix, payload] of [
      ['GET', '', undefined],
      ['GET', '/history', undefined],
      ['PATCH', '', { phone: '0912345678' }],
      ['POST', '/status', { status: 'xoa_ten', effectiveOn: '2025-01-01', decisionNumber: '1' }],
    ] as const) {
      const res = await as({ method, url: `/api/v1/members/${id}${suffix}`, ...(payload ? { payload } : {}) });
      expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
      expect(paths(res)).toEqual(['params.id']);
    }
  });
});

describe('query strings', () => {
  it.each([
    ['page=abc', 'querystring.page'],
    ['page=0', 'querystring.page'],
    ['pageSize=100000', 'querystring.pageSize'],
    ['ageFrom=-1', 'querystring.ageFrom'],
    ['ageTo=1000', 'querystring.ageTo'],
    ['ageFrom=80&ageTo=20', 'querystring.ageTo'],
    ['status=bogus', 'querystring.status.0'],
    ['sex=x', 'querystring.sex'],
    ['theoryLevel=tien_si', 'querystring.theoryLevel'],
    ['unitId=abc', 'querystring.unitId'],
    [`q=${'a'.repeat(300)}`, 'querystring.q'],
    ['color=red', 'querystring'],
  ])('GET /members?%s answers 400', async (query, path) => {
    const res = await as({ method: 'GET', url: `/api/v1/members?${query}` });
    expectProblem(res, 400, 'Dữ liệu gửi lên không hợp lệ.');
    expect(paths(res)[0]).toBe(path);
    const exported = await as({ method: 'GET', url: `/api/v1/members/export.xlsx?${query}` });
    // The export takes the same filters (no paging).
    if (!query.startsWith('page')) expectProblem(exported, 400, 'Dữ liệu gửi lên không hợp lệ.');
  });
});

describe('in English when asked', () => {
  const en = { 'accept-language': 'en-GB,en;q=0.9' };
  it('titles and field messages', async () => {
    expectProblem(await post({ ...valid(), citizenId: '1234' }, en), 400, 'The data sent is not valid.');
    expect(fieldErrors(await post({ ...valid(), citizenId: '1234' }, en))[0]!.message).toBe(
      'A citizen ID has exactly 12 digits, starting with a province code (001–096).',
    );
    expectProblem(await post('{', en), 400, 'The body is not valid JSON.');
    expectProblem(await post({ ...valid(), fullName: 'A'.repeat(1_100_000) }, en), 413, 'The body is too large.');
    expectProblem(await as({ method: 'GET', url: '/api/v1/members/abc', headers: en }), 400, 'The data sent is not valid.');
    expectProblem(await as({ method: 'GET', url: '/api/v1/members/2000000000', headers: en }), 404, 'The party member was not found.');
  });
});

describe('nothing was written', () => {
  it('still only the one member, and no audit rows for refused writes', async () => {
    const { count } = await t.database.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1);
    const writes = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['member.update', 'member.status', 'member.create'])
      .where('actor_user_id', 'is not', null)
      .execute();
    expect(writes).toEqual([]);
  });
});

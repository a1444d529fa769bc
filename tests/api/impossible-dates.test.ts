// A day that does not exist (31/02/2025) is refused by the server with a Vietnamese message
// on the field, and nothing is saved: the plan is not created, the date of birth stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

const MESSAGE = 'Ngày không có thật hoặc sai định dạng (năm-tháng-ngày, ví dụ 2025-02-28).';
let t: TestApp;
let secretary: Client;
let cell: number;
let member: number;

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'XA', name: 'Đảng bộ xã Thử', kind: 'dang_bo_xa' });
  cell = await t.unit({ code: 'XA-1', name: 'Chi bộ thôn Một', parentId: commune });
  member = await t.member({ fullName: 'Trần Văn Hai', unitId: cell, dateOfBirth: '1970-05-06', admittedOn: '1995-01-01', fullMemberOn: '1996-01-01' });
  await t.user('bithu', [{ role: 'secretary', unitId: cell }]);
  secretary = await t.as('bithu');
});
afterAll(() => t.close());

describe('a day that does not exist', () => {
  it('is refused in a meeting plan, and no meeting is planned', async () => {
    const res = await secretary({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: cell,
        kind: 'regular',
        date: '2025-02-31',
        startTime: '19:00',
        endTime: '21:00',
        place: 'Nhà văn hóa',
        topic: 'Sinh hoạt chi bộ thường kỳ tháng 2',
        focalIssues: ['Một', 'Hai'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.date', message: MESSAGE }]);
    expect((await secretary({ method: 'GET', url: `/api/v1/meetings?unitId=${cell}` })).json().items).toEqual([]);
  });

  it('is refused as a date of birth, and the date of birth stays', async () => {
    const res = await secretary({ method: 'PATCH', url: `/api/v1/members/${member}`, payload: { dateOfBirth: '2025-02-31' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.dateOfBirth', message: MESSAGE }]);
    expect((await secretary({ method: 'GET', url: `/api/v1/members/${member}` })).json().dateOfBirth).toBe('1970-05-06');
  });
});

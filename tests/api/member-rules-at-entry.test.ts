// The Charter's rules at the moment a member is entered: 18 at admission, probationary
// until recognised after 12 months, the status following the dates; names kept in NFC.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let secretary: Client;
let cell: number;
let card = 880000;

const person = (over: Record<string, unknown> = {}) => ({
  fullName: 'Hà Văn Sơn',
  sex: 'nam',
  dateOfBirth: '1990-04-02',
  unitId: cell,
  joinedUnitOn: '2024-03-10',
  admittedOn: '2024-03-10',
  partyCardNumber: `93${++card}`,
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa' });
  cell = await t.unit({ code: 'BB-1', name: 'Chi bộ thôn 1', parentId: commune });
  await t.user('bithu', [{ role: 'secretary', unitId: cell }]);
  secretary = await t.as('bithu');
});
afterAll(() => t.close());

describe('a new member', () => {
  it('without a date of full membership is probationary, whatever the form defaulted to before', async () => {
    const res = await secretary({ method: 'POST', url: '/api/v1/members', payload: person() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'du_bi', fullMemberOn: null });
  });

  it('with a date of full membership in the past is a full member', async () => {
    const res = await secretary({
      method: 'POST',
      url: '/api/v1/members',
      payload: person({ admittedOn: '2010-05-19', fullMemberOn: '2011-05-19', joinedUnitOn: '2015-01-01' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'chinh_thuc', fullMemberOn: '2011-05-19' });
  });

  it('refuses "chính thức" without a date of full membership, saying the status follows the dates', async () => {
    const res = await secretary({ method: 'POST', url: '/api/v1/members', payload: person({ status: 'chinh_thuc' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.status', message: expect.stringContaining('Trạng thái đi theo ngày chính thức') }]);
  });

  it('refuses a 6-year-old, naming the earliest admission date', async () => {
    const res = await secretary({
      method: 'POST',
      url: '/api/v1/members',
      payload: person({ dateOfBirth: '2018-01-05', admittedOn: '2024-03-10', joinedUnitOn: '2024-03-10' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.admittedOn', message: 'Người vào Đảng phải đủ 18 tuổi: với ngày sinh này, ngày vào Đảng sớm nhất là 05/01/2036.' },
    ]);
    const count = await t.database.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date_of_birth', '=', '2018-01-05')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses full membership one month after admission, naming the earliest date', async () => {
    const res = await secretary({ method: 'POST', url: '/api/v1/members', payload: person({ admittedOn: '2024-03-10', fullMemberOn: '2024-04-10' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.fullMemberOn', message: 'Thời gian dự bị là 12 tháng: ngày chính thức sớm nhất là 10/03/2025.' }]);
  });
});

describe('recognition as a full member', () => {
  it('is refused before 12 months of probation with the earliest date, and accepted on it', async () => {
    const created = await secretary({ method: 'POST', url: '/api/v1/members', payload: person({ fullName: 'Lò Thị Mai', sex: 'nu' }) });
    const id = created.json().id as number;
    const early = await secretary({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'chinh_thuc', effectiveOn: '2024-04-10', decisionNumber: '12-QĐ/ĐU' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([{ path: 'body.effectiveOn', message: 'Thời gian dự bị là 12 tháng: ngày chính thức sớm nhất là 10/03/2025.' }]);
    const onTime = await secretary({
      method: 'POST',
      url: `/api/v1/members/${id}/status`,
      payload: { status: 'chinh_thuc', effectiveOn: '2025-03-10', decisionNumber: '12-QĐ/ĐU' },
    });
    expect(onTime.statusCode).toBe(200);
    expect(onTime.json()).toMatchObject({ status: 'chinh_thuc', fullMemberOn: '2025-03-10' });
  });
});

describe('names in Unicode NFC', () => {
  const nfd = 'Nguyễn Thị Hường'.normalize('NFD');

  it('stores a name typed with combining marks in its precomposed form, found by either spelling', async () => {
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    const res = await secretary({
      method: 'POST',
      url: '/api/v1/members',
      payload: person({ fullName: nfd, sex: 'nu', hometown: 'Xã Yên Lập'.normalize('NFD') }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().fullName).toBe('Nguyễn Thị Hường'.normalize('NFC'));
    const row = await t.database.db.selectFrom('members').select(['full_name', 'hometown']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.full_name).toBe('Nguyễn Thị Hường'.normalize('NFC'));
    expect(row.hometown).toBe('Xã Yên Lập'.normalize('NFC'));
    const found = await secretary({ method: 'GET', url: `/api/v1/members?q=${encodeURIComponent('Hường'.normalize('NFC'))}` });
    expect(found.json().items.map((m: { fullName: string }) => m.fullName)).toContain('Nguyễn Thị Hường'.normalize('NFC'));
  });

  it('the migration turns rows stored in NFD before the fix into NFC', async () => {
    const id = await t.member({ fullName: 'Đỗ Văn Tuấn', unitId: cell });
    await t.database.db
      .updateTable('members')
      .set({ full_name: 'Đỗ Văn Tuấn'.normalize('NFD'), hometown: 'Thôn Đồng'.normalize('NFD') })
      .where('id', '=', id)
      .execute();
    const file = path.join(import.meta.dirname, '../../src/db/migrations/20261130T0545_member_text_nfc.sql');
    await sql.raw(fs.readFileSync(file, 'utf8')).execute(t.database.db);
    const row = await t.database.db.selectFrom('members').select(['full_name', 'hometown']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ full_name: 'Đỗ Văn Tuấn'.normalize('NFC'), hometown: 'Thôn Đồng'.normalize('NFC') });
  });
});

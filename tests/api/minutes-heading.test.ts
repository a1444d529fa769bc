// A 2024 meeting's minutes keep the names of 2024: after the cell and its commune are
// renamed (and a member transferred away) in 2025, the .docx and the print view still head
// the record with the cell and its parent as they were on the meeting's date, and the roll
// is the cell as it stood then.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let admin: Client;
let meetingId: number;

async function docxText(): Promise<string> {
  const res = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes.docx` });
  expect(res.statusCode, res.body).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  admin = await t.as('admin');
  clock.set(new Date('2024-03-01T09:00:00+07:00'));
  const res = await bithu({
    method: 'POST',
    url: '/api/v1/meetings',
    payload: {
      kind: 'regular',
      unitId: f.cell1,
      date: '2024-03-05',
      startTime: '08:00',
      endTime: '10:00',
      place: 'Nhà văn hóa thôn 1',
      topic: 'Sinh hoạt chi bộ tháng 3',
      focalIssues: ['Làm đường', 'Đảng phí'],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  meetingId = res.json().id;
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('the heading of a 2024 minutes document', () => {
  it('names the cell and the commune as they were on the meeting date, before and after a rename', async () => {
    const before = await docxText();
    for (const line of ['ĐẢNG BỘ XÃ BẮC BÌNH', 'CHI BỘ THÔN 1', 'Bắc Bình, ngày 05 tháng 3 năm 2024', 'Tổng số đảng viên của chi bộ: 7 đồng chí'])
      expect(before).toContain(line);

    for (const [unit, name] of [
      [f.cell1, 'Chi bộ thôn Đông Hòa'],
      [f.commune, 'Đảng bộ xã Hòa Bình'],
    ] as const) {
      const res = await admin({
        method: 'POST',
        url: `/api/v1/units/${unit}/rename`,
        payload: { name, effectiveOn: '2025-07-01', decisionNumber: '100-QĐ/TU' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const moved = await admin({
      method: 'POST',
      url: `/api/v1/members/${f.regular[4]}/transfer`,
      payload: { unitId: f.cell2, effectiveOn: '2025-01-15', decisionNumber: '101-QĐ/ĐU' },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const after = await docxText();
    for (const line of ['ĐẢNG BỘ XÃ BẮC BÌNH', 'CHI BỘ THÔN 1', 'Bắc Bình, ngày 05 tháng 3 năm 2024', 'Tổng số đảng viên của chi bộ: 7 đồng chí'])
      expect(after).toContain(line);
    expect(after).not.toContain('HÒA BÌNH');
    expect(after).not.toContain('ĐÔNG HÒA');
    const print = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes/print` });
    expect(print.body).toContain('CHI BỘ THÔN 1');
    expect(print.body).toContain('Bắc Bình, ngày 05 tháng 3 năm 2024');
    // Today's page of the unit shows the new name: only the record keeps the old one.
    expect((await admin({ method: 'GET', url: `/api/v1/units/${f.cell1}` })).json().unit.name).toBe('Chi bộ thôn Đông Hòa');
  });

  it('keeps on the 2024 roll the member transferred away and the party group moved away in 2025', async () => {
    // A party group of the cell since 2020, moved to the other cell in 2025 with its member.
    const group = await t.unit({ code: 'BB-T1-TD', name: 'Tổ đảng xóm Chùa', kind: 'to_dang', parentId: f.cell1 });
    await t.member({ unitId: group, fullName: 'Lý Văn Khoa' });
    const res = await admin({
      method: 'POST',
      url: `/api/v1/units/${group}/move`,
      payload: { parentId: f.cell2, effectiveOn: '2025-02-01', decisionNumber: '102-QĐ/ĐU' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const roll = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/attendance` });
    expect(roll.statusCode, roll.body).toBe(200);
    const text = JSON.stringify(roll.json());
    expect(text).toContain('Hoàng Văn Em');
    expect(text).toContain('Lý Văn Khoa');
    expect(await docxText()).toContain('Tổng số đảng viên của chi bộ: 8 đồng chí');
  });

  it("keeps the heading and the old commune's meeting list after the cell moves to another commune", async () => {
    const other = await t.unit({ code: 'NS', name: 'Đảng bộ xã Nam Sơn', kind: 'dang_bo_xa' });
    await t.user('admin2', [
      { role: 'admin', unitId: f.commune },
      { role: 'admin', unitId: other },
    ]);
    const admin2 = await t.as('admin2');
    const res = await admin2({
      method: 'POST',
      url: `/api/v1/units/${f.cell1}/move`,
      payload: { parentId: other, effectiveOn: '2026-01-01', decisionNumber: '103-QĐ/TU' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxText();
    expect(text).toContain('ĐẢNG BỘ XÃ BẮC BÌNH');
    expect(text).toContain('Bắc Bình, ngày 05 tháng 3 năm 2024');
    expect(text).not.toContain('NAM SƠN');
    const listOf = async (unitId: number) => (await admin2({ method: 'GET', url: `/api/v1/meetings?unitId=${unitId}&from=2024-01-01&to=2024-12-31` })).json();
    const old = await listOf(f.commune);
    expect(old.items.map((m: { id: number; unitName: string }) => [m.id, m.unitName])).toEqual([[meetingId, 'Chi bộ thôn 1']]);
    expect((await listOf(other)).items).toEqual([]);
  });
});

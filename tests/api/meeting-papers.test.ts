// The paper path (issue 8 item 18), for members without a phone: a meeting's notice and
// sign-in sheet as .docx (opened and read here) and as print views, in the party layout
// the minutes use; the minutes' print view keeps the party name on one line and the
// signatures on the page of the closing text.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../src/modules/meetings/clock.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCommune, closeQuietly, planMarchMeeting } from './meetings.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildCommune>>;
let bithu: Client;
let meetingId: number;

async function docx(client: Client, path: string) {
  const res = await client({ method: 'GET', url: `/api/v1/meetings/${meetingId}/${path}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
  return { res, xml, text: xml.replace(/<[^>]+>/g, '') };
}

beforeAll(async () => {
  t = await createTestApp();
  f = await buildCommune(t);
  bithu = await t.as('bithu');
  clock.set(new Date('2026-03-01T09:00:00+07:00'));
  meetingId = await planMarchMeeting(bithu, f.cell1, {
    topic: 'Sinh hoạt chi bộ tháng 3',
    focalIssues: ['Ra quân làm đường giao thông nông thôn', 'Thu nộp đảng phí quý I'],
  });
  await bithu({ method: 'POST', url: `/api/v1/meetings/${meetingId}/guests`, payload: { fullName: 'Lê Thị Mai', position: 'Đảng ủy viên xã' } });
});
afterAll(async () => {
  clock.reset();
  await closeQuietly(t);
});

describe('the printable notice', () => {
  it('is a .docx with the cell, time, place, content and the secretary signing for the committee', async () => {
    const { res, text, xml } = await docx(bithu, 'notice.docx');
    expect(res.headers['content-disposition']).toContain(`thong-bao-2026-03-05-${meetingId}.docx`);
    for (const line of [
      'ĐẢNG BỘ XÃ BẮC BÌNH',
      'CHI BỘ THÔN 1',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Bắc Bình, ngày 01 tháng 3 năm 2026',
      'THÔNG BÁO',
      'Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026',
      'Thời gian: 08 giờ 00 phút, ngày 05 tháng 3 năm 2026',
      'Địa điểm: Nhà văn hóa thôn 1.',
      'Nội dung: Sinh hoạt chi bộ tháng 3',
      '- Ra quân làm đường giao thông nông thôn',
      '- Thu nộp đảng phí quý I',
      'Đại biểu được mời: Lê Thị Mai (Đảng ủy viên xã).',
      'Nơi nhận:',
      'T/M CHI ỦY',
      'BÍ THƯ',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(line);
    }
    // The closing request stays with the signature (Word's "keep with next").
    const closing = xml.indexOf('Đề nghị các đồng chí đảng viên');
    expect(xml.lastIndexOf('<w:keepNext/>', closing)).toBeGreaterThan(xml.lastIndexOf('<w:p>', closing));
  });

  it("is called by the party committee for the secretaries' briefing", async () => {
    const xa = await t.as('xa');
    const res = await xa({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        unitId: f.commune,
        kind: 'briefing',
        date: '2026-03-12',
        startTime: '14:00',
        endTime: '16:00',
        place: 'Hội trường xã',
        topic: 'Giao ban tháng 3',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const print = await xa({ method: 'GET', url: `/api/v1/meetings/${res.json().id}/notice/print` });
    for (const line of [
      'Đảng ủy xã Bắc Bình thông báo',
      'Giao ban bí thư chi bộ tháng 3 năm 2026',
      'các đồng chí bí thư chi bộ trực thuộc',
      'T/M ĐẢNG ỦY',
      '-TB/ĐU',
    ]) {
      expect(print.body).toContain(line);
    }
    expect(print.body).not.toContain('T/M CHI ỦY');
    // The blank left for the number is kept on paper (HTML would fold the spaces into one: "Số -TB/ĐU").
    expect(print.body).toMatch(/<div class="number">Số {3,}-TB\/ĐU<\/div>/);
    expect(print.body).toMatch(/\.number \{ white-space: pre; \}/);
  });

  it('has a print view with the same text', async () => {
    const res = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/notice/print` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Thời gian: 08 giờ 00 phút, ngày 05 tháng 3 năm 2026');
    expect(res.body).toContain('Nguyễn Văn An');
  });
});

describe('the sign-in sheet', () => {
  it('lists the roll with a numbered line and a column to sign, the exempted member apart', async () => {
    const { text } = await docx(bithu, 'sign-in-sheet.docx');
    expect(text).toContain('DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT');
    expect(text).toContain('STTHọ và tênKý tênGhi chú');
    const roll = (await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/attendance` })).json();
    // The sheet's order is the roll call's order, so entering from it goes line by line.
    const order = roll.members.map((e: { fullName: string }) => text.indexOf(e.fullName));
    expect(order.every((i: number) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A probationary member is marked so in the note column.
    expect(text).toContain('Vũ Thị PhươngDự bị');
    const apart = text.indexOf('Đảng viên miễn, đình chỉ sinh hoạt');
    expect(apart).toBeGreaterThan(order.at(-1));
    expect(text.indexOf('Đỗ Văn Giáp')).toBeGreaterThan(apart);
    expect(text).toContain('Miễn sinh hoạt');
    expect(text).toContain('Đại biểu dự họp');
    expect(text).toContain('Lê Thị Mai');
    expect(text).toContain(`Danh sách gồm ${roll.members.length} đồng chí phải dự sinh hoạt ngày 05/03/2026.`);
  });

  it('has a print view whose table rows never split across pages', async () => {
    const res = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/sign-in-sheet/print` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<th style="width:25%">Ký tên</th>');
    expect(res.body).toMatch(/tr \{ break-inside: avoid/);
  });

  it('is answered 404 to a member of another cell, like a meeting that does not exist', async () => {
    const khac = await t.as('khac');
    expect((await khac({ method: 'GET', url: `/api/v1/meetings/${meetingId}/sign-in-sheet.docx` })).statusCode).toBe(404);
    expect((await khac({ method: 'GET', url: `/api/v1/meetings/${meetingId}/notice/print` })).statusCode).toBe(404);
  });
});

describe('the minutes print view', () => {
  it('keeps "ĐẢNG CỘNG SẢN VIỆT NAM" on one line and the closing text with the signatures', async () => {
    await bithu({
      method: 'PUT',
      url: `/api/v1/meetings/${meetingId}/minutes`,
      payload: { content: { conclusions: 'Thống nhất.', chairName: 'Nguyễn Văn An' } },
    });
    const res = await bithu({ method: 'GET', url: `/api/v1/meetings/${meetingId}/minutes/print` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\.party \{[^}]*white-space: nowrap/);
    expect(res.body).toMatch(/\.end \{ break-inside: avoid/);
    const end = res.body.indexOf('<div class="end">');
    expect(end).toBeGreaterThan(0);
    expect(res.body.indexOf('Buổi sinh hoạt kết thúc')).toBeGreaterThan(end);
    expect(res.body.indexOf('CHỦ TRÌ')).toBeGreaterThan(end);
    // No agenda item written: the sections are numbered without a gap (found by an outside probe).
    const headings = [...res.body.matchAll(/>([IVX]+)\. ([^<]+)</g)].map((m) => `${m[1]}. ${m[2]}`);
    expect(headings).toEqual(['I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN', 'II. TÌNH HÌNH ĐẢNG VIÊN DỰ HỌP', 'III. KẾT LUẬN VÀ NGHỊ QUYẾT']);
    // In the .docx the closing line is kept with the signatures too.
    const { xml } = await docx(bithu, 'minutes.docx');
    const closing = xml.indexOf('Buổi sinh hoạt kết thúc');
    expect(xml.lastIndexOf('<w:keepNext/>', closing)).toBeGreaterThan(xml.lastIndexOf('<w:p>', closing));
  });
});

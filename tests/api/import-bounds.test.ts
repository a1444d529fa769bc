// Uploads within bounds: an .xlsx is checked before it is parsed (unpacked sizes, entries,
// rows), a caller without the right to upload gets their upload left unread, and a
// malformed multipart body or file name is a 400 — never a 500, never a server that
// swells by hundreds of megabytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../helpers/multipart.ts';
import { type Client, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hugePart, part, sheetXml, workbookParts, zip } from '../helpers/zip-file.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)'];
const MB = 1024 * 1024;

let t: TestApp;
let commune: number;
let cell: number;
let meetingId: number;
let officer: Client;
let member: Client;

const importAs = (as: Client, body: { payload: Buffer; headers: Record<string, string> }, mode = 'dry-run', unitId = commune) =>
  as({ method: 'POST', url: `/api/v1/imports/members?unitId=${unitId}&mode=${mode}`, ...body });

/** Runs a request and samples this process's memory (the server's: inject runs in-process) meanwhile. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; growthMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms: Date.now() - started, growthMb: Math.round((peak - before) / MB) };
  } finally {
    clearInterval(timer);
  }
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): { status: number; title: string } }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().status).toBe(status);
  expect(res.json().title.length).toBeGreaterThan(10);
}

/** Sheet with the header and one row whose name is shared string 0. */
const sheetWithSharedName =
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
  `<row r="1">${HEADER.map((h, i) => `<c r="${'ABC'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>` +
  '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>Nam</t></is></c><c r="C2" t="inlineStr"><is><t>17/05/1980</t></is></c></row>' +
  '</sheetData></worksheet>';

/** One cell of `megabytes` of text, packed into well under a megabyte. */
async function bomb(megabytes: number, declaredSize?: number) {
  const strings = await hugePart(
    'xl/sharedStrings.xml',
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    'A',
    megabytes * MB,
    '</t></si></sst>',
  );
  if (declaredSize !== undefined) strings.declaredSize = declaredSize;
  return zip([...workbookParts(sheetWithSharedName, { sharedStrings: true }), strings]);
}

beforeAll(async () => {
  t = await createTestApp();
  commune = await t.unit({ code: 'BB', name: 'Đảng bộ xã Bắc Bình', kind: 'dang_bo_xa' });
  cell = await t.unit({ code: 'BB.01', name: 'Chi bộ thôn Bắc Sơn', parentId: commune });
  const memberId = await t.member({ unitId: cell, fullName: 'Lê Văn Thường' });
  await t.user('tochuc', [{ role: 'org_officer', unitId: commune }]);
  await t.user('dangvien', [{ role: 'member', unitId: cell }], memberId);
  officer = await t.as('tochuc');
  member = await t.as('dangvien');
  const meeting = await t.database.db
    .insertInto('meetings')
    .values({
      unit_id: cell,
      kind: 'regular',
      held_on: '2026-11-05',
      starts_at: '2026-11-05T07:30:00Z',
      ends_at: '2026-11-05T09:30:00Z',
      place: 'Nhà văn hóa thôn',
      topic: 'Sinh hoạt thường kỳ tháng 11',
      check_in_code: '123456',
      check_in_secret: 'bi-mat',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  meetingId = meeting.id;
});
afterAll(() => t.close());

describe('an xlsx is checked before it is parsed', () => {
  it('refuses a zip bomb (one cell of 400 MB packed small) from its directory, within seconds, without swelling', async () => {
    const file = await bomb(400);
    expect(file.length).toBeLessThan(2 * MB);
    const { result: res, ms, growthMb } = await measured(() => importAs(officer, multipartFile('bom.xlsx', file, XLSX)));
    expectProblem(res, 413);
    expect(res.json().code).toBe('imports.xlsx_part_too_large');
    expect(res.json().title).toContain('giải nén');
    expect(res.json().title).toContain('xl/sharedStrings.xml');
    expect(ms).toBeLessThan(5000);
    expect(growthMb).toBeLessThan(150);
  });

  it('stops inflating a part whose header lies about its unpacked size', async () => {
    const file = await bomb(400, 2000);
    const { result: res, ms, growthMb } = await measured(() => importAs(officer, multipartFile('bom.xlsx', file, XLSX)));
    expect([400, 413, 422]).toContain(res.statusCode);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(ms).toBeLessThan(5000);
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses a sheet that declares more rows than an import holds, before reading them', async () => {
    const file = zip(workbookParts(sheetXml([HEADER, ['Nguyễn Văn An', 'Nam', '17/05/1980']], 'A1:C2000001')));
    const res = await importAs(officer, multipartFile('hai-trieu.xlsx', file, XLSX));
    expectProblem(res, 413);
    expect(res.json().title).toBe('Tệp có khoảng 2.000.001 dòng, quá giới hạn 100.000 dòng mỗi lần nhập. Hãy chia danh sách thành nhiều tệp nhỏ hơn.');
  });

  it('stops reading at the row limit when the sheet declares no size', async () => {
    const rows = [HEADER, ...Array.from({ length: 100_050 }, (_, i) => [`Người ${i}`])];
    const file = zip(workbookParts(sheetXml(rows)));
    const res = await importAs(officer, multipartFile('qua-nhieu.xlsx', file, XLSX));
    expectProblem(res, 413);
    expect(res.json().code).toBe('imports.too_many_rows_counted');
    expect(res.json().title).toContain('100.000');
  }, 120_000);

  it('refuses an archive of too many entries', async () => {
    const extra = Array.from({ length: 150 }, (_, i) => part(`xl/media/image${i}.png`, 'x'));
    const file = zip([...workbookParts(sheetXml([HEADER, ['Nguyễn Văn An', 'Nam', '17/05/1980']])), ...extra]);
    const res = await importAs(officer, multipartFile('nhieu-phan.xlsx', file, XLSX));
    expectProblem(res, 413);
    expect(res.json().code).toBe('imports.xlsx_too_many_entries');
  });

  it('still reads an ordinary file written this way', async () => {
    const file = zip(workbookParts(sheetXml([HEADER, ['Nguyễn Văn An', 'Nam', '17/05/1980']], 'A1:C2')));
    const res = await importAs(officer, multipartFile('dung.xlsx', file, XLSX), 'dry-run', cell);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ totalRows: 1, valid: 1, created: 1, errors: [] });
  });
});

/** A multipart body whose header gives no boundary: the server cannot find its parts. */
const noBoundary = (body: Buffer) => ({ payload: body, headers: { 'content-type': 'multipart/form-data' } });
const badBoundary = (body: Buffer) => ({ payload: body, headers: { 'content-type': 'multipart/form-data; boundary=not-the-one-used' } });

/** A file part whose file name is given as raw bytes (a NUL, broken UTF-8…). */
function rawNamePart(nameBytes: Buffer, content: Buffer) {
  const boundary = '----chibo-raw';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    nameBytes,
    Buffer.from(`"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('multipart uploads', () => {
  const someFile = zip(workbookParts(sheetXml([HEADER, ['Nguyễn Văn An', 'Nam', '17/05/1980']])));

  it("checks a plain member's right before reading the upload: no boundary is still 403 for the import and the documents", async () => {
    const imp = await importAs(member, noBoundary(someFile), 'apply', cell);
    expectProblem(imp, 403);
    const doc = await member({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...noBoundary(Buffer.from('abc')) });
    expectProblem(doc, 403);
    const nowhere = await member({ method: 'POST', url: '/api/v1/meetings/999999/documents', ...noBoundary(Buffer.from('abc')) });
    expectProblem(nowhere, 404);
  });

  it('answers 400 to a body with no boundary, a wrong boundary or no file part, on both routes', async () => {
    for (const body of [noBoundary(someFile), badBoundary(someFile)]) {
      expectProblem(await importAs(officer, body), 400);
      expectProblem(await officer({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...body }), 400);
    }
    const fieldOnly = {
      payload: Buffer.from('------b\r\nContent-Disposition: form-data; name="note"\r\n\r\nxin chao\r\n------b--\r\n'),
      headers: { 'content-type': 'multipart/form-data; boundary=----b' },
    };
    expectProblem(await importAs(officer, fieldOnly), 400);
    expectProblem(await officer({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...fieldOnly }), 400);
  });

  it('refuses a file name with a NUL or broken characters, on both routes, and stores nothing', async () => {
    const names = [Buffer.from('dang\u0000vien.xlsx'), Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x2e, 0x78, 0x6c, 0x73, 0x78])];
    for (const name of names) {
      const imp = await importAs(officer, rawNamePart(name, someFile), 'apply', cell);
      expectProblem(imp, 400);
      expect(imp.json().code).toBe('bad_file_name');
      const doc = await officer({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...rawNamePart(name, Buffer.from('%PDF-1.4')) });
      expectProblem(doc, 400);
    }
    const docs = await t.database.db.selectFrom('meeting_documents').select('id').where('meeting_id', '=', meetingId).execute();
    expect(docs).toEqual([]);
    const imported = await t.database.db.selectFrom('members').select('id').where('full_name', '=', 'Nguyễn Văn An').execute();
    expect(imported).toEqual([]);
  });

  it('answers 415 to a JSON body sent to either upload route, in Vietnamese, reading nothing', async () => {
    const json = { payload: Buffer.from(JSON.stringify({ file: 'dang-vien.xlsx' })), headers: { 'content-type': 'application/json' } };
    const imp = await importAs(officer, json, 'apply', cell);
    expectProblem(imp, 415);
    expect(imp.json().title).toMatch(/multipart|tệp/i);
    expectProblem(await officer({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...json }), 415);
  });

  it('refuses a file part sent with a content type but no file name, on both routes, and stores nothing', async () => {
    const unnamed = (content: Buffer) => ({
      payload: Buffer.concat([
        Buffer.from('------b\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n'),
        content,
        Buffer.from('\r\n------b--\r\n'),
      ]),
      headers: { 'content-type': 'multipart/form-data; boundary=----b' },
    });
    const imp = await importAs(officer, unnamed(someFile), 'apply', cell);
    expectProblem(imp, 400);
    expect(imp.json().code).toBe('no_file_name');
    expect(imp.json().title).toContain('không có tên');
    const doc = await officer({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...unnamed(Buffer.from('%PDF-1.4')) });
    expectProblem(doc, 400);
    const docs = await t.database.db.selectFrom('meeting_documents').select('id').where('meeting_id', '=', meetingId).execute();
    expect(docs).toEqual([]);
  });

  it('keeps only the last part of a file name sent with a path', async () => {
    for (const name of ['../../etc/passwd.pdf', 'C:\\Users\\bithu\\nghi-quyet.pdf']) {
      const doc = await officer({ method: 'POST', url: `/api/v1/meetings/${meetingId}/documents`, ...rawNamePart(Buffer.from(name), Buffer.from('%PDF-1.4')) });
      expect(doc.statusCode).toBe(201);
      expect(doc.json().fileName).not.toMatch(/[\\/]/);
    }
  });
});

// Benchmark: import 20,000 members from one .xlsx file on PGlite — a dry run, an apply,
// and the same file applied again (every row an update). Prints durations and peak RSS
// and writes bench/results/import-20k.json.
// Run: node --import tsx bench/import-20k.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { importMembers, type ImportReport } from '../src/modules/imports/import-members.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { Rng } from '../src/modules/demo/random.ts';
import { personName } from '../src/modules/demo/vietnamese-names.ts';
import { writeBenchResult } from './lib/write-result.ts';

const ROWS = 20_000;
const HEADERS = ['Họ và tên', 'Giới tính', 'Ngày sinh (dd/mm/yyyy)', 'Dân tộc', 'Tôn giáo', 'Quê quán', 'Nơi ở', 'Số CCCD', 'Số thẻ đảng',
  'Ngày vào Đảng', 'Ngày chính thức', 'Trình độ học vấn', 'Lý luận chính trị', 'Nghề nghiệp', 'Chức vụ', 'Điện thoại', 'Mã chi bộ', 'Trạng thái'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A 20,000-row file for the eleven cells of the demo commune, written with the streaming writer. */
async function writeFile(file: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(HEADERS).commit();
  const rng = new Rng(20_000);
  for (let i = 0; i < ROWS; i++) {
    const sex = rng.chance(0.4) ? 'nu' : 'nam';
    const year = rng.int(1945, 2003);
    const born = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}/${year}`;
    const admitted = Math.min(2024, year + rng.int(19, 40));
    const day = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}`;
    sheet.addRow([
      personName(rng, sex, 'Kinh'), sex === 'nam' ? 'Nam' : 'Nữ', born, 'Kinh', 'Không', 'xã Bắc Bình, tỉnh Vĩnh Phúc',
      'thôn Bắc Sơn, xã Bắc Bình, tỉnh Vĩnh Phúc', `001${year >= 2000 ? 2 : 0}${pad(year % 100)}${pad(i, 6)}`, `BM.${pad(i, 6)}`,
      `${day}/${admitted}`, `${day}/${admitted + 1}`, 'Đại học', rng.pick(['Sơ cấp', 'Trung cấp', '']), 'Nông dân', '',
      `09${pad(rng.int(0, 99_999_999), 8)}`, `VP.X001.${pad(rng.int(1, 11))}`, 'Chính thức',
    ]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export default async function importBenchmark() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-import-'));
  const file = path.join(dir, 'import-20k.xlsx');
  const results: Record<string, unknown> = { rows: ROWS, database: 'pglite' };
  const database = await openDatabase({ memory: true });
  try {
    await migrate(database);
    await seedDemo(database, { scale: 'commune', seed: 1 });
    const commune = await database.db.selectFrom('units').select('id').where('code', '=', 'VP.X001').executeTakeFirstOrThrow();

    let t0 = Date.now();
    await writeFile(file);
    results.fileMs = Date.now() - t0;
    results.fileBytes = fs.statSync(file).size;

    const system = { userId: null, scope: { subtreePaths: ['/'], unitIds: [] } };
    const rssBefore = mb(process.memoryUsage().rss);
    results.rssBeforeImportMb = rssBefore;
    // Peak RSS of each phase, sampled (process.resourceUsage().maxRSS only ever grows).
    const phase = async (name: string, mode: 'dry-run' | 'apply') => {
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
      const started = Date.now();
      const report: ImportReport = await importMembers(database.db, system, { unitId: commune.id, mode, filePath: file, lang: 'vi' });
      const ms = Date.now() - started;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      const summary = { ms, peakRssMb: mb(peak), totalRows: report.totalRows, created: report.created, updated: report.updated, errors: report.errors.length };
      console.log(`${name.padEnd(10)} ${String(ms).padStart(7)} ms  peak RSS ${mb(peak)} MiB  (${report.totalRows} rows, ${report.created} created, ${report.updated} updated, ${report.errors.length} errors)`);
      results[name] = summary;
    };
    await phase('dryRun', 'dry-run');
    await phase('apply', 'apply');
    await phase('reapply', 'apply');
    const members = await database.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    results.membersAfter = Number(members.n);
    results.maxRssMb = mb(process.resourceUsage().maxRSS * 1024);
    console.log(`file ${results.fileMs} ms (${mb(Number(results.fileBytes))} MiB), members after: ${results.membersAfter}, process max RSS ${results.maxRssMb} MiB`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  writeBenchResult('import-20k', results);
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await importBenchmark();

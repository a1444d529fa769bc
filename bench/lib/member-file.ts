// An import file for the demo commune (cells VP.X001.01–11), written with exceljs'
// streaming writer so a file of any size is produced in little memory. Its columns are the
// import's own (src/modules/imports/member-columns.ts), headed as the member export heads them.
import ExcelJS from 'exceljs';
import { Rng } from '../../src/modules/demo/random.ts';
import { personName } from '../../src/modules/demo/vietnamese-names.ts';
import { type ColumnKey, columnLabel, IMPORT_COLUMNS } from '../../src/modules/imports/member-columns.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export async function writeMemberFile(file: string, rows: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(IMPORT_COLUMNS.map((c) => columnLabel('vi', c.key))).commit();
  const rng = new Rng(rows);
  for (let i = 0; i < rows; i++) {
    const sex = rng.chance(0.4) ? 'nu' : 'nam';
    const year = rng.int(1945, 2003);
    const born = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}/${year}`;
    const admitted = Math.min(2024, year + rng.int(19, 40));
    const day = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}`;
    const row: Partial<Record<ColumnKey, string>> = {
      fullName: personName(rng, sex, 'Kinh'),
      sex: sex === 'nam' ? 'Nam' : 'Nữ',
      dateOfBirth: born,
      ethnicity: 'Kinh',
      religion: 'Không',
      hometown: 'xã Bắc Bình, tỉnh Vĩnh Phúc',
      residence: 'thôn Bắc Sơn, xã Bắc Bình, tỉnh Vĩnh Phúc',
      citizenId: `001${year >= 2000 ? 2 : 0}${pad(year % 100)}${pad(i, 6)}`,
      partyCardNumber: `BM.${pad(i, 6)}`,
      admittedOn: `${day}/${admitted}`,
      fullMemberOn: `${day}/${admitted + 1}`,
      education: 'Đại học',
      theoryLevel: rng.pick(['Sơ cấp', 'Trung cấp', '']),
      occupation: 'Nông dân',
      position: '',
      phone: `09${pad(rng.int(0, 99_999_999), 8)}`,
      unitCode: `VP.X001.${pad(rng.int(1, 11))}`,
      status: 'Chính thức',
    };
    // A column the import adds later stays empty here.
    sheet.addRow(IMPORT_COLUMNS.map((c) => row[c.key] ?? '')).commit();
  }
  sheet.commit();
  await workbook.commit();
}

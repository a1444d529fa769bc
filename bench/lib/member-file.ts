// An import file for the demo commune (cells VP.X001.01–11), written with exceljs'
// streaming writer so a file of any size is produced in little memory.
import ExcelJS from 'exceljs';
import { Rng } from '../../src/modules/demo/random.ts';
import { personName } from '../../src/modules/demo/vietnamese-names.ts';

const HEADERS = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh (dd/mm/yyyy)',
  'Dân tộc',
  'Tôn giáo',
  'Quê quán',
  'Nơi ở',
  'Số CCCD',
  'Số thẻ đảng',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Trình độ học vấn',
  'Lý luận chính trị',
  'Nghề nghiệp',
  'Chức vụ',
  'Điện thoại',
  'Mã chi bộ',
  'Trạng thái',
];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export async function writeMemberFile(file: string, rows: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(HEADERS).commit();
  const rng = new Rng(rows);
  for (let i = 0; i < rows; i++) {
    const sex = rng.chance(0.4) ? 'nu' : 'nam';
    const year = rng.int(1945, 2003);
    const born = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}/${year}`;
    const admitted = Math.min(2024, year + rng.int(19, 40));
    const day = `${pad(rng.int(1, 28))}/${pad(rng.int(1, 12))}`;
    sheet
      .addRow([
        personName(rng, sex, 'Kinh'),
        sex === 'nam' ? 'Nam' : 'Nữ',
        born,
        'Kinh',
        'Không',
        'xã Bắc Bình, tỉnh Vĩnh Phúc',
        'thôn Bắc Sơn, xã Bắc Bình, tỉnh Vĩnh Phúc',
        `001${year >= 2000 ? 2 : 0}${pad(year % 100)}${pad(i, 6)}`,
        `BM.${pad(i, 6)}`,
        `${day}/${admitted}`,
        `${day}/${admitted + 1}`,
        'Đại học',
        rng.pick(['Sơ cấp', 'Trung cấp', '']),
        'Nông dân',
        '',
        `09${pad(rng.int(0, 99_999_999), 8)}`,
        `VP.X001.${pad(rng.int(1, 11))}`,
        'Chính thức',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

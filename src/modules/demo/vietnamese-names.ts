// Synthetic Vietnamese personal names with correct diacritics. The middle name follows
// the person's sex (Văn, Đức, Hữu… for men; Thị, Ngọc, Thu… for women), the way real
// records read; some members belong to ethnic minorities with their own family names.
import type { Rng } from './random.ts';

export type Sex = 'nam' | 'nu';

// Family names weighted roughly by how common they are among Kinh people.
const KINH_FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 3],
  ['Phan', 4],
  ['Vũ', 4],
  ['Võ', 3],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 2],
  ['Hồ', 1.5],
  ['Ngô', 1.5],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đào', 1],
  ['Đinh', 1],
  ['Trịnh', 0.8],
  ['Mai', 0.6],
  ['Tạ', 0.5],
  ['Lương', 0.5],
  ['Cao', 0.5],
  ['Kiều', 0.3],
];

const KINH_MALE_MIDDLE = ['Văn', 'Đức', 'Hữu', 'Quang', 'Công', 'Đình', 'Xuân', 'Mạnh', 'Trọng', 'Tiến', 'Duy', 'Quốc', 'Minh', 'Bá', 'Thế'];
const KINH_FEMALE_MIDDLE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Thúy', 'Hồng', 'Phương', 'Kim', 'Bích', 'Diệu'];

const KINH_MALE_GIVEN = [
  'Thắng',
  'Hùng',
  'Dũng',
  'Tuấn',
  'Quân',
  'Hải',
  'Sơn',
  'Long',
  'Nam',
  'Bình',
  'Cường',
  'Đông',
  'Hòa',
  'Khánh',
  'Lâm',
  'Phúc',
  'Tài',
  'Thành',
  'Trung',
  'Việt',
  'Vinh',
  'Hiếu',
  'Hưng',
  'Kiên',
  'Lợi',
  'Nghĩa',
  'Phong',
  'Quyết',
  'Toàn',
  'Trường',
  'Tùng',
  'Đạt',
  'Định',
  'Huy',
  'Khoa',
  'Nhân',
  'Thịnh',
  'Tú',
  'Vượng',
  'Chiến',
  'Công',
  'Hoàn',
  'Lực',
  'Mạnh',
  'Ninh',
  'Quý',
  'Sáng',
  'Tân',
  'Thái',
  'Thuận',
  'Tiến',
  'Tình',
  'Trọng',
  'Tuyên',
  'Vĩnh',
  'Xuân',
  'Đức',
  'Hào',
];
const KINH_FEMALE_GIVEN = [
  'Hà',
  'Hương',
  'Lan',
  'Mai',
  'Hoa',
  'Hằng',
  'Hạnh',
  'Huyền',
  'Liên',
  'Linh',
  'Loan',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phượng',
  'Thảo',
  'Thủy',
  'Trang',
  'Tuyết',
  'Vân',
  'Yến',
  'Dung',
  'Giang',
  'Hiền',
  'Hồng',
  'Hường',
  'Nhàn',
  'Quyên',
  'Tâm',
  'Thắm',
  'Thơm',
  'Chi',
  'Duyên',
  'Hậu',
  'Lệ',
  'Lụa',
  'My',
  'Nguyệt',
  'Nhàn',
  'Phương',
  'Quế',
  'Sen',
  'Thoa',
  'Thúy',
  'Trinh',
  'Uyên',
  'Xoan',
  'Ánh',
  'Châm',
  'Hải',
  'Huệ',
  'Luyến',
  'Minh',
  'Ngọc',
  'Tươi',
];

interface EthnicNames {
  family: readonly string[];
  maleMiddle: readonly string[];
  femaleMiddle: readonly string[];
  maleGiven: readonly string[];
  femaleGiven: readonly string[];
}

/** Ethnic minorities the demo uses, with name patterns as they appear in registers. */
export const MINORITY_NAMES: Record<string, EthnicNames> = {
  Mông: {
    family: ['Giàng', 'Sùng', 'Vàng', 'Mùa', 'Lầu', 'Thào', 'Hờ', 'Ly'],
    maleMiddle: ['A', 'Seo', 'Văn'],
    femaleMiddle: ['Thị', 'Mí'],
    maleGiven: ['Páo', 'Dính', 'Sử', 'Chứ', 'Lử', 'Chông', 'Pó', 'Dế', 'Tủa', 'Sình', 'Khua', 'Vư'],
    femaleGiven: ['Mỷ', 'Dợ', 'Say', 'Pà', 'Sua', 'Dở', 'Chu', 'Mai', 'Máy', 'Xúa'],
  },
  Thái: {
    family: ['Lò', 'Lường', 'Quàng', 'Cà', 'Điêu', 'Vi', 'Tòng', 'Lù'],
    maleMiddle: ['Văn'],
    femaleMiddle: ['Thị'],
    maleGiven: ['Pấng', 'Khăm', 'Panh', 'Chiến', 'Hom', 'Ơn', 'Xuân', 'Thanh', 'Biên', 'Tiến'],
    femaleGiven: ['Ún', 'Xiêng', 'Pọm', 'Ánh', 'Hoa', 'Bun', 'Hiên', 'Phanh', 'Lả', 'Thoa'],
  },
  Tày: {
    family: ['Hoàng', 'Nông', 'Ma', 'Lục', 'Hà', 'Triệu', 'Đàm', 'Lương'],
    maleMiddle: ['Văn', 'Đức'],
    femaleMiddle: ['Thị'],
    maleGiven: ['Khiêm', 'Thào', 'Bảo', 'Hùng', 'Lâm', 'Phùng', 'Tuấn', 'Sơn', 'Pùng', 'Quý'],
    femaleGiven: ['Mây', 'Nhài', 'Slao', 'Hoa', 'Lan', 'Dịu', 'Hiền', 'Thơm', 'Nhung', 'Vân'],
  },
  Dao: {
    family: ['Triệu', 'Bàn', 'Đặng', 'Lý', 'Chảo', 'Phùng'],
    maleMiddle: ['Văn', 'Tài', 'Sành'],
    femaleMiddle: ['Thị', 'Mùi'],
    maleGiven: ['Phin', 'Chòi', 'Quẩy', 'Sinh', 'Vảng', 'Kiềm', 'Xuân', 'Tiến', 'Lở', 'Phấy'],
    femaleGiven: ['Mẩy', 'Nải', 'Chài', 'Mai', 'Sao', 'Liều', 'Dìn', 'Hoa', 'Phây', 'Quý'],
  },
};

export const MINORITY_ETHNICITIES = Object.keys(MINORITY_NAMES);

/** Every middle name a man may carry in the demo, and every one a woman may: disjoint sets. */
export const MALE_MIDDLE_NAMES: ReadonlySet<string> = new Set([...KINH_MALE_MIDDLE, ...Object.values(MINORITY_NAMES).flatMap((n) => n.maleMiddle)]);
export const FEMALE_MIDDLE_NAMES: ReadonlySet<string> = new Set([...KINH_FEMALE_MIDDLE, ...Object.values(MINORITY_NAMES).flatMap((n) => n.femaleMiddle)]);

/** "Nguyễn Văn Thắng": family, one sex-appropriate middle name, given name. */
export function personName(rng: Rng, sex: Sex, ethnicity: string): string {
  const minority = MINORITY_NAMES[ethnicity];
  if (minority) {
    const middle = rng.pick(sex === 'nam' ? minority.maleMiddle : minority.femaleMiddle);
    return `${rng.pick(minority.family)} ${middle} ${rng.pick(sex === 'nam' ? minority.maleGiven : minority.femaleGiven)}`;
  }
  const family = rng.weighted(KINH_FAMILY);
  const middle = sex === 'nam' ? (rng.chance(0.45) ? 'Văn' : rng.pick(KINH_MALE_MIDDLE)) : rng.chance(0.6) ? 'Thị' : rng.pick(KINH_FEMALE_MIDDLE);
  return `${family} ${middle} ${rng.pick(sex === 'nam' ? KINH_MALE_GIVEN : KINH_FEMALE_GIVEN)}`;
}

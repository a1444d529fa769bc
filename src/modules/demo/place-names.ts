// Place and organisation names for the demo tree. Provinces are the 34 of the 2025
// reorganisation, with Vĩnh Phúc (the Bắc Bình article's province) standing in for Phú
// Thọ as the first one; the three-digit codes are the citizen-ID province codes.

export interface DemoProvince {
  code: string; // unit code prefix
  name: string; // "Vĩnh Phúc"
  label: string; // "tỉnh Vĩnh Phúc" / "thành phố Hà Nội", for addresses
  unitName: string; // "Đảng bộ tỉnh Vĩnh Phúc"
  idCode: string; // citizen-ID province code, 3 digits
  weight: number; // relative size
  minorityShare: number; // share of members from ethnic minorities
  minorities: readonly (readonly [string, number])[];
}

const NORTH_MIX = [
  ['Tày', 0.35],
  ['Thái', 0.25],
  ['Mông', 0.2],
  ['Dao', 0.2],
] as const;

function province(
  code: string,
  name: string,
  idCode: string,
  weight: number,
  minorityShare = 0.02,
  minorities: readonly (readonly [string, number])[] = NORTH_MIX,
  city = false,
): DemoProvince {
  const label = city ? `thành phố ${name}` : `tỉnh ${name}`;
  return { code, name, label, unitName: `Đảng bộ ${label}`, idCode, weight, minorityShare, minorities };
}

const HIGHLAND_THAI = [
  ['Thái', 0.5],
  ['Mông', 0.4],
  ['Dao', 0.1],
] as const;
const HIGHLAND_TAY = [
  ['Tày', 0.8],
  ['Dao', 0.1],
  ['Mông', 0.1],
] as const;
const HIGHLAND_MIX = [
  ['Mông', 0.35],
  ['Dao', 0.3],
  ['Tày', 0.35],
] as const;

export const PROVINCES: readonly DemoProvince[] = [
  province('VP', 'Vĩnh Phúc', '026', 1.2, 0.06, [
    ['Mông', 0.3],
    ['Thái', 0.2],
    ['Dao', 0.25],
    ['Tày', 0.25],
  ]),
  province('HN', 'Hà Nội', '001', 3.5, 0.01, NORTH_MIX, true),
  province('HUE', 'Huế', '046', 0.9, 0.02, NORTH_MIX, true),
  province('LCH', 'Lai Châu', '012', 0.4, 0.8, HIGHLAND_THAI),
  province('DB', 'Điện Biên', '011', 0.5, 0.8, HIGHLAND_THAI),
  province('SL', 'Sơn La', '014', 0.9, 0.8, HIGHLAND_THAI),
  province('LS', 'Lạng Sơn', '020', 0.7, 0.75, HIGHLAND_TAY),
  province('QNI', 'Quảng Ninh', '022', 1.1, 0.08),
  province('TH', 'Thanh Hóa', '038', 2.2, 0.12, HIGHLAND_THAI),
  province('NA', 'Nghệ An', '040', 2.0, 0.1, HIGHLAND_THAI),
  province('HT', 'Hà Tĩnh', '042', 1.0, 0.01),
  province('CB', 'Cao Bằng', '004', 0.5, 0.9, HIGHLAND_TAY),
  province('TQ', 'Tuyên Quang', '008', 1.0, 0.55, HIGHLAND_MIX),
  province('LCA', 'Lào Cai', '010', 1.0, 0.6, HIGHLAND_MIX),
  province('TN', 'Thái Nguyên', '019', 1.0, 0.25, HIGHLAND_TAY),
  province('BN', 'Bắc Ninh', '027', 1.4, 0.03),
  province('HY', 'Hưng Yên', '033', 1.4, 0.01),
  province('HP', 'Hải Phòng', '031', 1.7, 0.01, NORTH_MIX, true),
  province('NB', 'Ninh Bình', '037', 1.6, 0.02),
  province('QT', 'Quảng Trị', '045', 0.9, 0.04),
  province('DN', 'Đà Nẵng', '048', 1.3, 0.02, NORTH_MIX, true),
  province('QNG', 'Quảng Ngãi', '051', 1.0, 0.04),
  province('GL', 'Gia Lai', '064', 1.3, 0.05),
  province('KH', 'Khánh Hòa', '056', 1.0, 0.03),
  province('LD', 'Lâm Đồng', '068', 1.3, 0.05),
  province('DL', 'Đắk Lắk', '066', 1.2, 0.06),
  province('HCM', 'Hồ Chí Minh', '079', 3.5, 0.01, NORTH_MIX, true),
  province('DNA', 'Đồng Nai', '075', 1.4, 0.02),
  province('TNI', 'Tây Ninh', '072', 1.0, 0.01),
  province('CT', 'Cần Thơ', '092', 1.2, 0.01, NORTH_MIX, true),
  province('VL', 'Vĩnh Long', '086', 1.2, 0.01),
  province('DT', 'Đồng Tháp', '087', 1.1, 0.01),
  province('CM', 'Cà Mau', '096', 0.8, 0.01),
  province('AG', 'An Giang', '089', 1.3, 0.01),
];

/** Sino-Vietnamese syllables that make up most commune and village names. */
export const PLACE_SYLLABLES = [
  'An',
  'Bình',
  'Bắc',
  'Châu',
  'Cẩm',
  'Đại',
  'Đông',
  'Đồng',
  'Đức',
  'Gia',
  'Hà',
  'Hải',
  'Hòa',
  'Hồng',
  'Hưng',
  'Hương',
  'Kim',
  'Lạc',
  'Lâm',
  'Liên',
  'Long',
  'Lộc',
  'Minh',
  'Mỹ',
  'Nam',
  'Ngọc',
  'Nghĩa',
  'Phú',
  'Phúc',
  'Phong',
  'Quang',
  'Quảng',
  'Sơn',
  'Tân',
  'Tây',
  'Thạch',
  'Thái',
  'Thanh',
  'Thành',
  'Thịnh',
  'Thượng',
  'Thuận',
  'Tiến',
  'Trung',
  'Trường',
  'Tường',
  'Vĩnh',
  'Văn',
  'Xuân',
  'Yên',
  'Hợp',
  'Tam',
  'Lập',
  'Định',
  'Cao',
];

/** The commune of the Bắc Bình article: its eleven cells and their members. */
export const BAC_BINH = {
  name: 'Bắc Bình',
  cells: [
    { name: 'Chi bộ thôn Bắc Sơn', village: 'Bắc Sơn', profile: 'village', members: 46, establishedOn: '1962-03-15' },
    { name: 'Chi bộ thôn Đông Thịnh', village: 'Đông Thịnh', profile: 'village', members: 41, establishedOn: '1963-05-19' },
    { name: 'Chi bộ thôn Yên Lập', village: 'Yên Lập', profile: 'village', members: 38, establishedOn: '1965-09-02' },
    { name: 'Chi bộ thôn Tân Phong', village: 'Tân Phong', profile: 'village', members: 44, establishedOn: '1968-02-03' },
    { name: 'Chi bộ thôn Đồng Tâm', village: 'Đồng Tâm', profile: 'village', members: 35, establishedOn: '1972-06-10' },
    { name: 'Chi bộ thôn Hợp Thành', village: 'Hợp Thành', profile: 'village', members: 39, establishedOn: '1975-04-30' },
    { name: 'Chi bộ thôn Phú Cường', village: 'Phú Cường', profile: 'village', members: 33, establishedOn: '1978-12-22' },
    { name: 'Chi bộ Trường THCS Bắc Bình', village: null, profile: 'school', members: 20, establishedOn: '1986-09-05' },
    { name: 'Chi bộ Trường Tiểu học Bắc Bình', village: null, profile: 'school', members: 18, establishedOn: '1992-09-05' },
    { name: 'Chi bộ Công an xã', village: null, profile: 'police', members: 14, establishedOn: '2020-03-01' },
    { name: 'Chi bộ Quân sự xã', village: null, profile: 'military', members: 12, establishedOn: '1985-12-22' },
  ],
} as const;

export const COMMUNE_GRASSROOTS = {
  cellish: [
    ['school', 'Chi bộ Trường THCS {c}'],
    ['school', 'Chi bộ Trường Tiểu học {c}'],
    ['school', 'Chi bộ Trường Mầm non {c}'],
    ['health', 'Chi bộ Trạm Y tế {c}'],
    ['coop', 'Chi bộ Hợp tác xã Nông nghiệp {c}'],
    ['bank', 'Chi bộ Quỹ Tín dụng nhân dân {c}'],
    ['agency', 'Chi bộ Cơ quan Ủy ban nhân dân {c}'],
    ['agency', 'Chi bộ Cơ quan Đảng - Đoàn thể {c}'],
  ],
  committees: [
    ['enterprise', 'Đảng bộ Công ty Cổ phần May {c}'],
    ['enterprise', 'Đảng bộ Công ty TNHH Gạch Tuynel {c}'],
    ['enterprise', 'Đảng bộ Công ty Cổ phần Chế biến Nông sản {c}'],
    ['enterprise', 'Đảng bộ Công ty Cổ phần Xây dựng {c}'],
  ],
} as const;

export const PROVINCE_GRASSROOTS = {
  cellish: [
    ['school', 'Chi bộ Trường THPT {s}'],
    ['agency', 'Chi bộ Chi cục Thuế khu vực {s}'],
    ['bank', 'Chi bộ Ngân hàng Nông nghiệp chi nhánh {s}'],
    ['health', 'Chi bộ Trung tâm Y tế khu vực {s}'],
    ['agency', 'Chi bộ Chi cục Thống kê khu vực {s}'],
    ['agency', 'Chi bộ Kho bạc Nhà nước khu vực {s}'],
    ['bank', 'Chi bộ Ngân hàng Chính sách xã hội chi nhánh {s}'],
    ['school', 'Chi bộ Trung tâm Giáo dục thường xuyên {s}'],
  ],
  committees: [
    ['agency', 'Đảng bộ Sở Tài chính'],
    ['agency', 'Đảng bộ Sở Nội vụ'],
    ['school', 'Đảng bộ Sở Giáo dục và Đào tạo'],
    ['health', 'Đảng bộ Sở Y tế'],
    ['agency', 'Đảng bộ Sở Nông nghiệp và Môi trường'],
    ['agency', 'Đảng bộ Sở Xây dựng'],
    ['agency', 'Đảng bộ Sở Công Thương'],
    ['agency', 'Đảng bộ Sở Văn hóa, Thể thao và Du lịch'],
    ['health', 'Đảng bộ Bệnh viện Đa khoa tỉnh'],
    ['health', 'Đảng bộ Bệnh viện Sản - Nhi'],
    ['school', 'Đảng bộ Trường Cao đẳng Kinh tế - Kỹ thuật'],
    ['agency', 'Đảng bộ Báo và Phát thanh, Truyền hình'],
    ['enterprise', 'Đảng bộ Công ty Điện lực'],
    ['enterprise', 'Đảng bộ Công ty Cổ phần Cấp thoát nước'],
    ['agency', 'Đảng bộ Văn phòng Tỉnh ủy'],
    ['agency', 'Đảng bộ Văn phòng Ủy ban nhân dân tỉnh'],
    ['school', 'Đảng bộ Trường Chính trị tỉnh'],
    ['enterprise', 'Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị'],
  ],
  generatedCommittee: ['enterprise', 'Đảng bộ Công ty Cổ phần {s}'],
} as const;

/** Sub-cells inside a grassroots committee, by what kind of organisation it is. */
export const INNER_CELLS: Record<string, readonly string[]> = {
  health: [
    'Khoa Nội',
    'Khoa Ngoại',
    'Khoa Nhi',
    'Khoa Sản',
    'Khoa Hồi sức cấp cứu',
    'Khoa Khám bệnh',
    'Khoa Dược',
    'Khoa Xét nghiệm',
    'Phòng Kế hoạch tổng hợp',
    'Phòng Tổ chức cán bộ',
    'Phòng Tài chính kế toán',
    'Phòng Điều dưỡng',
  ],
  school: [
    'Khoa Khoa học cơ bản',
    'Khoa Kinh tế',
    'Khoa Kỹ thuật',
    'Phòng Đào tạo',
    'Phòng Hành chính - Tổng hợp',
    'Phòng Khảo thí',
    'Văn phòng Sở',
    'Phòng Giáo dục phổ thông',
    'Phòng Tổ chức cán bộ',
    'Thư viện',
  ],
  agency: [
    'Văn phòng',
    'Phòng Tổng hợp',
    'Phòng Tổ chức - Hành chính',
    'Phòng Kế hoạch - Tài chính',
    'Phòng Thanh tra',
    'Phòng Pháp chế',
    'Phòng Quản lý chuyên ngành',
    'Trung tâm Dịch vụ công',
    'Chi cục trực thuộc số 1',
    'Chi cục trực thuộc số 2',
  ],
  enterprise: [
    'Phòng Kỹ thuật',
    'Phòng Kinh doanh',
    'Phòng Tổ chức - Hành chính',
    'Phòng Tài chính - Kế toán',
    'Phân xưởng số 1',
    'Phân xưởng số 2',
    'Phân xưởng số 3',
    'Đội Xây lắp',
    'Đội Vận tải',
    'Xí nghiệp Dịch vụ',
  ],
};

/**
 * Party organisations directly under the Central Committee besides the provinces (code,
 * name, profile of their cells, relative size).
 */
export const CENTRAL_COMMITTEES: readonly (readonly [string, string, 'agency' | 'military' | 'police', number])[] = [
  ['TW.CQD', 'Đảng bộ các cơ quan Đảng Trung ương', 'agency', 1],
  ['TW.CP', 'Đảng bộ Chính phủ', 'agency', 3],
  ['TW.QH', 'Đảng bộ Quốc hội', 'agency', 0.5],
  ['TW.MT', 'Đảng bộ Mặt trận Tổ quốc, các đoàn thể Trung ương', 'agency', 0.5],
  ['TW.QUTW', 'Đảng bộ Quân đội (Quân ủy Trung ương)', 'military', 3],
  ['TW.CATW', 'Đảng bộ Công an Trung ương', 'police', 2],
];

// The demo's members, cell by cell, without touching a database: plausible ages for the
// kind of cell (villages older, schools and agencies of working age), admission after
// the 18th birthday, full membership 12 months later (a few still probationary), some
// elderly members exempted from meetings, theory levels, occupations, unique citizen
// IDs and party card numbers, and each unit's secretary and deputy drawn from them.
// Names use their own random stream, so they do not change with the reference date.
import type { MemberStatus } from '../../db/types.ts';
import { addDays, ageOn, isoDate } from '../../domain/calendar.ts';
import { PLACE_SYLLABLES, PROVINCES } from './place-names.ts';
import type { DemoPlan, DemoUnit, UnitProfile } from './plan-units.ts';
import { hashSeed, Rng } from './random.ts';
import { personName, type Sex } from './vietnamese-names.ts';

export type TheoryLevel = 'so_cap' | 'trung_cap' | 'cao_cap' | 'cu_nhan';

export interface DemoMember {
  /** 0-based, in generation order. */
  index: number;
  unitIndex: number;
  fullName: string;
  sex: Sex;
  dateOfBirth: string;
  ethnicity: string;
  religion: string;
  hometown: string;
  residence: string;
  citizenId: string;
  partyCardNumber: string | null;
  admittedOn: string;
  fullMemberOn: string | null;
  education: string;
  theoryLevel: TheoryLevel | null;
  occupation: string;
  position: string | null;
  phone: string | null;
  status: Extract<MemberStatus, 'du_bi' | 'chinh_thuc' | 'mien_sinh_hoat'>;
  joinedUnitOn: string;
  exemptedOn: string | null;
  admissionDecision: string;
  fullMemberDecision: string | null;
  exemptionDecision: string | null;
}

export interface DemoCommittee {
  unitIndex: number;
  memberIndex: number;
  fullName: string;
  position: 'bi_thu' | 'pho_bi_thu';
  validFrom: string;
  decisionNumber: string;
}

export interface DemoCellBatch {
  unit: DemoUnit;
  members: DemoMember[];
  committees: DemoCommittee[];
}

// ---- dates as 'YYYY-MM-DD', computed in UTC so no time zone shifts a day ----
const toTime = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
/** Same day `years` later; 29/2 becomes 1/3 in a common year, as Date does. */
export function addYears(d: string, years: number): string {
  const dt = new Date(toTime(d));
  dt.setUTCFullYear(dt.getUTCFullYear() + years);
  return isoDate(dt.getTime());
}
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

const WORKING: readonly UnitProfile[] = ['school', 'police', 'military', 'health', 'agency', 'enterprise', 'bank'];

const FEMALE_SHARE: Record<UnitProfile, number> = {
  province: 0.4,
  commune: 0.4,
  committee: 0.4,
  village: 0.35,
  ward_group: 0.45,
  school: 0.7,
  police: 0.1,
  military: 0.05,
  health: 0.6,
  agency: 0.45,
  enterprise: 0.4,
  coop: 0.3,
  bank: 0.55,
};

// Birth decades of village members: many older members, as the articles describe.
const VILLAGE_DECADES = [
  [1940, 0.12],
  [1950, 0.2],
  [1960, 0.22],
  [1970, 0.18],
  [1980, 0.15],
  [1990, 0.1],
  [2000, 0.03],
] as const;

const OCCUPATIONS: Record<UnitProfile, readonly (readonly [string, number])[]> = {
  province: [['Công chức', 1]],
  commune: [['Công chức', 1]],
  committee: [['Công chức', 1]],
  village: [
    ['Nông dân', 0.45],
    ['Kinh doanh', 0.15],
    ['Công nhân', 0.15],
    ['Lao động tự do', 0.1],
    ['Cán bộ thôn', 0.05],
    ['Giáo viên', 0.05],
    ['Công chức xã', 0.05],
  ],
  ward_group: [
    ['Kinh doanh', 0.3],
    ['Viên chức', 0.2],
    ['Công nhân', 0.2],
    ['Lao động tự do', 0.15],
    ['Công chức', 0.15],
  ],
  school: [
    ['Giáo viên', 0.85],
    ['Nhân viên', 0.1],
    ['Cán bộ quản lý giáo dục', 0.05],
  ],
  police: [['Công an', 1]],
  military: [['Quân nhân', 1]],
  health: [
    ['Bác sĩ', 0.35],
    ['Điều dưỡng', 0.35],
    ['Dược sĩ', 0.1],
    ['Kỹ thuật viên y tế', 0.1],
    ['Nhân viên hành chính', 0.1],
  ],
  agency: [
    ['Công chức', 0.6],
    ['Viên chức', 0.3],
    ['Nhân viên hợp đồng', 0.1],
  ],
  enterprise: [
    ['Công nhân', 0.5],
    ['Kỹ sư', 0.2],
    ['Nhân viên văn phòng', 0.2],
    ['Quản lý doanh nghiệp', 0.1],
  ],
  coop: [
    ['Xã viên hợp tác xã', 0.7],
    ['Nông dân', 0.3],
  ],
  bank: [['Nhân viên ngân hàng', 1]],
};
const RETIRED = [
  ['Hưu trí', 0.6],
  ['Nông dân', 0.3],
  ['Cựu chiến binh', 0.1],
] as const;

const PHONE_PREFIXES = [
  '091',
  '094',
  '088',
  '098',
  '097',
  '096',
  '086',
  '090',
  '093',
  '089',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '082',
  '083',
  '084',
  '085',
];

function theoryLevel(rng: Rng, profile: UnitProfile): TheoryLevel | null {
  if (profile === 'agency' || profile === 'police' || profile === 'military') {
    return rng.weighted<TheoryLevel | null>([
      ['so_cap', 0.3],
      ['trung_cap', 0.45],
      ['cao_cap', 0.15],
      ['cu_nhan', 0.05],
      [null, 0.05],
    ]);
  }
  if (WORKING.includes(profile))
    return rng.weighted<TheoryLevel | null>([
      ['so_cap', 0.6],
      ['trung_cap', 0.25],
      ['cao_cap', 0.02],
      [null, 0.13],
    ]);
  return rng.weighted<TheoryLevel | null>([
    ['so_cap', 0.55],
    ['trung_cap', 0.12],
    [null, 0.33],
  ]);
}

function education(rng: Rng, profile: UnitProfile, birthYear: number): string {
  if (WORKING.includes(profile)) {
    return rng.weighted([
      ['Đại học', 0.55],
      ['Thạc sĩ', profile === 'enterprise' ? 0.03 : 0.1],
      ['Cao đẳng', 0.15],
      ['Trung cấp', 0.1],
      ['12/12', 0.1],
    ]);
  }
  if (birthYear < 1960)
    return rng.weighted([
      ['7/10', 0.4],
      ['10/10', 0.4],
      ['Trung cấp', 0.2],
    ]);
  return rng.weighted([
    ['12/12', 0.5],
    ['9/12', 0.2],
    ['Trung cấp', 0.15],
    ['Cao đẳng', 0.05],
    ['Đại học', 0.1],
  ]);
}

function birthDate(rng: Rng, profile: UnitProfile, asOfYear: number): string {
  let year: number;
  if (profile === 'village' || profile === 'ward_group' || profile === 'coop') {
    const decade = rng.weighted(VILLAGE_DECADES);
    year = decade === 2000 ? rng.int(2000, 2004) : decade + rng.int(0, 9);
  } else if (profile === 'military') {
    year = Math.round(rng.bell(1975, 2002));
  } else {
    // Working age: at most 60 on the reference date, born 1966–2003.
    year = Math.round(rng.bell(Math.max(1966, asOfYear - 60), 2003));
  }
  year = Math.min(2004, Math.max(1940, year));
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function committeeTitles(unit: DemoUnit): [string, string] {
  switch (unit.kind) {
    case 'dang_bo_tinh': {
      const body = unit.name.includes('thành phố') ? 'Thành ủy' : 'Tỉnh ủy';
      return [`Bí thư ${body}`, `Phó Bí thư ${body}`];
    }
    case 'dang_bo_xa': {
      const level = unit.name.includes('phường') ? 'phường' : 'xã';
      return [`Bí thư Đảng ủy ${level}`, `Phó Bí thư Đảng ủy ${level}`];
    }
    case 'dang_bo_co_so':
      return ['Bí thư Đảng ủy', 'Phó Bí thư Đảng ủy'];
    default:
      return ['Bí thư Chi bộ', 'Phó Bí thư Chi bộ'];
  }
}

function committeeTerm(unit: DemoUnit, rng: Rng, asOf: string): { validFrom: string; decisionNumber: string } {
  // Congresses for the 2025–2030 term: cells in spring, grassroots and communes in summer, provinces in autumn.
  const [from, issuer] =
    unit.kind === 'dang_bo_tinh'
      ? ['2025-10-01', 'QĐ/TW']
      : unit.kind === 'dang_bo_xa' || unit.kind === 'dang_bo_co_so'
        ? ['2025-08-15', 'QĐ/TU']
        : ['2025-05-20', 'QĐ/ĐU'];
  return { validFrom: minDate(addDays(from, rng.int(0, 20)), asOf), decisionNumber: `${rng.int(10, 999)}-${issuer}` };
}

/** Members and committees of every cell in the plan, cell by cell, in tree order. */
export function* generateMembers(plan: DemoPlan, asOf: string): Generator<DemoCellBatch> {
  const asOfYear = Number(asOf.slice(0, 4));
  const perProvince = new Map<number, number>();
  const idMix = hashSeed('ids', plan.seed) % 1_000_000;
  let nextIndex = 0;
  for (const unit of plan.units) {
    if (unit.memberCount === 0) continue;
    const province = PROVINCES[unit.province]!;
    const names = new Rng(hashSeed(`${unit.code}#names`, plan.seed));
    const life = new Rng(hashSeed(`${unit.code}#life`, plan.seed));
    const communePlace = unit.commune ?? `xã ${life.pick(PLACE_SYLLABLES)} ${life.pick(PLACE_SYLLABLES)}`;
    const members: DemoMember[] = [];
    for (let k = 0; k < unit.memberCount; k++) {
      const sex: Sex = names.chance(FEMALE_SHARE[unit.profile]) ? 'nu' : 'nam';
      const ethnicity = names.chance(province.minorityShare) ? names.weighted(province.minorities) : 'Kinh';
      const fullName = personName(names, sex, ethnicity);

      const dateOfBirth = birthDate(life, unit.profile, asOfYear);
      const birthYear = Number(dateOfBirth.slice(0, 4));
      const age = ageOn(dateOfBirth, asOf);
      const adult = addYears(dateOfBirth, 18);
      const probationary = age <= 60 && life.chance(0.03);
      let admittedOn: string;
      if (probationary) {
        admittedOn = addDays(asOf, -life.int(20, 340));
      } else {
        const admissionAge = WORKING.includes(unit.profile) ? life.bell(20, 35) : life.bell(19, 45);
        admittedOn = addDays(addYears(dateOfBirth, Math.floor(admissionAge)), life.int(0, 364));
        // Full members were admitted more than a year ago.
        admittedOn = maxDate(addDays(adult, life.int(0, 200)), minDate(admittedOn, addDays(asOf, -400 - life.int(0, 2000))));
      }
      const fullMemberOn = probationary ? null : addYears(admittedOn, 1);
      let exemptedOn: string | null = null;
      if (!probationary && age >= 70 && (unit.profile === 'village' || unit.profile === 'ward_group') && life.chance(0.12)) {
        exemptedOn = minDate(addDays(asOf, -30), maxDate(addDays(fullMemberOn!, 1), addDays(addYears(dateOfBirth, 70), life.int(0, 5 * 365))));
      }
      const status = probationary ? 'du_bi' : exemptedOn ? 'mien_sinh_hoat' : 'chinh_thuc';
      const transferredIn = life.chance(0.25);
      let joinedUnitOn = maxDate(admittedOn, unit.establishedOn);
      if (transferredIn && !probationary) joinedUnitOn = maxDate(joinedUnitOn, minDate(addDays(asOf, -60), addDays(admittedOn, life.int(365, 15 * 365))));

      const counter = perProvince.get(unit.province) ?? 0;
      perProvince.set(unit.province, counter + 1);
      const centurySex = (birthYear >= 2000 ? 2 : 0) + (sex === 'nu' ? 1 : 0);
      const citizenId = `${province.idCode}${centurySex}${String(birthYear % 100).padStart(2, '0')}${String((counter * 387_403 + idMix) % 1_000_000).padStart(6, '0')}`;
      const partyCardNumber = probationary ? null : `${province.idCode.slice(1)}.${String((counter * 104_729 + idMix) % 1_000_000).padStart(6, '0')}`;

      const occupation = age >= 60 && !WORKING.includes(unit.profile) ? life.weighted(RETIRED) : life.weighted(OCCUPATIONS[unit.profile]);
      const religion = life.weighted([
        ['Không', 0.9],
        ['Phật giáo', 0.06],
        ['Công giáo', 0.03],
        ['Tin lành', 0.01],
      ]);
      const hometown = life.chance(0.7)
        ? `${communePlace}, ${province.label}`
        : `xã ${life.pick(PLACE_SYLLABLES)} ${life.pick(PLACE_SYLLABLES)}, ${province.label}`;
      const residence = unit.village
        ? `${unit.village}, ${communePlace}, ${province.label}`
        : `thôn ${life.pick(PLACE_SYLLABLES)} ${life.pick(PLACE_SYLLABLES)}, ${communePlace}, ${province.label}`;
      const phone = life.chance(age >= 75 ? 0.4 : 0.85) ? `${life.pick(PHONE_PREFIXES)}${String(life.int(0, 9_999_999)).padStart(7, '0')}` : null;

      members.push({
        index: nextIndex++,
        unitIndex: unit.index,
        fullName,
        sex,
        dateOfBirth,
        ethnicity,
        religion,
        hometown,
        residence,
        citizenId,
        partyCardNumber,
        admittedOn,
        fullMemberOn,
        education: education(life, unit.profile, birthYear),
        theoryLevel: theoryLevel(life, unit.profile),
        occupation,
        position: null,
        phone,
        status,
        joinedUnitOn,
        exemptedOn,
        admissionDecision: `${life.int(1, 999)}-QĐ/ĐU`,
        fullMemberDecision: fullMemberOn ? `${life.int(1, 999)}-QĐ/ĐU` : null,
        exemptionDecision: exemptedOn ? `${life.int(1, 99)}-NQ/CB` : null,
      });
    }

    // Secretaries and deputies: full members of working age first, each person once.
    const eligible = members.filter((m) => m.status === 'chinh_thuc' && ageOn(m.dateOfBirth, asOf) >= 28 && ageOn(m.dateOfBirth, asOf) <= 62);
    for (let i = eligible.length - 1; i > 0; i--) {
      const j = life.int(0, i);
      [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
    }
    const order = [
      ...eligible,
      ...members.filter((m) => m.status === 'chinh_thuc' && !eligible.includes(m)),
      ...members.filter((m) => m.status !== 'chinh_thuc'),
    ];
    const committees: DemoCommittee[] = [];
    let next = 0;
    for (const unitIndex of unit.suppliesCommittees) {
      const target = plan.units[unitIndex]!;
      const titles = committeeTitles(target);
      const term = committeeTerm(target, life, asOf);
      (['bi_thu', 'pho_bi_thu'] as const).forEach((position, p) => {
        const person = order[next++];
        if (!person) return;
        person.position = titles[p]!;
        // Committee members have had at least the elementary political-theory course.
        if (person.theoryLevel === null) person.theoryLevel = target.kind === 'chi_bo' || target.kind === 'chi_bo_co_so' ? 'so_cap' : 'trung_cap';
        committees.push({ unitIndex, memberIndex: person.index, fullName: person.fullName, position, ...term });
      });
    }
    yield { unit, members, committees };
  }
}

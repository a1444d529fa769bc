// Member figures under units on a date: one aggregate (GROUPING SETS) over the members
// placed under the root then, joined to their records. Ages and party ages are counted
// on the date asked, in the bands of src/domain/figure-bands.ts.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { AGE_BANDS, type Band, PARTY_AGE_BANDS, UNKNOWN_KEY } from '../../domain/figure-bands.ts';
import { membersUnderOn } from './history.ts';

/** SQL: the band key of an integer expression, from a band table. */
function bandCase(value: RawBuilder<unknown> | ReturnType<typeof sql.ref>, bands: readonly Band[]): RawBuilder<string> {
  const whens = bands.filter((b) => b.max !== null).map((b) => sql`when ${value} <= ${sql.lit(b.max)} then ${sql.lit(b.key)}`);
  return sql<string>`case ${sql.join(whens, sql` `)} else ${sql.lit(bands[bands.length - 1]!.key)} end`;
}

// Which grouping set a row belongs to, by the bits of grouping(...) over GROUP_COLUMNS.
const GROUP_COLUMNS = ['unit_id', 'status', 'sex', 'age_band', 'ethnicity', 'religion', 'education', 'theory', 'party_band'] as const;
type Column = (typeof GROUP_COLUMNS)[number];

export interface MemberFigureRow {
  g: number;
  n: number;
  unit_id: number | null;
  status: string | null;
  sex: string | null;
  age_band: string | null;
  ethnicity: string | null;
  religion: string | null;
  education: string | null;
  theory: string | null;
  party_band: string | null;
}

/** The SQL of the aggregate (also kept as a reviewed snapshot). */
export function memberFiguresSql(rootId: number, date: string) {
  // Whole years as integer arithmetic on YYYYMMDD (cheaper than age() per row): a birthday
  // counts on the day itself, 29/2 on 1/3 in other years — as wholeYears() in figure-bands.ts.
  const on = Number(date.replaceAll('-', ''));
  const ymd = (col: string) =>
    sql`(date_part('year', ${sql.ref(col)}) * 10000 + date_part('month', ${sql.ref(col)}) * 100 + date_part('day', ${sql.ref(col)}))::int`;
  return sql<MemberFigureRow>`
    with y as materialized (
      select mu.unit_id, mu.status, mb.sex, mb.ethnicity, mb.religion, mb.education, mb.theory_level,
        (${on} - ${ymd('mb.date_of_birth')}) / 10000 as age,
        case when mb.admitted_on <= ${date}::date then (${on} - ${ymd('mb.admitted_on')}) / 10000 end as party_years
      from (${membersUnderOn([rootId], date)}) mu join members mb on mb.id = mu.member_id
    ), m as (
      select unit_id, status, sex, ${bandCase(sql.ref('age'), AGE_BANDS)} as age_band,
        ethnicity, religion, coalesce(nullif(education, ''), ${UNKNOWN_KEY}) as education,
        coalesce(theory_level, ${UNKNOWN_KEY}) as theory,
        case when party_years is null then ${UNKNOWN_KEY} else ${bandCase(sql.ref('party_years'), PARTY_AGE_BANDS)} end as party_band
      from y
    )
    select grouping(${sql.join(GROUP_COLUMNS.map((c) => sql.ref(c)))})::int as g, count(*)::int as n,
      ${sql.join(GROUP_COLUMNS.map((c) => sql.ref(c)))}
    from m
    group by grouping sets ((unit_id), (status), (age_band, sex), (ethnicity), (religion), (education), (theory), (party_band))`;
}

/** The grouping() bitmask of a set: bit (k-1-i) is 1 when column i is NOT in the set. */
function maskOf(set: readonly Column[]): number {
  return GROUP_COLUMNS.reduce((mask, c, i) => (set.includes(c) ? mask : mask | (1 << (GROUP_COLUMNS.length - 1 - i))), 0);
}

export interface MemberAggregate {
  perUnit: Map<number, number>;
  byStatus: Map<string, number>;
  byAgeBandAndSex: Map<string, { nam: number; nu: number }>;
  byEthnicity: Map<string, number>;
  byReligion: Map<string, number>;
  byEducation: Map<string, number>;
  byTheoryLevel: Map<string, number>;
  byPartyAge: Map<string, number>;
}

export async function memberAggregate(db: Db, rootId: number, date: string): Promise<MemberAggregate> {
  const { rows } = await memberFiguresSql(rootId, date).execute(db);
  const out: MemberAggregate = {
    perUnit: new Map(),
    byStatus: new Map(),
    byAgeBandAndSex: new Map(),
    byEthnicity: new Map(),
    byReligion: new Map(),
    byEducation: new Map(),
    byTheoryLevel: new Map(),
    byPartyAge: new Map(),
  };
  const single: [Column, Map<string, number>][] = [
    ['status', out.byStatus],
    ['ethnicity', out.byEthnicity],
    ['religion', out.byReligion],
    ['education', out.byEducation],
    ['theory', out.byTheoryLevel],
    ['party_band', out.byPartyAge],
  ];
  for (const r of rows) {
    if (r.g === maskOf(['unit_id'])) {
      out.perUnit.set(r.unit_id!, r.n);
      continue;
    }
    if (r.g === maskOf(['age_band', 'sex'])) {
      const e = out.byAgeBandAndSex.get(r.age_band!) ?? { nam: 0, nu: 0 };
      e[r.sex as 'nam' | 'nu'] += r.n;
      out.byAgeBandAndSex.set(r.age_band!, e);
      continue;
    }
    for (const [col, map] of single) if (r.g === maskOf([col])) map.set(String(r[col]), r.n);
  }
  return out;
}

// Member figures under units on a date: one aggregate (GROUPING SETS) over the member facts
// (table member_facts: each member's stretches in one unit with one status, with the
// attributes counted) of the units under the root then. Ages and party ages are counted
// in whole years on the date asked, grouped by year in SQL (narrow integer keys keep the
// aggregate in memory) and put in the bands of src/domain/figure-bands.ts here.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { AGE_BANDS, bandOf, PARTY_AGE_BANDS, UNKNOWN_KEY } from '../../domain/figure-bands.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { ancestryUnderOn } from '../org-history/units-under.ts';
import { validOn } from '../org-history/valid-on.ts';

// Which grouping set a row belongs to, by the bits of grouping(...) over GROUP_COLUMNS.
const GROUP_COLUMNS = ['unit_id', 'status', 'sex', 'age', 'ethnicity', 'religion', 'education', 'theory', 'party_years'] as const;
type Column = (typeof GROUP_COLUMNS)[number];
// A set's key: in each row every column outside its set is null, so the first non-null one
// (age before sex: sex comes apart).
const KEY_COLUMNS = GROUP_COLUMNS.filter((c) => c !== 'sex');

/**
 * One count of one grouping set: `k` is the set's key as text (the unit id, the status, the
 * age in years, …; null where the value is null — in the party-age set, members not
 * admitted by the date), `s` the sex in the age set. Narrow rows: a commune's 210 of them
 * came back as 32 KB of JSON with every column named, 7 KB so.
 */
export interface MemberFigureRow {
  g: number;
  n: number;
  k: string | null;
  s: string | null;
}

/**
 * The SQL of the aggregate (also kept as a reviewed snapshot): the units under the root on
 * the date (unit_ancestry) joined to the member facts in force then (table member_facts,
 * kept by triggers: one row per stretch of a member in one unit with one status, with the
 * attributes counted here) — the members of membersUnderOn, without joining placements,
 * statuses and members again for every figure.
 */
export function memberFiguresSql(rootId: number, date: string) {
  // Whole years as integer arithmetic on YYYYMMDD (kept as born_ymd / admitted_ymd): a
  // birthday counts on the day itself, 29/2 on 1/3 in other years — as wholeYears() in figure-bands.ts.
  const on = Number(date.replaceAll('-', ''));
  return sql<MemberFigureRow>`
    with m as (
      select f.unit_id, f.status, f.sex, (${on} - f.born_ymd) / 10000 as age,
        f.ethnicity, f.religion, coalesce(nullif(f.education, ''), ${UNKNOWN_KEY}) as education,
        coalesce(f.theory_level, ${UNKNOWN_KEY}) as theory,
        case when f.admitted_ymd <= ${on} then (${on} - f.admitted_ymd) / 10000 end as party_years
      from (${ancestryUnderOn([rootId], date)}) a
      join member_facts f on f.unit_id = a.unit_id and ${validOn('f', date)}
      where not (f.status = any(${sql.val([...LEAVING_STATUSES])}::text[]))
    )
    select grouping(${sql.join(GROUP_COLUMNS.map((c) => sql.ref(c)))})::int as g, count(*)::int as n,
      coalesce(${sql.join(KEY_COLUMNS.map((c) => sql`${sql.ref(c)}::text`))}) as k, sex as s
    from m
    group by grouping sets ((unit_id), (status), (age, sex), (ethnicity), (religion), (education), (theory), (party_years))`;
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

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/** The members under the root on the date, counted by memberFiguresSql. */
export async function memberAggregate(db: Db, rootId: number, date: string): Promise<MemberAggregate> {
  return memberAggregateOf((await memberFiguresSql(rootId, date).execute(db)).rows);
}

/** The rows of memberFiguresSql, put in their figures. */
export function memberAggregateOf(rows: readonly MemberFigureRow[]): MemberAggregate {
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
  const single = new Map<number, Map<string, number>>([
    [maskOf(['status']), out.byStatus],
    [maskOf(['ethnicity']), out.byEthnicity],
    [maskOf(['religion']), out.byReligion],
    [maskOf(['education']), out.byEducation],
    [maskOf(['theory']), out.byTheoryLevel],
  ]);
  for (const r of rows) {
    if (r.g === maskOf(['unit_id'])) {
      out.perUnit.set(Number(r.k), r.n);
    } else if (r.g === maskOf(['age', 'sex'])) {
      const band = bandOf(Number(r.k), AGE_BANDS);
      const e = out.byAgeBandAndSex.get(band) ?? { nam: 0, nu: 0 };
      e[r.s as 'nam' | 'nu'] += r.n;
      out.byAgeBandAndSex.set(band, e);
    } else if (r.g === maskOf(['party_years'])) {
      add(out.byPartyAge, r.k === null ? UNKNOWN_KEY : bandOf(Number(r.k), PARTY_AGE_BANDS), r.n);
    } else {
      const map = single.get(r.g);
      if (map) map.set(String(r.k), r.n);
    }
  }
  return out;
}

// The grading figures (issue 9 items 6 and 7), in the figures engine: for any unit subtree
// and period (GET /figures/units/{id}/grading, and GET /grading/results), the members and the
// organisations under the unit on the period's end date (units-under.ts, never today's
// tree), by grade, each count with its numerator and denominator — of those graded and of
// all — and the cells recognised "Chi bộ 4 tốt" with countFourGood (a chi bộ cơ sở counts as
// a cell, a đảng bộ cơ sở does not; the split under committees / grassroots cells). The
// entries counted are those of every period with these dates, whichever unit opened it (a
// commune's period grades the members of a cell asked about here). For a year, the members
// eligible for the reward (HTXSNV N years running, grading-reward.ts) under the reward rule
// of the rule set their last year was graded under.
import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { share } from '../../domain/figure-bands.ts';
import { countFourGood } from '../../domain/four-good.ts';
import { rewardEligibility } from '../../domain/grading-reward.ts';
import { GRADES, type Grade, gradingRulesSchema } from '../../domain/grading-rules.ts';
import { compareVietnameseNames } from '../../domain/vietnamese.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import { type Access, coversSubtree } from '../access/access.ts';
import { GRADED_ORGANISATION_KINDS } from '../grading/open-period.ts';
import type { ResultsOut } from '../grading/schemas.ts';
import { membersUnderOn, unitOn, unitsUnderOn } from '../org-history/units-under.ts';
import { countingRulesFor } from '../rule-sets/counting-rules.ts';

function byGrade(grades: readonly Grade[], graded: number, all: number) {
  return GRADES.map((grade) => {
    const n = grades.filter((g) => g === grade).length;
    return { grade, ofGraded: share(n, graded), ofAll: share(n, all) };
  });
}

export async function gradingResults(db: Db, access: Access, lang: Lang, q: { unitId: number; startsOn: string; endsOn: string }): Promise<ResultsOut> {
  const end = q.endsOn;
  await unitOn(db, q.unitId, end, access.scope('read'));
  const periods = db.selectFrom('grading_periods').select('id').where('starts_on', '=', q.startsOn).where('ends_on', '=', end);

  // Members: all under the unit on the end date; their entry (if a period put them on a roll).
  const { rows: members } = await sql<{
    member_id: number;
    excluded: { key: string; params: Record<string, string | number> } | null;
    grade: Grade | null;
    on_roll: boolean;
  }>`
    select mu.member_id, e.excluded, e.grade, e.id is not null as on_roll
      from (${membersUnderOn([q.unitId], end)}) mu
      left join lateral (
        select e.excluded, e.grade, e.id from grading_entries e
         where e.subject = 'member' and e.member_id = mu.member_id and e.period_id in (${periods})
         order by e.id desc limit 1) e on true`.execute(db);
  const all = members.length;
  const graded = members.filter((m) => m.on_roll && m.excluded === null);
  const memberGrades = graded.flatMap((m) => (m.grade ? [m.grade] : []));
  const excludedCounts = new Map<string, { text: string; n: number }>();
  for (const m of members) {
    if (!m.excluded) continue;
    const c = excludedCounts.get(m.excluded.key) ?? { text: t(lang, `grading.excluded_label.${m.excluded.key.split('.').pop()}`), n: 0 };
    c.n++;
    excludedCounts.set(m.excluded.key, c);
  }

  // Organisations: the graded kinds under the unit on the end date.
  const { rows: orgs } = await sql<{
    unit_id: number;
    kind: UnitKind;
    parent_id: number | null;
    grade: Grade | null;
    four_good: boolean | null;
    on_roll: boolean;
  }>`
    select uu.unit_id, uu.kind, uu.parent_id, e.grade, e.four_good, e.id is not null as on_roll
      from (${unitsUnderOn([q.unitId], end)}) uu
      left join lateral (
        select e.grade, e.four_good, e.id from grading_entries e
         where e.subject = 'organisation' and e.unit_id = uu.unit_id and e.period_id in (${periods})
         order by e.id desc limit 1) e on true`.execute(db);
  const gradedOrgs = orgs.filter((o) => GRADED_ORGANISATION_KINDS.includes(o.kind));
  const orgGrades = gradedOrgs.flatMap((o) => (o.grade ? [o.grade] : []));
  const onRoll = gradedOrgs.filter((o) => o.on_roll).length;

  // "4 tốt": the whole subtree on the end date (so a committee holding cells is known as one).
  const { rows: tree } = await sql<{ unit_id: number; kind: UnitKind; parent_id: number | null }>`
    select uu.unit_id, uu.kind, uu.parent_id from (${unitsUnderOn([q.unitId], end)}) uu`.execute(db);
  const counting = await countingRulesFor(db, q.unitId, end);
  const fourGood = countFourGood(
    tree.map((u) => ({ id: u.unit_id, kind: u.kind, parentId: u.parent_id })),
    new Set(orgs.filter((o) => o.four_good === true).map((o) => o.unit_id)),
    end,
    counting.body,
  );

  const reward = await rewardEligible(
    db,
    access,
    q,
    members.map((m) => m.member_id),
  );

  return {
    unitId: q.unitId,
    startsOn: q.startsOn,
    endsOn: end,
    members: {
      graded: share(graded.length, all),
      decided: memberGrades.length,
      excluded: [...excludedCounts].map(([key, c]) => ({ key, text: c.text, n: c.n })),
      byGrade: byGrade(memberGrades, graded.length, all),
      rewardEligible: reward,
    },
    organisations: {
      graded: share(onRoll, gradedOrgs.length),
      decided: orgGrades.length,
      byGrade: byGrade(orgGrades, onRoll, gradedOrgs.length),
      gradeLabels: await olderScaleLabels(db, q, lang),
    },
    fourGood,
  };
}

/**
 * Members eligible for the reward at the end of a year period: graded (in force, after
 * amendments) the reward grade every one of the last N years, by year periods. Named only
 * to a caller who sees the whole subtree (as every figure that names below the unit).
 */
async function rewardEligible(
  db: Db,
  access: Access,
  q: { unitId: number; startsOn: string; endsOn: string },
  memberIds: number[],
): Promise<ResultsOut['members']['rewardEligible']> {
  const year = Number(q.endsOn.slice(0, 4));
  const none = { n: 0, rule: null, members: [] };
  if (q.startsOn !== `${year}-01-01` || q.endsOn !== `${year}-12-31` || memberIds.length === 0) return none;
  const periods = await db
    .selectFrom('grading_periods')
    .select(['id', 'rules', 'ends_on'])
    .where('kind', '=', 'year')
    .where('starts_on', '=', q.startsOn)
    .where('ends_on', '=', q.endsOn)
    .orderBy('id', 'desc')
    .execute();
  if (periods.length === 0) return none;
  const rule = gradingRulesSchema.parse(periods[0]!.rules).reward;
  const rows = await db
    .selectFrom('grading_entries as e')
    .innerJoin('grading_periods as p', 'p.id', 'e.period_id')
    .innerJoin('members as m', 'm.id', 'e.member_id')
    .select(['e.member_id', 'e.grade', 'p.ends_on', 'm.full_name'])
    .where('p.kind', '=', 'year')
    .where('e.subject', '=', 'member')
    .where(sql<boolean>`e.member_id = any(${sql.val(memberIds)}::int[])`)
    .where('e.grade', 'is not', null)
    .where('p.ends_on', '>', `${year - rule.consecutiveYears}-12-31`)
    .where('p.ends_on', '<=', q.endsOn)
    .orderBy('e.id')
    .execute();
  const byMember = new Map<number, { name: string; grades: Map<number, Grade | null> }>();
  for (const r of rows) {
    const m = byMember.get(r.member_id!) ?? { name: r.full_name, grades: new Map() };
    // A year graded twice (two periods with its dates): the later entry wins, as in the counts.
    m.grades.set(Number(r.ends_on.slice(0, 4)), r.grade as Grade);
    byMember.set(r.member_id!, m);
  }
  const eligible = [...byMember]
    .map(([memberId, m]) => ({ memberId, name: m.name, check: rewardEligibility(rule, m.grades, year) }))
    .filter((m) => m.check.eligible)
    .sort((a, b) => compareVietnameseNames(a.name, b.name));
  const { rows: path } = await sql<{ path: string }>`select path from units where id = ${q.unitId}`.execute(db);
  const named = path[0] !== undefined && coversSubtree(access.scope('read'), path[0].path);
  return {
    n: eligible.length,
    rule: { grade: rule.grade, consecutiveYears: rule.consecutiveYears, from: year - rule.consecutiveYears + 1, to: year },
    members: named ? eligible.map((m) => ({ memberId: m.memberId, name: m.name })) : [],
  };
}

/** The organisations' grade words of an older scale ("Trong sạch, vững mạnh"…) when a period with these dates was graded under one; else null. */
async function olderScaleLabels(db: Db, q: { startsOn: string; endsOn: string }, lang: Lang): Promise<ResultsOut['organisations']['gradeLabels']> {
  const rows = await db
    .selectFrom('grading_periods')
    .select('rules')
    .where('starts_on', '=', q.startsOn)
    .where('ends_on', '=', q.endsOn)
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) {
    const labels = gradingRulesSchema.safeParse(r.rules).data?.organisationGradeLabels;
    if (labels) return GRADES.map((grade) => ({ grade, label: labels[grade]?.[lang] ?? t(lang, `grading.grade.${grade}`) }));
  }
  return null;
}

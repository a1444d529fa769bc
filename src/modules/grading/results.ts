// Grading results for any unit subtree and period (issue 9 item 6): the members and the
// organisations under the unit on the period's end date (units-under.ts, never today's
// tree), by grade, each count with its numerator and denominator — of those graded and of
// all — and the cells recognised "Chi bộ 4 tốt" with countFourGood (a chi bộ cơ sở counts as
// a cell, a đảng bộ cơ sở does not; the split under committees / grassroots cells). The
// entries counted are those of every period with these dates, whichever unit opened it (a
// commune's period grades the members of a cell asked about here).
import { sql } from 'kysely';
import type { Db, UnitKind } from '../../db/types.ts';
import { share } from '../../domain/figure-bands.ts';
import { countFourGood } from '../../domain/four-good.ts';
import { GRADES, type Grade } from '../../domain/grading-rules.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { membersUnderOn, unitOn, unitsUnderOn } from '../org-history/units-under.ts';
import { countingRulesFor } from '../rule-sets/counting-rules.ts';
import { GRADED_ORGANISATION_KINDS } from './open-period.ts';
import type { ResultsOut } from './schemas.ts';

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

  return {
    unitId: q.unitId,
    startsOn: q.startsOn,
    endsOn: end,
    members: {
      graded: share(graded.length, all),
      decided: memberGrades.length,
      excluded: [...excludedCounts].map(([key, c]) => ({ key, text: c.text, n: c.n })),
      byGrade: byGrade(memberGrades, graded.length, all),
    },
    organisations: { graded: share(onRoll, gradedOrgs.length), decided: orgGrades.length, byGrade: byGrade(orgGrades, onRoll, gradedOrgs.length) },
    fourGood,
  };
}

// Reading a period and its entries as the API shows them: each step with who and when, the
// reasons in the caller's language, the names as they stood on the period's end date.

import type { z } from 'zod';
import type { Db } from '../../db/types.ts';
import type { Reason } from '../../domain/grading.ts';
import { totalPoints } from '../../domain/grading.ts';
import type { Grade, GradingRules, Subject } from '../../domain/grading-rules.ts';
import { builtinRuleSets } from '../../domain/rules/load-rule-set.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { validOn } from '../org-history/valid-on.ts';
import { commitmentsOf } from './commitments.ts';
import { memberAutoFacts } from './entry-facts.ts';
import { entryVisible, type LoadedPeriod, type PeriodRow } from './period-access.ts';
import type { EntryOut, FormsInput, periodOut } from './schemas.ts';

const iso = (d: Date) => d.toISOString();
const reasonOut = (lang: Lang, r: Reason) => ({ key: r.key, params: r.params, text: t(lang, r.key, r.params) });

/** The title of the rule set a period was opened under: the unit's own set as it loaded it (`unitSetTitle`), or the built-in set's. */
export function ruleSetTitle(p: PeriodRow, unitSetTitle: string | null | undefined, lang: Lang): string {
  if (p.rule_set_id !== null) return unitSetTitle ?? p.rule_set_code;
  const builtin = builtinRuleSets('grading').find((s) => s.code === p.rule_set_code && s.version === p.rule_set_version);
  return builtin?.title[lang] ?? p.rule_set_code;
}

export async function ruleSetTitleOf(db: Db, p: PeriodRow, lang: Lang): Promise<string> {
  const own = p.rule_set_id === null ? null : await db.selectFrom('rule_sets').select('title').where('id', '=', p.rule_set_id).executeTakeFirst();
  return ruleSetTitle(p, own?.title, lang);
}

export function periodView(p: PeriodRow & { unit_name: string; rule_set_title: string }): z.infer<typeof periodOut> {
  return {
    id: p.id,
    unitId: p.unit_id,
    unitName: p.unit_name,
    kind: p.kind as z.infer<typeof periodOut>['kind'],
    name: p.name,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    ruleSet: { code: p.rule_set_code, version: p.rule_set_version, unitRuleSetId: p.rule_set_id, title: p.rule_set_title },
    openedAt: iso(p.opened_at),
  };
}

/** The unit's name on the period's end date. */
export async function unitNameOn(db: Db, unitId: number, date: string): Promise<string> {
  const row = await db.selectFrom('unit_versions as v').select('v.name').where('v.unit_id', '=', unitId).where(validOn('v', date)).executeTakeFirst();
  return row?.name ?? '';
}

/** The entries of `period` the caller may see (all of them when `all`), or just those listed in `ids`. */
export async function readEntries(db: Db, access: Access, period: LoadedPeriod, lang: Lang, opts: { ids?: number[] } = {}): Promise<EntryOut[]> {
  let q = db
    .selectFrom('grading_entries as e')
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .leftJoin('unit_versions as v', (j) => j.onRef('v.unit_id', '=', 'e.unit_id').on(validOn('v', period.ends_on)))
    .leftJoin('users as us', 'us.id', 'e.self_by')
    .leftJoin('users as up', 'up.id', 'e.proposed_by')
    .leftJoin('users as ud', 'ud.id', 'e.decided_by')
    .selectAll('e')
    .select([
      'm.full_name',
      'm.sort_key',
      'v.name as unit_name',
      'us.display_name as self_by_name',
      'up.display_name as proposed_by_name',
      'ud.display_name as decided_by_name',
    ])
    .where('e.period_id', '=', period.id);
  // Whoever reads the period's unit sees every entry; anyone else only the entries they may see.
  const readsPeriodUnit = await db
    .selectFrom('units as u')
    .select('u.id')
    .where('u.id', '=', period.unit_id)
    .where((eb) => unitInScope(access.scope('read'), eb.ref('u.id')))
    .executeTakeFirst();
  if (!readsPeriodUnit) q = q.where(entryVisible(access));
  if (opts.ids) q = q.where('e.id', 'in', opts.ids.length ? opts.ids : [0]);
  const rows = await q.orderBy('e.subject', 'desc').orderBy('m.sort_key').orderBy('e.id').execute();
  const amendments = rows.length
    ? await db
        .selectFrom('grading_amendments as a')
        .leftJoin('users as u', 'u.id', 'a.amended_by')
        .select(['a.entry_id', 'a.from_grade', 'a.to_grade', 'a.reason', 'a.decision_number', 'u.display_name', 'a.amended_at'])
        .where(
          'a.entry_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('a.id')
        .execute()
    : [];
  const memberIds = rows.flatMap((r) => (r.member_id === null ? [] : [r.member_id]));
  const orgIds = rows.flatMap((r) => (r.subject === 'organisation' ? [r.unit_id] : []));
  const commitments = await commitmentsOf(db, memberIds, orgIds, Number(period.ends_on.slice(0, 4)));
  const facts = await memberAutoFacts(db, memberIds, period.starts_on, period.ends_on);
  return rows.map((r) => {
    const subject = r.subject as Subject;
    const selfScores = (r.self_scores ?? null) as Record<string, number> | null;
    return {
      id: r.id,
      periodId: r.period_id,
      subject,
      memberId: r.member_id,
      unitId: r.unit_id,
      name: subject === 'member' ? (r.full_name ?? '') : (r.unit_name ?? ''),
      roleGroup: r.role_group,
      excluded: r.excluded ? reasonOut(lang, r.excluded as unknown as Reason) : null,
      selfAssessment:
        selfScores && r.self_grade && r.self_at
          ? {
              scores: selfScores,
              points: r.self_points ?? 0,
              missing: missingCriteria(period.body, subject, selfScores),
              grade: r.self_grade as Grade,
              forms: (r.self_forms ?? null) as FormsInput | null,
              step: { by: r.self_by_name ?? null, at: iso(r.self_at) },
            }
          : null,
      proposal:
        r.proposed_grade && r.proposed_at
          ? {
              scores: (r.proposed_scores ?? {}) as Record<string, number>,
              points: r.proposed_points ?? 0,
              grade: r.proposed_grade as Grade,
              rulesGrade: ((r.proposed_caps as { rulesGrade?: Grade } | null)?.rulesGrade ?? r.proposed_grade) as Grade,
              cappedBy: ((r.proposed_caps as { reasons?: Reason[] } | null)?.reasons ?? []).map((x) => reasonOut(lang, x)),
              note: r.proposal_note,
              step: { by: r.proposed_by_name ?? null, at: iso(r.proposed_at) },
            }
          : null,
      decision:
        r.decided_grade && r.decided_at && r.decided_on
          ? {
              grade: r.decided_grade as Grade,
              decisionNumber: r.decision_number,
              decidedOn: r.decided_on,
              fourGood: r.four_good,
              step: { by: r.decided_by_name ?? null, at: iso(r.decided_at) },
            }
          : null,
      grade: (r.grade as Grade | null) ?? null,
      amendments: amendments
        .filter((a) => a.entry_id === r.id)
        .map((a) => ({
          fromGrade: a.from_grade as Grade,
          toGrade: a.to_grade as Grade,
          reason: a.reason,
          decisionNumber: a.decision_number,
          by: a.display_name ?? null,
          at: iso(a.amended_at),
        })),
      commitments: (r.member_id !== null ? commitments.byMember.get(r.member_id) : commitments.byUnit.get(r.unit_id)) ?? [],
      facts: r.member_id !== null ? (facts.get(r.member_id) ?? null) : null,
    };
  });
}

function missingCriteria(rules: GradingRules, subject: Subject, scores: Record<string, number>): string[] {
  try {
    return totalPoints(rules, subject, scores).missing;
  } catch {
    return [];
  }
}

// The first two steps of an entry: the self-assessment (a member their own, on a phone; an
// organisation's by its own committee) and the appraisal with the proposed grade (a member's
// by their cell, an organisation's by the competent level). Both are refused once the grade
// is decided (it is locked: corrections are amendments) and for anyone left off the roll.
// The points come from the rule set fixed on the period; the rules' grade from the engine
// (gradeSubject), which a proposal may lower but never raise.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { type GradingFacts, gradeSubject, totalPoints } from '../../domain/grading.ts';
import { gradingFactsFrom } from '../../domain/grading-facts.ts';
import { type GradingRules, gradeRank, type Subject } from '../../domain/grading-rules.ts';
import { AppError, badRequest, conflict, forbidden } from '../../http/app-error.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { memberAutoFacts } from './entry-facts.ts';
import { competentUnit, type EntryRow, requireGradeOver, visibleEntry } from './period-access.ts';
import type { ProposalInput, SelfAssessmentInput } from './schemas.ts';

/** 409 when the entry has no step left to take. */
export function assertOpen(entry: EntryRow): void {
  if (entry.excluded !== null) throw conflict('grading.excluded');
  if (entry.decided_grade !== null) throw conflict('grading.locked');
}

/** The points of the scores under the period's rules; a key or value the rules do not take is a 400 on that field. */
function scored(rules: GradingRules, subject: Subject, scores: Record<string, number>) {
  try {
    return totalPoints(rules, subject, scores);
  } catch {
    const fieldErrors = Object.entries(scores)
      .filter(([k, v]) => {
        const c = rules.criteria.find((x) => x.key === k && x.subjects.includes(subject));
        return !c || v > c.maxPoints;
      })
      .map(([k]) => {
        const c = rules.criteria.find((x) => x.key === k && x.subjects.includes(subject));
        return c
          ? { path: `body.scores.${k}`, message: 'grading.score_over', params: { max: c.maxPoints } }
          : { path: `body.scores.${k}`, message: 'grading.criterion_unknown' };
      });
    return badRequest('validation', {}, fieldErrors);
  }
}

export async function saveSelfAssessment(db: Kysely<DB>, access: Access, entryId: number, input: SelfAssessmentInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { entry, period } = await visibleEntry(trx, access, entryId, true);
    // A member's self-assessment is theirs alone; an organisation's is its committee's.
    if (entry.subject === 'member') {
      if (entry.member_id !== access.memberId) throw forbidden();
    } else await requireGradeOver(trx, access, entry.unit_id);
    assertOpen(entry);
    const points = scored(period.body, entry.subject, input.scores);
    if (points instanceof AppError) throw points;
    await trx
      .updateTable('grading_entries')
      .set({
        self_scores: JSON.stringify(input.scores),
        self_points: points.points,
        self_grade: input.selfGrade,
        self_forms: input.forms ? JSON.stringify(input.forms) : null,
        self_by: access.userId,
        self_at: new Date(),
      })
      .where('id', '=', entry.id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'grading.self_assessment',
      entityType: 'grading_entry',
      entityId: entry.id,
      unitId: entry.unit_id,
      after: { scores: input.scores, points: points.points, selfGrade: input.selfGrade, forms: input.forms ?? null },
    });
  });
}

export async function saveProposal(db: Kysely<DB>, access: Access, entryId: number, input: ProposalInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { entry, period } = await visibleEntry(trx, access, entryId, true);
    await requireGradeOver(trx, access, entry.subject === 'member' ? entry.unit_id : await competentUnit(trx, period, entry));
    assertOpen(entry);
    const rules = period.body;
    const points = scored(rules, entry.subject, input.scores);
    if (points instanceof AppError) throw points;
    if (points.missing.length) {
      throw badRequest(
        'validation',
        {},
        points.missing.map((k) => ({ path: `body.scores.${k}`, message: 'grading.criterion_missing' })),
      );
    }
    if (input.roleGroup !== undefined && !rules.roleGroups.some((g) => g.key === input.roleGroup)) {
      throw badRequest('validation', {}, [{ path: 'body.roleGroup', message: 'grading.role_group_unknown' }]);
    }
    // The facts the system holds fill what the cell did not state; what it states wins (and is audited).
    const auto =
      entry.member_id === null ? {} : gradingFactsFrom((await memberAutoFacts(trx, [entry.member_id], period.starts_on, period.ends_on)).get(entry.member_id)!);
    const facts: GradingFacts = { ...auto, ...input.facts, points: points.points };
    const result = gradeSubject(rules, entry.subject, facts);
    const grade = input.grade ?? result.grade;
    if (gradeRank(grade) < gradeRank(result.grade)) {
      throw new AppError(
        'grading.above_rules',
        400,
        { points: points.points, grade: `grading.grade_short.${result.grade}` },
        result.cappedBy.map((c) => ({ path: 'body.grade', message: c.reason.key, params: c.reason.params })),
      );
    }
    const caps = { rulesGrade: result.grade, bandGrade: result.bandGrade, reasons: result.cappedBy.map((c) => c.reason) };
    await trx
      .updateTable('grading_entries')
      .set({
        proposed_scores: JSON.stringify(input.scores),
        proposed_points: points.points,
        proposed_grade: grade,
        proposed_caps: JSON.stringify(caps),
        proposal_note: input.note ?? null,
        proposed_by: access.userId,
        proposed_at: new Date(),
        ...(input.roleGroup !== undefined ? { role_group: input.roleGroup } : {}),
      })
      .where('id', '=', entry.id)
      .execute();
    await writeAudit(trx, access.userId, {
      action: 'grading.proposal',
      entityType: 'grading_entry',
      entityId: entry.id,
      unitId: entry.unit_id,
      before: { proposedGrade: entry.proposed_grade, roleGroup: entry.role_group },
      after: {
        scores: input.scores,
        facts: input.facts ?? null,
        autoFacts: auto,
        points: points.points,
        grade,
        rulesGrade: result.grade,
        roleGroup: input.roleGroup ?? entry.role_group,
      },
    });
  });
}

// Scoring a meeting (đánh giá chất lượng buổi sinh hoạt) against the scale in force: the
// automatic criteria from the data, the chair's ticks for the rest, the HD 12 checklist
// beside them (a condition missing keeps the grade below the top band, and the answer
// says which). The grade is stored with the scale's code and version, and is locked
// once the minutes are adopted.

import type { Kysely } from 'kysely';
import { transactionRetryingDeadlocks } from '../../db/retry-on-deadlock.ts';
import type { DB } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import { type ChecklistDetails, type ChecklistItem, checklistApplies, qualityChecklist } from '../../domain/meeting-checklist.ts';
import { gradeMeeting, type QualityFacts, type QualityResult } from '../../domain/meeting-quality.ts';
import { badRequest, conflict } from '../../http/app-error.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { MeetingRow } from './get-meeting.ts';
import { findManageableMeeting, findVisibleMeeting, viewerOf } from './meeting-access.ts';
import { qualityFacts } from './quality-facts.ts';
import { scaleByVersion, scaleFor, scaleRef } from './quality-scales.ts';
import type { QualityOut } from './quality-schemas.ts';

const percentText = (n: number, of: number, lang: Lang) =>
  of > 0 ? (n / of).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }) : '—';

/** The checklist as people read it: each condition's label and its reason in words. */
export function checklistOut(facts: QualityFacts, d: ChecklistDetails, lang: Lang) {
  const values = (c: ChecklistItem): Record<string, string | number> => {
    if (c.key === 'attendance') return { ...c.params, rate: percentText(d.present, d.expected, lang) };
    if (c.key === 'committee_met' && d.committeeMetOn) return { ...c.params, date: formatDateVi(d.committeeMetOn) };
    if (c.key === 'minutes_complete' && d.minutesMissing?.length) {
      return { ...c.params, fields: d.minutesMissing.map((f) => t(lang, `meetings.minutes_fields.${f}`)).join(', ') };
    }
    return c.params;
  };
  return qualityChecklist(facts, d).map((c) => ({
    key: c.key,
    state: c.state,
    label: t(lang, `meetings.checklist.${c.key}.label`),
    why: t(lang, c.reason, values(c)),
  }));
}

async function evaluate(db: Kysely<DB>, m: MeetingRow, lang: Lang): Promise<QualityOut> {
  const [stored, minutes] = await Promise.all([
    db.selectFrom('meeting_quality').selectAll().where('meeting_id', '=', m.id).executeTakeFirst(),
    db.selectFrom('meeting_minutes').select('adopted_at').where('meeting_id', '=', m.id).executeTakeFirst(),
  ]);
  const locked = Boolean(minutes?.adopted_at);
  const scale =
    (stored && locked ? await scaleByVersion(db, m.unit_id, m.held_on, stored.rule_set_code, stored.rule_set_version) : undefined) ??
    (await scaleFor(db, m.unit_id, m.held_on));
  const ticks = (stored?.ticks ?? {}) as Record<string, boolean>;
  const { facts, details } = await qualityFacts(db, m);
  // Once locked, the stored result is the grade; the live facts are shown beside it.
  const result: QualityResult = stored && locked ? (stored.result as QualityResult) : gradeMeeting(scale.body, facts, ticks, checklistApplies(m.kind));
  const labelOf = new Map(scale.body.criteria.map((c) => [c.key, c.label[lang]]));
  return {
    meetingId: m.id,
    scale: {
      ...scaleRef(scale, lang),
      notes: scale.body.notes?.[lang] ?? null,
      bands: scale.body.bands.map((b) => ({ grade: b.grade, minPoints: b.minPoints, requires: b.requires ?? [] })),
    },
    criteria: result.criteria.map((c) => ({ ...c, label: labelOf.get(c.key) ?? c.key })),
    facts,
    checklist: checklistApplies(m.kind) ? checklistOut(facts, details, lang) : [],
    cappedBy: (result.cappedBy ?? []).map((k) => t(lang, `meetings.checklist.${k}.label`)),
    ticks,
    points: result.points,
    maxPoints: result.maxPoints,
    grade: result.grade,
    gradeLabel: t(lang, `meetings.grades.${result.grade}`),
    saved: Boolean(stored),
    gradedAt: stored?.graded_at.toISOString() ?? null,
    locked,
  };
}

export async function getQuality(db: Kysely<DB>, access: Access, id: number, lang: Lang) {
  const m = await findVisibleMeeting(db, await viewerOf(db, access), id);
  return evaluate(db, m, lang);
}

export async function saveQuality(db: Kysely<DB>, access: Access, id: number, ticks: Record<string, boolean>, now: Date, lang: Lang) {
  await transactionRetryingDeadlocks(db, async (trx) => {
    const m = await findManageableMeeting(trx, access, id, { forUpdate: true });
    if (m.status === 'cancelled') throw conflict('meetings.cancelled');
    if (now < m.starts_at) throw conflict('meetings.grade_before_meeting');
    const minutes = await trx.selectFrom('meeting_minutes').select('adopted_at').where('meeting_id', '=', id).executeTakeFirst();
    const before = await trx.selectFrom('meeting_quality').select(['grade', 'points', 'ticks']).where('meeting_id', '=', id).executeTakeFirst();
    // Adopted minutes lock the grade. Minutes adopted ungraded (before adoption required a
    // grade) may be graded once, afterwards; that grade is locked at once.
    const late = Boolean(minutes?.adopted_at);
    if (late && before) throw conflict('meetings.minutes_adopted_locked');
    const scale = await scaleFor(trx, m.unit_id, m.held_on);
    const manual = new Set(scale.body.criteria.filter((c) => !c.auto).map((c) => c.key));
    const wrong = Object.keys(ticks).filter((k) => !manual.has(k));
    if (wrong.length)
      throw badRequest(
        'validation',
        {},
        wrong.map((k) => ({ path: `body.ticks.${k}`, message: 'meetings.not_a_manual_criterion' })),
      );
    const result = gradeMeeting(scale.body, (await qualityFacts(trx, m)).facts, ticks, checklistApplies(m.kind));
    const values = {
      rule_set_code: scale.code,
      rule_set_version: scale.version,
      ticks: JSON.stringify(ticks),
      result: JSON.stringify(result),
      points: result.points,
      max_points: result.maxPoints,
      grade: result.grade,
      graded_by: access.userId,
      graded_at: now,
    };
    await trx
      .insertInto('meeting_quality')
      .values({ meeting_id: id, ...values })
      .onConflict((oc) => oc.column('meeting_id').doUpdateSet(values))
      .execute();
    await writeAudit(trx, access.userId, {
      action: late ? 'meeting.grade_after_adoption' : 'meeting.grade',
      entityType: 'meeting',
      entityId: id,
      unitId: m.unit_id,
      before,
      after: { scale: `${scale.code}@${scale.version}`, ticks, points: result.points, grade: result.grade },
    });
  });
  return getQuality(db, access, id, lang);
}

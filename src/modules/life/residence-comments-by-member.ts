// The residence cells' comments of a year on each member, for the year-end grading file and
// the grading fact (the grading lane wires it): per member, one entry per residence link in
// force during the year — answered, asked and not yet answered, not asked (never requested),
// or not to be asked (an HD 33 category). No access check here: the caller has already
// checked the members it passes.
import { sql } from 'kysely';
import type { Db, Hd33Category } from '../../db/types.ts';
import { groupBy } from '../../domain/group-by.ts';

export interface ResidenceCommentFact {
  residenceUnitId: number;
  residenceUnitName: string;
  state: 'answered' | 'pending' | 'not_requested' | 'not_asked';
  /** The HD 33 category when not asked. */
  category: Hd33Category | null;
  keepsContact: boolean | null;
  fulfilsCitizenDuties: boolean | null;
  comment: string | null;
  answeredOn: string | null;
}

export async function residenceCommentsByMember(db: Db, memberIds: readonly number[], year: number): Promise<Map<number, ResidenceCommentFact[]>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('member_residence_links as r')
    .innerJoin('units as ru', 'ru.id', 'r.unit_id')
    .leftJoin('residence_comments as c', (join) => join.onRef('c.link_id', '=', 'r.id').on('c.year', '=', year))
    .select([
      'r.member_id',
      'r.unit_id',
      'ru.name',
      'r.hd33_category',
      'c.id as comment_id',
      'c.keeps_contact',
      'c.fulfils_citizen_duties',
      'c.comment',
      'c.answered_on',
    ])
    .where(sql<boolean>`r.member_id = any(${sql.val([...memberIds])}::int[])`)
    .where('r.valid_from', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>', `${year}-01-01`)]))
    .orderBy('r.member_id')
    .orderBy('r.valid_from')
    .orderBy('r.id')
    .execute();
  return groupBy(
    rows,
    (r) => r.member_id,
    (r): ResidenceCommentFact => ({
      residenceUnitId: r.unit_id,
      residenceUnitName: r.name,
      state: r.comment_id !== null ? (r.answered_on ? 'answered' : 'pending') : r.hd33_category ? 'not_asked' : 'not_requested',
      category: r.hd33_category,
      keepsContact: r.keeps_contact,
      fulfilsCitizenDuties: r.fulfils_citizen_duties,
      comment: r.comment,
      answeredOn: r.answered_on,
    }),
  );
}

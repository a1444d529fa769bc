// One unit as it was on a date: its name and place then, its ancestors, its committee in
// office, its figures over the subtree, its children, and whether the caller may edit it.
import { sql } from 'kysely';
import { notFound } from '../../http/app-error.ts';
import { addDays } from '../../domain/calendar.ts';
import { unitInScope, type Access } from '../access/access.ts';
import { ancestorsOn, childVersionsOn, presentChildren, subtreeCounts, validOn } from './tree-at-date.ts';
import type { CommitteeOut } from './schemas.ts';
import type { Db } from '../../db/types.ts';
import type { Lang } from '../../i18n/messages.ts';
import { countingRulesFor } from '../rule-sets/counting-rules.ts';

const POSITION_ORDER = sql`case c.position when 'bi_thu' then 0 when 'pho_bi_thu' then 1 else 2 end`;

export async function committeeOn(db: Db, unitId: number, at: string): Promise<CommitteeOut[]> {
  const rows = await db.selectFrom('committee_members as c')
    .select(['c.id', 'c.member_id', 'c.full_name', 'c.position', 'c.valid_from', 'c.valid_to', 'c.decision_number'])
    .where('c.unit_id', '=', unitId).where(validOn('c', at))
    .orderBy(POSITION_ORDER).orderBy('c.valid_from').orderBy('c.id').execute();
  return rows.map(presentCommitteeRow);
}

export function presentCommitteeRow(r: { id: number; member_id: number | null; full_name: string; position: CommitteeOut['position']; valid_from: string; valid_to: string | null; decision_number: string | null }): CommitteeOut {
  return { id: r.id, memberId: r.member_id, fullName: r.full_name, position: r.position, validFrom: r.valid_from, validTo: r.valid_to, decisionNumber: r.decision_number };
}

export async function getUnit(db: Db, access: Access, id: number, at: string, lang: Lang = 'vi') {
  const scope = access.scope('read');
  const unit = await db.selectFrom('units as u').selectAll('u')
    .select((eb) => sql<boolean>`${unitInScope(access.scope('write_units'), eb.ref('u.id'))}`.as('can_edit'))
    .where('u.id', '=', id).where((eb) => unitInScope(scope, eb.ref('u.id'))).executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  // The version in force on the date; for a date before it was founded or after it was
  // dissolved, the nearest one, so its page and history stay reachable.
  const version = await db.selectFrom('unit_versions as v').select(['v.name', 'v.kind', 'v.parent_id', 'v.valid_from', 'v.valid_to'])
    .where('v.unit_id', '=', id)
    .orderBy(sql`case when v.valid_from <= ${at}::date then 0 else 1 end`).orderBy('v.valid_from', 'desc').orderBy('v.id', 'desc')
    .limit(1).executeTakeFirstOrThrow();
  const existed = version.valid_from <= at && (version.valid_to === null || version.valid_to > at);
  const versionDate = existed ? at : version.valid_from > at ? version.valid_from : addDays(version.valid_to!, -1);
  // The parent's kind then: the forms offer only kinds it may hold.
  const parent = version.parent_id === null ? undefined : await db.selectFrom('unit_versions as v').select('v.kind')
    .where('v.unit_id', '=', version.parent_id).where(validOn('v', versionDate)).executeTakeFirst();
  // The counting rules in force on the date (the unit's own or an ancestor's, else built-in), named on the page.
  const rule = await countingRulesFor(db, id, at);
  const [allAncestors, visibleAncestors, committee, { organisations, ...counts }, childVersions] = await Promise.all([
    ancestorsOn(db, [id], versionDate),
    ancestorsOn(db, [id], versionDate, scope),
    committeeOn(db, id, at),
    subtreeCounts(db, id, at, scope, rule.body),
    childVersionsOn(db, id, at, scope),
  ]);
  return {
    unit: {
      id: unit.id, code: unit.code, name: version.name, kind: version.kind, parentId: version.parent_id,
      depth: (allAncestors.get(id) ?? []).length, establishedOn: unit.established_on, dissolvedOn: unit.dissolved_on,
    },
    ancestors: visibleAncestors.get(id) ?? [],
    parentKind: parent?.kind ?? null,
    committee,
    counts,
    organisations,
    countingRule: { code: rule.code, title: rule.title[lang], source: rule.source, notes: rule.body.notes[lang] },
    children: await presentChildren(db, childVersions, at, scope),
    canEdit: Boolean(unit.can_edit),
  };
}

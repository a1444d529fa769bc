// One unit as it was on a date: its name and place then, its ancestors, its committee in
// office, its figures over the subtree, its children, and whether the caller may edit it.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { addDays } from '../../domain/calendar.ts';
import { notFound } from '../../http/app-error.ts';
import type { Lang } from '../../i18n/messages.ts';
import { type Access, unitInScope, unitInScopeOn } from '../access/access.ts';
import { readUnitOn } from '../org-history/units-under.ts';
import { countingRulesFor } from '../rule-sets/counting-rules.ts';
import type { CommitteeOut } from './schemas.ts';
import { childVersionsOn, presentChildren, subtreeCounts, treeFilterUnder, validOn } from './tree-at-date.ts';

const POSITION_ORDER = sql`case c.position when 'bi_thu' then 0 when 'pho_bi_thu' then 1 else 2 end`;

export async function committeeOn(db: Db, unitId: number, at: string): Promise<CommitteeOut[]> {
  const rows = await db
    .selectFrom('committee_members as c')
    .select(['c.id', 'c.member_id', 'c.full_name', 'c.position', 'c.valid_from', 'c.valid_to', 'c.decision_number'])
    .where('c.unit_id', '=', unitId)
    .where(validOn('c', at))
    .orderBy(POSITION_ORDER)
    .orderBy('c.valid_from')
    .orderBy('c.id')
    .execute();
  return rows.map(presentCommitteeRow);
}

export function presentCommitteeRow(r: {
  id: number;
  member_id: number | null;
  full_name: string;
  position: CommitteeOut['position'];
  valid_from: string;
  valid_to: string | null;
  decision_number: string | null;
}): CommitteeOut {
  return {
    id: r.id,
    memberId: r.member_id,
    fullName: r.full_name,
    position: r.position,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    decisionNumber: r.decision_number,
  };
}

/**
 * The unit on `at`. Asked for on a date (`strict`), a unit that did not exist then — not
 * yet founded, or already dissolved — is not found, like one that never was. Without a
 * date (today), a dissolved unit still opens on its last version, so its page and
 * history stay reachable.
 */
export async function getUnit(db: Db, access: Access, id: number, at: string, strict = true, lang: Lang = 'vi') {
  const scope = access.scope('read');
  const unit = await db
    .selectFrom('units as u')
    .selectAll('u')
    .select((eb) => sql<boolean>`${unitInScope(access.scope('write_units'), eb.ref('u.id'))}`.as('can_edit'))
    .where('u.id', '=', id)
    .where((eb) => unitInScopeOn(scope, eb.ref('u.id'), at))
    .executeTakeFirst();
  if (!unit) throw notFound('entities.unit');
  let then = await readUnitOn(db, id, at, scope);
  if (!then && !strict) {
    const last = await db
      .selectFrom('unit_versions as v')
      .select(['v.valid_from', 'v.valid_to'])
      .where('v.unit_id', '=', id)
      .orderBy('v.valid_from', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    then = await readUnitOn(db, id, last.valid_from > at ? last.valid_from : addDays(last.valid_to ?? at, -1), scope);
  }
  if (!then) throw notFound('entities.unit');
  // The counting rules in force on the date (the unit's own or an ancestor's, else built-in), named on the page.
  const [rule, filter] = await Promise.all([countingRulesFor(db, id, at), treeFilterUnder(db, scope, id, at)]);
  const [committee, { organisations, ...counts }, childVersions] = await Promise.all([
    committeeOn(db, id, at),
    subtreeCounts(db, id, at, filter, rule.body),
    childVersionsOn(db, id, at, filter),
  ]);
  return {
    unit: {
      id: unit.id,
      code: unit.code,
      name: then.name,
      kind: then.kind,
      parentId: then.parent?.id ?? null,
      depth: then.ancestors.length,
      establishedOn: unit.established_on,
      dissolvedOn: unit.dissolved_on,
    },
    ancestors: then.ancestors.filter((a) => a.inScope).map((a) => ({ id: a.id, name: a.name })),
    // The parent's kind then: the forms offer only kinds it may hold.
    parentKind: then.parent?.kind ?? null,
    committee,
    counts,
    organisations,
    countingRule: { code: rule.code, title: rule.title[lang], source: rule.source, notes: rule.body.notes[lang] },
    children: await presentChildren(db, childVersions, at, filter),
    canEdit: Boolean(unit.can_edit),
  };
}

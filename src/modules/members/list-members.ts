// The member list: search that ignores case and diacritics (by name or party card number),
// filters (unit subtree, status, age band, sex, ethnicity, theory level), Vietnamese order
// (given name first, sort_key under COLLATE "C"), paged. The caller's scope is part of the
// WHERE, so totals never count anyone the caller may not see.
import { sql, type Kysely } from 'kysely';
import type { DB, MemberStatus } from '../../db/types.ts';
import { escapeLike } from '../../db/escape-like.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import type { Access } from '../access/access.ts';
import { ageOn, birthDateBounds, todayInVietnam } from '../../domain/calendar.ts';
import { memberReadable } from './member-access.ts';
import type { ListMembersQuery, MemberFilters } from './schemas.ts';
import { CURRENT_STATUSES } from '../../domain/member-status.ts';

/** Statuses a filter asks for: none given = current members; 'all' = everyone. */
export function statusesOf(filter: MemberFilters['status']): readonly MemberStatus[] | 'all' {
  if (!filter || filter.length === 0) return CURRENT_STATUSES;
  if (filter.includes('all')) return 'all';
  return filter as MemberStatus[];
}

/** Members visible to the caller that match the filters, joined to their cell; not yet ordered. */
export function filteredMembers(db: Kysely<DB>, access: Access, f: MemberFilters, today: string) {
  const statuses = statusesOf(f.status);
  const words = f.q ? foldForSearch(f.q).split(' ').filter(Boolean) : [];
  const card = f.q?.replace(/\s+/g, '') ?? '';
  const { bornOnOrBefore, bornAfter } = birthDateBounds(today, f.ageFrom, f.ageTo);
  return db.selectFrom('members as m').innerJoin('units as u', 'u.id', 'm.unit_id')
    .where((eb) => memberReadable(access, eb))
    .$if(statuses !== 'all', (q) => q.where('m.status', 'in', statuses as MemberStatus[]))
    .$if(f.unitId !== undefined, (q) => q.where(sql<boolean>`m.unit_id in (select su.id from units su where su.path like (select pu.path from units pu where pu.id = ${f.unitId!}) || '%')`))
    .$if(words.length > 0, (q) => q.where((eb) => eb.or([
      eb.and(words.map((w) => eb('m.search_name', 'like', `%${escapeLike(w)}%`))),
      ...(card ? [eb('m.party_card_number', 'ilike', `%${escapeLike(card)}%`)] : []),
    ])))
    .$if(f.sex !== undefined, (q) => q.where('m.sex', '=', f.sex!))
    .$if(!!f.ethnicity, (q) => q.where(sql<boolean>`lower(m.ethnicity) = lower(${f.ethnicity!})`))
    .$if(f.theoryLevel !== undefined, (q) => q.where('m.theory_level', '=', f.theoryLevel!))
    .$if(bornOnOrBefore !== undefined, (q) => q.where('m.date_of_birth', '<=', bornOnOrBefore!))
    .$if(bornAfter !== undefined, (q) => q.where('m.date_of_birth', '>', bornAfter!));
}

export async function listMembers(db: Kysely<DB>, access: Access, query: ListMembersQuery) {
  const today = todayInVietnam();
  const { page, pageSize, ...filters } = query;
  const base = filteredMembers(db, access, filters, today);
  const rows = await base
    .select(['m.id', 'm.full_name', 'm.sex', 'm.date_of_birth', 'm.unit_id', 'u.name as unit_name', 'm.status', 'm.party_card_number', 'm.theory_level', 'm.ethnicity'])
    .orderBy(sql`m.sort_key collate "C"`).orderBy('m.id')
    .limit(pageSize).offset((page - 1) * pageSize).execute();
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id, fullName: r.full_name, sex: r.sex, dateOfBirth: r.date_of_birth, age: ageOn(r.date_of_birth, today),
      unitId: r.unit_id, unitName: r.unit_name, status: r.status, partyCardNumber: r.party_card_number, theoryLevel: r.theory_level, ethnicity: r.ethnicity,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}

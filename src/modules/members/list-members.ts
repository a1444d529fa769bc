// The member list: search that ignores case and diacritics (by name or party card number,
// through trigram indexes), filters (unit subtree, status, age band, sex, ethnicity,
// theory level), Vietnamese order (given name first, sort_key under COLLATE "C", then id).
// The caller's scope is the row source (readableMembers), so totals never count anyone
// the caller may not see, and the cost follows the scope, not the database.
//
// Paging: keyset, through an opaque cursor (member-cursor.ts): next, previous and last
// page are index range scans, however deep. `page=N` (offset) still works for a jump.
// The total is counted on a request without a cursor (the listing's first page, or a
// jump) and carried in the cursors it hands out, so following pages never recount. A
// cursor of another listing (other filters, page size or scope) starts this one over.
import { type Kysely, sql } from 'kysely';
import { fewMembersUpTo } from '../../config.ts';
import { escapeLike } from '../../db/escape-like.ts';
import { reusedPlanMarker } from '../../db/reused-plans.ts';
import type { DB, MemberStatus } from '../../db/types.ts';
import { ageOn, birthDateBounds, todayInVietnam } from '../../domain/calendar.ts';
import { CURRENT_STATUSES } from '../../domain/member-status.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import { notFound } from '../../http/app-error.ts';
import { type Access, unitInScope } from '../access/access.ts';
import { unitHoldingWhatIsSeen } from '../access/unit-in-scope-or-404.ts';
import type { CallerCheck } from '../auth/caller-check.ts';
import { keptMembersSql } from '../figures/kept-member-counts.ts';
import { readableMembers } from './member-access.ts';
import { decodeCursor, encodeCursor, listingKey, type MemberCursor } from './member-cursor.ts';
import type { ListMembersQuery, MemberFilters } from './schemas.ts';

/** Statuses a filter asks for: none given = current members; 'all' = everyone. */
export function statusesOf(filter: MemberFilters['status']): readonly MemberStatus[] | 'all' {
  if (!filter || filter.length === 0) return CURRENT_STATUSES;
  if (filter.includes('all')) return 'all';
  return filter as MemberStatus[];
}

/**
 * Members visible to the caller that match the filters (`m`, the members columns), unfenced;
 * not joined, not ordered. The unit filter is the unit's subtree, applied with the same
 * unitInScope as the access scope, from the unit's path read first (a constant prefix
 * is what lets the path index serve it), with its kept member count.
 *
 * When at most fewMembersUpTo() (5,000) lie under the scope or the unit, by the kept counts,
 * `whole` says so, and the callers fence the rows (`offset 0`, filteredMembers and
 * filteredMemberKeys): every page, count and export batch reads them by their units and
 * sorts them (~6 ms at 5,000); the scope's paths are then written into the statement's
 * text, so that a page can keep its plan (selectItems). Above that the planner
 * chooses, and for a big scope walks the name index to the page. Its guess of a small scope,
 * from the units' path statistics, is too coarse: on the province demo it took a commune of
 * 340 for 1,009 and, for a last page of 40, walked members_sort_idx past 11,000 other members
 * (12 ms against 3).
 */
async function matchingMembers(db: Kysely<DB>, access: Access, f: MemberFilters, today: string, check?: CallerCheck) {
  const statuses = statusesOf(f.status);
  const words = f.q ? foldForSearch(f.q).split(' ').filter(Boolean) : [];
  // Party card numbers carry digits: a query without one (a name) skips that test, which
  // cost more than the name's own on every row of a nationwide walk.
  const card = f.q && /\d/.test(f.q) ? f.q.replace(/\s+/g, '') : '';
  const { bornOnOrBefore, bornAfter } = birthDateBounds(today, f.ageFrom, f.ageTo);
  // A unit holding nothing the caller sees is not found, as one that never was (unitHoldingWhatIsSeen).
  const unit =
    f.unitId === undefined
      ? undefined
      : await db
          .selectFrom('units')
          .select(['path', keptMembersSql(sql.ref('units.id')).as('members')])
          .where('id', '=', f.unitId)
          .where((eb) => unitHoldingWhatIsSeen(access.scope('read'), access.memberId, eb.ref('units.id')))
          .$if(!!check?.pending, (b) => b.select(check!.column()))
          .executeTakeFirst();
  if (unit) check?.confirm([unit]);
  if (unit === undefined && f.unitId !== undefined) throw notFound('entities.unit');
  const unitPath = unit?.path;
  // The members the rows can come from, at most: the unit's, the scope's, whichever is fewer.
  const scopeMembers = access.scope('read').members;
  const unitMembers = unit?.members;
  const under = unitMembers === undefined ? scopeMembers : Math.min(unitMembers, scopeMembers ?? unitMembers);
  const whole = under !== undefined && under <= fewMembersUpTo();
  const rows = db
    .selectFrom(readableMembers(db, access, whole).as('m'))
    .$if(statuses !== 'all', (q) => q.where('m.status', 'in', statuses as MemberStatus[]))
    .$if(unitPath !== undefined, (q) => q.where((eb) => unitInScope({ subtreePaths: [unitPath!], unitIds: [] }, eb.ref('m.unit_id'), whole)))
    // search_name and party_card_number have pg_trgm GIN indexes: '%word%' is an index scan.
    .$if(words.length > 0, (q) =>
      q.where((eb) =>
        eb.or([
          eb.and(words.map((w) => eb('m.search_name', 'like', `%${escapeLike(w)}%`))),
          ...(card ? [eb('m.party_card_number', 'ilike', `%${escapeLike(card)}%`)] : []),
        ]),
      ),
    )
    .$if(f.sex !== undefined, (q) => q.where('m.sex', '=', f.sex!))
    .$if(!!f.ethnicity, (q) => q.where(sql<boolean>`lower(m.ethnicity) = lower(${f.ethnicity!})`))
    .$if(f.theoryLevel !== undefined, (q) => q.where('m.theory_level', '=', f.theoryLevel!))
    .$if(bornOnOrBefore !== undefined, (q) => q.where('m.date_of_birth', '<=', bornOnOrBefore!))
    .$if(bornAfter !== undefined, (q) => q.where('m.date_of_birth', '>', bornAfter!));
  return { rows, whole };
}

/** Every column of the matching members (an export), fenced when `whole`. */
export async function filteredMembers(db: Kysely<DB>, access: Access, f: MemberFilters, today: string) {
  const { rows, whole } = await matchingMembers(db, access, f, today);
  return { rows: whole ? db.selectFrom(rows.selectAll('m').offset(sql.lit(0)).as('m')) : rows, whole };
}

/**
 * The matching members' keys (a page, a count): only id and sort_key pass the fence, so a
 * small scope's rows are not carried whole through it (PostgreSQL keeps every column of a
 * fenced subquery: 575 bytes a row against 31, the page 0.64 ms against 0.77, 03/12).
 * Unfenced, the subquery is flattened and the planner sees the members table as before.
 */
async function filteredMemberKeys(db: Kysely<DB>, access: Access, f: MemberFilters, today: string, check?: CallerCheck) {
  const { rows, whole } = await matchingMembers(db, access, f, today, check);
  const keys = rows.select(['m.id', 'm.sort_key']);
  return { rows: db.selectFrom((whole ? keys.offset(sql.lit(0)) : keys).as('m')), whole };
}

/** The rows of filteredMembers: `m`, the members columns. */
export type Filtered = Awaited<ReturnType<typeof filteredMembers>>['rows'];
/** The rows of filteredMemberKeys: `m`, id and sort_key. */
type FilteredKeys = Awaited<ReturnType<typeof filteredMemberKeys>>['rows'];
export interface Position {
  key: string;
  id: number;
}

/** SQL: the row comes after (asc) or before (desc) a position in the Vietnamese order. */
export function beyond(dir: 'asc' | 'desc', at: Position) {
  return dir === 'asc'
    ? sql<boolean>`(m.sort_key collate "C", m.id) > (${at.key} collate "C", ${at.id})`
    : sql<boolean>`(m.sort_key collate "C", m.id) < (${at.key} collate "C", ${at.id})`;
}
/** The Vietnamese order's first key: members_sort_idx is (sort_key collate "C", id). */
export const SORT_KEY = sql`m.sort_key collate "C"`;

/**
 * One page: the keys first (members_sort_idx covers the order and the search's columns, so
 * walking past the non-matching rows is an index-only scan: 87,000 index entries for
 * "nguyen van" at the nation, 60 ms against 420 ms through the table), then the page's
 * rows by id. `total`, when asked, comes on every row: counted over the rows as they are read
 * when they are read whole anyway ('window': one pass, not a second read of the scope), else
 * by the count given as a subquery.
 *
 * `keepPlan`: the statement keeps its plan on the connection (db/reused-plans.ts), for the
 * rows of a small scope without a name search, read from the start or from a cursor (not a
 * jump to page N), whose plan is the same whatever the page:
 * the scope's units by the path index, their members, sorted. Planning it cost half the
 * statement (a commune of 340 on the province demo, pgbench: 1,740 pages a second planned
 * each time, 3,510 kept, 03/12). A name search is planned each time: whether the trigram
 * index or the scope's units come first depends on the words.
 */
interface PageRead {
  keepPlan: boolean;
  dir: 'asc' | 'desc';
  /** Read from just after (asc) or before (desc) this row. */
  at?: Position;
  limit: number;
  offset?: number;
  total?: 'window' | ReturnType<typeof countQuery>;
  /** The remembered caller's check, while no statement has carried it (auth/caller-check.ts). */
  check?: CallerCheck;
}
function selectItems(db: Kysely<DB>, q: FilteredKeys, { keepPlan, dir, at, limit, offset = 0, total, check }: PageRead) {
  // A jump to page N (an offset) is kept apart: its text would hold its offset, one statement per page asked for.
  const kept = keepPlan && offset === 0;
  const keys = q
    .select(['m.id', 'm.sort_key'])
    .$if(total === 'window', (b) => b.select(sql<number>`count(*) over ()`.as('total_count')))
    .$if(at !== undefined, (b) => b.where(beyond(dir, at!)))
    .orderBy(SORT_KEY, dir)
    .orderBy('m.id', dir)
    // A bound limit would leave the kept plan guessing the page's size: PostgreSQL then plans every time.
    .limit(kept ? sql.lit(limit) : limit)
    .offset(kept ? sql.lit(offset) : offset);
  return db
    .selectFrom(keys.as('k'))
    .innerJoin('members as m', 'm.id', 'k.id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .orderBy(sql`k.sort_key collate "C"`, dir)
    .orderBy('k.id', dir)
    .$if(total !== undefined, (b) => b.select(total === 'window' ? sql<number>`k.total_count`.as('total_count') : sql<number>`(${total})`.as('total_count')))
    .select([
      'm.id',
      'm.full_name',
      'm.sort_key',
      'm.sex',
      'm.date_of_birth',
      'm.unit_id',
      'u.name as unit_name',
      'm.status',
      'm.full_member_on',
      'm.party_card_number',
      'm.theory_level',
      'm.ethnicity',
    ])
    .$if(!!check?.pending, (b) => b.select(check!.column()))
    .$if(kept, (b) => b.modifyEnd(reusedPlanMarker));
}
type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['execute']>>[number];

/**
 * Name searches count at most SEARCH_COUNT_CAP matches: "nguyen van" matches a tenth of
 * a province, and nobody pages through ten thousand hits — they narrow the search — so
 * the answer says "more than 500" (exact: false) rather than paying for the full count.
 * A list without a search is the roster: its total is exact.
 */
export const SEARCH_COUNT_CAP = 500;
function countQuery(db: Kysely<DB>, base: FilteredKeys, searching: boolean) {
  return searching
    ? db
        .selectFrom(
          base
            .select('m.id')
            .limit(SEARCH_COUNT_CAP + 1)
            .as('c'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
    : base.select((eb) => eb.fn.countAll<number>().as('n'));
}
function totalOf(counted: number | string, searching: boolean): { total: number; exact: boolean } {
  const n = Number(counted);
  return searching && n > SEARCH_COUNT_CAP ? { total: SEARCH_COUNT_CAP, exact: false } : { total: n, exact: true };
}

/**
 * `check`: the remembered caller's check (auth/caller-check.ts), carried by whichever
 * statement runs first — the unit's look-up, the page, or a count alone. A path that
 * leaves it unread is run again by app.confirmCaller after a full look-up.
 */
export async function listMembers(db: Kysely<DB>, access: Access, query: ListMembersQuery, check?: CallerCheck) {
  const today = todayInVietnam();
  const { page: pageAsked, pageSize, cursor: cursorText, ...filters } = query;
  const { rows: base, whole } = await filteredMemberKeys(db, access, filters, today, check);
  const key = listingKey(filters, { pageSize, scope: access.scope('read'), memberId: access.memberId });
  const decoded: MemberCursor | undefined = cursorText ? decodeCursor(cursorText) : undefined;
  const cursor = decoded?.f === key ? decoded : undefined;
  const searching = !!filters.q;
  const keepPlan = whole && !searching;
  const count = countQuery(db, base, searching);
  // A page carries the check on its rows; an empty one cannot, and leaves it to the count or to confirmCaller.
  const readPage = async (read: Omit<PageRead, 'keepPlan' | 'check'>) => {
    const got = await selectItems(db, base, { ...read, keepPlan, check }).execute();
    if (got[0]) check?.confirm(got);
    return got;
  };
  const countAlone = async () => {
    const counted = await db
      .selectFrom(count.as('c'))
      .select('c.n')
      .$if(!!check?.pending, (b) => b.select(check!.column()))
      .executeTakeFirstOrThrow();
    check?.confirm([counted]);
    return totalOf(counted.n, searching);
  };

  // One row more than the page, in the direction read, says whether another page follows.
  let rows: ItemRow[];
  let page: number;
  let moreAhead: boolean; // a page after this one
  let moreBehind: boolean; // a page before this one
  let counted: { total: number; exact: boolean };
  if (!cursor) {
    // Without a cursor the count rides in the page's own statement (one round trip); a
    // page past the end has no row to carry it and counts on its own.
    page = pageAsked;
    const got = await readPage({ dir: 'asc', limit: pageSize + 1, offset: (page - 1) * pageSize, total: whole ? 'window' : count });
    counted = got[0] ? totalOf(got[0].total_count!, searching) : await countAlone();
    moreAhead = got.length > pageSize;
    rows = got.slice(0, pageSize);
    moreBehind = page > 1;
  } else {
    counted = { total: cursor.t, exact: cursor.x !== 0 };
    if (cursor.d === 'a') {
      const got = await readPage({ dir: 'asc', at: { key: cursor.k!, id: cursor.i! }, limit: pageSize + 1 });
      moreAhead = got.length > pageSize;
      rows = got.slice(0, pageSize);
      page = cursor.p;
      moreBehind = true;
    } else {
      // Before a row, or the last page: read backwards, then turn the page round. The last
      // page holds what offset paging would put there (total mod pageSize), so page
      // numbers agree whichever way the caller arrived.
      const lastPage = Math.max(1, Math.ceil(counted.total / pageSize));
      const size = cursor.d === 'l' ? counted.total - (lastPage - 1) * pageSize || pageSize : pageSize;
      const got = await readPage({ dir: 'desc', at: cursor.d === 'b' ? { key: cursor.k!, id: cursor.i! } : undefined, limit: size + 1 });
      moreBehind = got.length > size;
      rows = got.slice(0, size).reverse();
      page = cursor.d === 'l' ? lastPage : moreBehind ? Math.max(2, cursor.p) : 1;
      moreAhead = cursor.d === 'b';
    }
  }
  const { total, exact } = counted;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));

  const first = rows[0];
  const last = rows[rows.length - 1];
  const x = exact ? 1 : 0;
  const at = (d: 'a' | 'b', row: ItemRow, p: number) => encodeCursor({ d, k: row.sort_key, i: row.id, p, t: total, x, f: key });
  return {
    items: rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      sex: r.sex,
      dateOfBirth: r.date_of_birth,
      age: ageOn(r.date_of_birth, today),
      unitId: r.unit_id,
      unitName: r.unit_name,
      status: r.status,
      fullMemberOn: r.full_member_on,
      partyCardNumber: r.party_card_number,
      theoryLevel: r.theory_level,
      ethnicity: r.ethnicity,
    })),
    total,
    totalExact: exact,
    page,
    pageSize,
    nextCursor: moreAhead && last ? at('a', last, page + 1) : null,
    prevCursor: moreBehind && first ? at('b', first, Math.max(1, page - 1)) : null,
    // The last page is reachable only when the total is known (not for an over-broad search).
    lastCursor: exact && lastPage > 1 ? encodeCursor({ d: 'l', p: lastPage, t: total, x, f: key }) : null,
  };
}

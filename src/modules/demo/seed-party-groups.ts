// The commune demo's first cell meets in two party groups (tổ đảng), so the cell page's
// "Tổ đảng" card, group meetings and the rule "every group met" have something to show.
// Written as the party-groups module would write them: each group a `to_dang` unit with
// its version, 'create' event and ancestry; the cell's members split between the two
// from the groups' founding (or their own arrival, if later).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isoDate } from '../../domain/calendar.ts';
import { foldForSearch } from '../../domain/vietnamese.ts';
import { rebuildAncestrySql } from '../org-history/keep-ancestry.ts';
import type { BulkSession } from './bulk-load.ts';

export const DEMO_PARTY_GROUPS = ['Tổ đảng xóm Đông', 'Tổ đảng xóm Đoài'];

/** The first day of the month ten months before `asOf`: the groups exist for most of the demo's year. */
export function groupsFoundedOn(asOf: string): string {
  const d = new Date(`${asOf.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 10);
  return isoDate(d.getTime());
}

export async function seedPartyGroups(session: BulkSession, db: Kysely<DB>, cellId: number, asOf: string) {
  const [cell] = await session.query<{ code: string; path: string; depth: number; established_on: string }>(
    'select code, path, depth, established_on::text from units where id = $1',
    [cellId],
  );
  if (!cell) return;
  const founded = groupsFoundedOn(asOf) > cell.established_on ? groupsFoundedOn(asOf) : cell.established_on;
  const ids: number[] = [];
  for (const [i, name] of DEMO_PARTY_GROUPS.entries()) {
    const code = `${cell.code}.TD${i + 1}`;
    const [event] = await session.query<{ id: number }>(`insert into unit_events (kind, effective_on, payload) values ('create', $1, $2::jsonb) returning id`, [
      founded,
      JSON.stringify({ code, name }),
    ]);
    const [unit] = await session.query<{ id: number }>(
      `insert into units (code, name, kind, parent_id, path, depth, established_on, search_name)
       values ($1, $2, 'to_dang', $3, 'pending', $4, $5, $6) returning id`,
      [code, name, cellId, cell.depth + 1, founded, foldForSearch(`${name} ${code}`)],
    );
    const id = unit!.id;
    ids.push(id);
    await session.query('update units set path = $1 where id = $2', [`${cell.path}${id}/`, id]);
    await session.query('update unit_events set payload = $1::jsonb where id = $2', [JSON.stringify({ unitIds: [id, cellId], code, name }), event!.id]);
    await session.query(`insert into unit_versions (unit_id, name, kind, parent_id, valid_from, event_id) values ($1, $2, 'to_dang', $3, $4, $5)`, [
      id,
      name,
      cellId,
      founded,
      event!.id,
    ]);
  }
  for (const step of Object.values(rebuildAncestrySql(ids))) {
    const { sql: text, parameters } = step.compile(db);
    await session.query(text, [...parameters]);
  }
  // Alternately, in name order: members still in the cell, from the later of the founding and their arrival.
  await session.query(
    `insert into party_group_members (member_id, party_group_id, valid_from)
     select x.member_id, case when x.n % 2 = 1 then $2::int else $3::int end, greatest(x.valid_from, $4::date)
     from (select p.member_id, p.valid_from, row_number() over (order by m.sort_key collate "C", m.id) as n
           from member_placements p join members m on m.id = p.member_id
           where p.unit_id = $1 and p.valid_to is null and m.status in ('du_bi', 'chinh_thuc', 'mien_sinh_hoat')) x`,
    [cellId, ids[0], ids[1], founded],
  );
}

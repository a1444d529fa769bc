// "The villages under X on date D, and who lived in each": the one definition that the
// villages screen, the white-village figures and their tests read. A village counts under X
// when its cell sat under X on D (the tree of that day, unit_ancestry) and the village
// existed on D; its residents are the members whose residence row is in force on D and who
// were still members on D (dự bị, chính thức, miễn sinh hoạt, đình chỉ).
import { sql } from 'kysely';
import { CURRENT_STATUSES } from '../../domain/member-status.ts';
import { unitsUnderOn } from '../org-history/units-under.ts';
import { validOn } from '../org-history/valid-on.ts';
import type { VillageKind } from './schemas.ts';

export interface VillageOnRow {
  id: number;
  name: string;
  kind: VillageKind;
  cell_id: number;
  cell_name: string;
  established_on: string;
  dissolved_on: string | null;
  merged_into_id: number | null;
  decision_number: string | null;
  residents: number;
}

/** SQL: villages in force on `date` of the cells under `rootId` that day, with their residents then. */
export function villagesUnderOn(rootId: number, date: string) {
  return sql<VillageOnRow>`
    select v.id, v.name, v.kind, v.cell_id, uu.name as cell_name, v.established_on::text as established_on,
           v.dissolved_on::text as dissolved_on, v.merged_into_id, v.decision_number,
           (select count(*)::int from member_residences r
              join member_statuses s on s.member_id = r.member_id and ${validOn('s', date)}
             where r.village_id = v.id and ${validOn('r', date)} and s.status = any(${sql.val([...CURRENT_STATUSES])}::text[])) as residents
      from villages v
      join (${unitsUnderOn([rootId], date)}) uu on uu.unit_id = v.cell_id
     where v.established_on <= ${date}::date and (v.dissolved_on is null or v.dissolved_on > ${date}::date)`;
}

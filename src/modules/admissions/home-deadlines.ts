// The running admission deadlines for the home page: for every unit the caller is granted with
// the read permission, the candidates of the cells under it, each with its most urgent
// deadline, overdue first then by date. A cell's secretary sees their cell's; a commune's
// committee the cells under it, so an overdue ceremony or consideration is flagged up the tree.
import type { Db } from '../../db/types.ts';
import { ROLE_PERMISSIONS } from '../../domain/permissions.ts';
import type { Access } from '../access/access.ts';
import { candidatesUnder } from './list-candidates.ts';

const MAX_ITEMS = 50;

export async function homeAdmissionDeadlines(db: Db, access: Access, today: string) {
  const roots = [...new Set(access.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('read')).map((g) => g.unitId))];
  const candidates = await candidatesUnder(db, access, roots, today);
  const items = candidates
    .filter((c) => c.next !== null)
    .map((c) => ({
      candidateId: c.id,
      fullName: c.fullName,
      unitId: c.unitId,
      unitName: c.unitName,
      stage: c.stage,
      kind: c.next!.kind,
      dueOn: c.next!.dueOn,
      overdue: c.next!.overdue,
    }));
  return { items: items.slice(0, MAX_ITEMS), truncated: items.length > MAX_ITEMS };
}

// Task figures of a unit over a period (GET /figures/units/{id}/tasks): the tasks that fell
// due in [from, to] in the unit's subtree — each counted under the unit its cell sat under
// on its due date (temporal model: unit_ancestry on that day) — by the secretary's
// assessment, with each share as numerator and denominator. Counted per task, not per
// member (taskFactsByMember in the tasks module counts per member for grading).
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { share } from '../../domain/figure-bands.ts';
import { TASK_OUTCOMES } from '../../domain/tasks.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { Access } from '../access/access.ts';
import { programmeName } from '../tasks/programmes.ts';
import { onLastDayInPeriod, unitForFigures } from './history.ts';
import type { TaskFiguresOut } from './schemas.ts';

const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);

export async function taskFigures(db: Db, access: Access, lang: Lang, unitId: number, from: string, to: string, today: string): Promise<TaskFiguresOut> {
  const { unit } = await onLastDayInPeriod(db, unitId, from, clamp(today, from, to), (date) => unitForFigures(db, unitId, date, access.scope('read')));
  const { rows } = await sql<{ outcome: string | null; programme: string | null; overdue: boolean; n: number }>`
    select t.outcome, t.programme, (t.outcome is null and t.due_on < ${today}::date) as overdue, count(*)::int as n
      from tasks t
      join unit_ancestry a on a.unit_id = t.unit_id and a.ancestor_id = ${unitId}::int
       and a.valid_from <= t.due_on and (a.valid_to is null or a.valid_to > t.due_on)
     where t.due_on between ${from}::date and ${to}::date
     group by 1, 2, 3`.execute(db);
  const sum = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).reduce((s, r) => s + r.n, 0);
  const assigned = sum(() => true);
  const assessed = sum((r) => r.outcome !== null);
  const byOutcome = TASK_OUTCOMES.map((key) => ({ key, n: sum((r) => r.outcome === key) }));
  const n = (key: string) => byOutcome.find((o) => o.key === key)!.n;
  const programmes = new Map<string, { key: string; name: string | null; assigned: number; completed: number }>();
  for (const r of rows) {
    const key = r.programme ?? '';
    const p = programmes.get(key) ?? { key, name: programmeName(r.programme, lang), assigned: 0, completed: 0 };
    p.assigned += r.n;
    if (r.outcome !== null && r.outcome !== 'not_done') p.completed += r.n;
    programmes.set(key, p);
  }
  return {
    unit,
    from,
    to,
    assigned,
    open: sum((r) => r.outcome === null),
    overdue: sum((r) => r.overdue),
    byOutcome,
    /** Of the tasks assessed: completed (on time, late or beyond), on time or beyond, exceeded, not done. */
    completed: share(n('done') + n('late') + n('exceeded'), assessed),
    onTime: share(n('done') + n('exceeded'), assessed),
    exceeded: share(n('exceeded'), assessed),
    notDone: share(n('not_done'), assessed),
    assessed: share(assessed, assigned),
    byProgramme: [...programmes.values()]
      .sort((a, b) => b.assigned - a.assigned || a.key.localeCompare(b.key))
      .map((p) => ({ programme: p.key || null, name: p.name, assigned: p.assigned, completed: share(p.completed, p.assigned) })),
  };
}

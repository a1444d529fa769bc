// The task facts grading reads for each member (issue 9): the tasks assigned to them that
// fell due within the period, counted by the secretary's assessment. A task without a due
// date is not counted (it never falls within a period); one assigned to several members
// counts once for each of them.
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { countTask, emptyCounts, type TaskOutcome } from '../../domain/tasks.ts';

export interface MemberTaskFacts {
  assigned: number;
  doneOnTime: number;
  exceeded: number;
  late: number;
  notDone: number;
  open: number;
}

/** Per member of `memberIds` (each present, zeros when none): tasks due in [from, to], both days included. */
export async function taskFactsByMember(db: Db, memberIds: readonly number[], from: string, to: string): Promise<Map<number, MemberTaskFacts>> {
  const facts = new Map<number, MemberTaskFacts>(memberIds.map((id) => [id, emptyCounts()]));
  if (memberIds.length === 0) return facts;
  const rows = await db
    .selectFrom('task_assignees as ta')
    .innerJoin('tasks as t', 't.id', 'ta.task_id')
    .select(['ta.member_id', 't.outcome', sql<number>`count(*)::int`.as('n')])
    .where(sql<boolean>`ta.member_id = any(${sql.val([...new Set(memberIds)])}::int[])`)
    .where('t.due_on', '>=', from)
    .where('t.due_on', '<=', to)
    .groupBy(['ta.member_id', 't.outcome'])
    .execute();
  for (const row of rows) {
    let counts = facts.get(row.member_id)!;
    for (let i = 0; i < row.n; i++) counts = countTask(counts, row.outcome as TaskOutcome | null);
    facts.set(row.member_id, counts);
  }
  return facts;
}

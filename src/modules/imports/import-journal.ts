// The journal of an import applied in batches (PGlite): which members each run created,
// and how the members it changed were before, so that a run that fails midway — or whose
// process is killed — is undone whole. Every step is a short transaction.
import { type Kysely, sql } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { writeAudit } from '../audit/write-audit.ts';

const UNDO_BATCH = 500;

export async function startRun(db: Kysely<DB>, actorUserId: number | null, unitId: number, fileName: string | null): Promise<number> {
  const row = await db
    .insertInto('import_runs')
    .values({ unit_id: unitId, actor_user_id: actorUserId, file_name: fileName?.slice(0, 200) ?? null, state: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Before members are changed by a run: their row, placements and statuses as they are. */
export async function journalBefore(trx: Db, runId: number, memberIds: number[]): Promise<void> {
  if (!memberIds.length) return;
  await sql`insert into import_run_members (run_id, member_id, before)
    select ${runId}, m.id, jsonb_build_object(
      'member', to_jsonb(m),
      'placements', (select coalesce(jsonb_agg(to_jsonb(p)), '[]'::jsonb) from member_placements p where p.member_id = m.id),
      'statuses', (select coalesce(jsonb_agg(to_jsonb(s)), '[]'::jsonb) from member_statuses s where s.member_id = m.id))
    from members m where m.id = any(${sql.val(memberIds)}::int[])
    on conflict (run_id, member_id) do nothing`.execute(trx);
}

export async function journalCreated(trx: Db, runId: number, memberIds: number[]): Promise<void> {
  if (!memberIds.length) return;
  await trx
    .insertInto('import_run_members')
    .values(memberIds.map((id) => ({ run_id: runId, member_id: id, before: null })))
    .execute();
}

/** The run is complete (in the transaction that audits it): from here on it stays. */
export async function finishRun(trx: Db, runId: number): Promise<void> {
  await trx.updateTable('import_runs').set({ state: 'done', finished_at: new Date() }).where('id', '=', runId).execute();
}

/** A finished run's journal is no longer needed: removed a batch at a time. */
export async function purgeJournal(db: Kysely<DB>, runId: number) {
  for (;;) {
    const removed = await sql`delete from import_run_members where (run_id, member_id) in
      (select run_id, member_id from import_run_members where run_id = ${runId} limit 5000)`.execute(db);
    if (!Number(removed.numAffectedRows ?? 0)) return;
  }
}

let memberColumnList: string[] | null = null;
async function memberColumns(db: Db): Promise<string[]> {
  memberColumnList ??= (
    await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = 'members' and column_name <> 'id' order by ordinal_position`.execute(db)
  ).rows.map((r) => r.name);
  return memberColumnList;
}

/** Undoes a run from its journal, a batch per transaction; safe to repeat after a crash midway. */
/**
 * Removes what other tables hold about members that are about to be deleted: rows that
 * cannot exist without the member are deleted, optional links set to null. Read from the
 * catalog, so a table added later is covered too.
 */
async function forgetReferencesTo(trx: Db, memberIds: number[]): Promise<void> {
  const refs = await sql<{ table_name: string; column_name: string; not_null: boolean }>`
    select c.conrelid::regclass::text as table_name, a.attname as column_name, a.attnotnull as not_null
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'members'::regclass and cardinality(c.conkey) = 1
    order by 1, 2`.execute(trx);
  for (const ref of refs.rows) {
    const table = sql.raw(ref.table_name);
    const column = sql.raw(`"${ref.column_name.replace(/"/g, '""')}"`);
    const ids = sql.join(memberIds);
    if (ref.not_null) await sql`delete from ${table} where ${column} in (${ids})`.execute(trx);
    else await sql`update ${table} set ${column} = null where ${column} in (${ids})`.execute(trx);
  }
}

export async function undoRun(db: Kysely<DB>, runId: number): Promise<void> {
  const columns = await memberColumns(db);
  const assign = sql.raw(columns.map((c) => `"${c}" = r."${c}"`).join(', '));
  let created = 0;
  let restored = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const batch = await trx
        .selectFrom('import_run_members')
        .select(['member_id', 'before'])
        .where('run_id', '=', runId)
        .orderBy('member_id')
        .limit(UNDO_BATCH)
        .execute();
      if (!batch.length) return true;
      const ids = batch.map((b) => b.member_id);
      const createdIds = batch.filter((b) => b.before === null).map((b) => b.member_id);
      const changed = batch.filter((b) => b.before !== null);
      // Placements and statuses come back exactly as they were (ids included); created members go.
      await trx.deleteFrom('member_statuses').where('member_id', 'in', ids).execute();
      await trx.deleteFrom('member_placements').where('member_id', 'in', ids).execute();
      if (createdIds.length) {
        // While the run was being written its members were visible, so other requests may
        // have pointed at them (a check-in, a queued conflict, an account link): those go too.
        await forgetReferencesTo(trx, createdIds);
        await trx.deleteFrom('members').where('id', 'in', createdIds).execute();
      }
      if (changed.length) {
        const befores = JSON.stringify(changed.map((b) => b.before));
        await sql`update members m set ${assign}
          from jsonb_populate_recordset(null::members, (select jsonb_agg(b->'member') from jsonb_array_elements(${befores}::jsonb) b)) r
          where m.id = r.id`.execute(trx);
        await sql`insert into member_placements select * from jsonb_populate_recordset(null::member_placements,
          (select coalesce(jsonb_agg(p), '[]'::jsonb) from jsonb_array_elements(${befores}::jsonb) b, jsonb_array_elements(b->'placements') p))`.execute(trx);
        await sql`insert into member_statuses select * from jsonb_populate_recordset(null::member_statuses,
          (select coalesce(jsonb_agg(s), '[]'::jsonb) from jsonb_array_elements(${befores}::jsonb) b, jsonb_array_elements(b->'statuses') s))`.execute(trx);
      }
      await trx.deleteFrom('import_run_members').where('run_id', '=', runId).where('member_id', 'in', ids).execute();
      created += createdIds.length;
      restored += changed.length;
      return false;
    });
    if (done) break;
  }
  await db.transaction().execute(async (trx) => {
    const run = await trx
      .updateTable('import_runs')
      .set({ state: 'undone', finished_at: new Date() })
      .where('id', '=', runId)
      .returning(['unit_id', 'actor_user_id', 'file_name'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, run.actor_user_id, {
      action: 'import.undo',
      entityType: 'unit',
      entityId: run.unit_id,
      unitId: run.unit_id,
      after: { file: run.file_name, runId, removed: created, restored },
    });
  });
}

/**
 * At start: undoes every run a dead process left unfinished, and drops the journal of
 * finished ones. Returns how many runs were undone.
 */
export async function undoUnfinishedRuns(db: Kysely<DB>): Promise<number> {
  const runs = await db.selectFrom('import_runs').select(['id', 'state']).where('state', '=', 'running').orderBy('id', 'desc').execute();
  for (const run of runs) await undoRun(db, run.id);
  const leftovers = await db
    .selectFrom('import_run_members as j')
    .innerJoin('import_runs as r', 'r.id', 'j.run_id')
    .select('r.id')
    .distinct()
    .where('r.state', '<>', 'running')
    .execute();
  for (const run of leftovers) await purgeJournal(db, run.id);
  return runs.length;
}

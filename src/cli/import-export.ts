// `chibo import FILE.xlsx --unit CODE [--apply] [--as USERNAME]` and
// `chibo export FILE.xlsx [--unit CODE] [--as USERNAME]`: the same use cases as the web
// app, run from the command line. Without --as the command acts as the system (the
// whole tree, audit actor null); with --as it has exactly that account's scope.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import type { CommandContext } from '../cli.ts';
import type { DB } from '../db/types.ts';
import { t } from '../i18n/messages.ts';
import { type Access, buildAccess, type Grant, loadGrants } from '../modules/access/access.ts';
import { ImportRejected, type ImportReport, importMembers } from '../modules/imports/import-members.ts';
import { exportMembers } from '../modules/members/export-members.ts';
import { exportMembersQuery } from '../modules/members/schemas.ts';
import { cliMessage } from './demo.ts';

const fail = (key: string, params: Record<string, string | number> = {}) => new Error(t('vi', `imports.cli.${key}`, params));

async function unitIdByCode(db: Kysely<DB>, code: string): Promise<number> {
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where(sql<boolean>`lower(code) = lower(${code})`)
    .orderBy(sql`code = ${code}`, 'desc')
    .executeTakeFirst();
  if (!unit) throw fail('unit_not_found', { code });
  return unit.id;
}

/**
 * The account named by --as, or the system: admin over every root unit, with a null
 * audit actor (the Access type wants a number; audit_log.actor_user_id takes null).
 */
async function actorAccess(db: Kysely<DB>, username: string | undefined): Promise<Access> {
  if (username) {
    const user = await db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'member_id'])
      .where('username', '=', username.trim().toLowerCase())
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!user) throw fail('user_not_found', { username });
    return buildAccess(user, await loadGrants(db, user.id));
  }
  const roots = await db.selectFrom('units').select(['id', 'path', 'name']).where('parent_id', 'is', null).execute();
  const grants: Grant[] = roots.map((r) => ({ id: 0, role: 'admin', unitId: r.id, unitPath: r.path, includeSubtree: true, unitName: r.name }));
  const system = buildAccess({ id: 0, username: 'chibo', display_name: 'chibo', member_id: null }, grants);
  return { ...system, userId: null as unknown as number };
}

function printReport(report: ImportReport) {
  const counts = { total: report.totalRows, valid: report.valid, created: report.created, updated: report.updated, errors: report.errors.length };
  if (report.imported) console.log(t('vi', 'imports.cli.applied', counts));
  else if (report.mode === 'apply') console.log(t('vi', 'imports.cli.nothing_imported', counts));
  else console.log(t('vi', report.errors.length ? 'imports.cli.dry_run_errors' : 'imports.cli.dry_run', counts));
  for (const e of report.errors) console.log(t('vi', 'imports.cli.error_line', { row: e.row, column: e.column, message: e.message }));
}

export async function importCommand(ctx: CommandContext) {
  const { values, positionals } = ctx.parse({ unit: { type: 'string' }, apply: { type: 'boolean', default: false }, as: { type: 'string' } });
  if (!positionals[0]) throw fail('file_missing');
  if (!values.unit) throw fail('unit_missing');
  const filePath = path.resolve(positionals[0]);
  const database = await ctx.open();
  try {
    const unitId = await unitIdByCode(database.db, String(values.unit));
    const access = await actorAccess(database.db, values.as as string | undefined);
    let report: ImportReport;
    try {
      report = await importMembers(
        database.db,
        { userId: access.userId, scope: access.scope('write_members') },
        {
          unitId,
          mode: values.apply ? 'apply' : 'dry-run',
          filePath,
          fileName: path.basename(filePath),
          lang: 'vi',
        },
      );
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw cliMessage(error);
      report = error.report;
    }
    printReport(report);
    if (report.errors.length) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

export async function exportCommand(ctx: CommandContext) {
  const { values, positionals } = ctx.parse({ unit: { type: 'string' }, as: { type: 'string' } });
  if (!positionals[0]) throw fail('file_missing');
  const filePath = path.resolve(positionals[0]);
  const database = await ctx.open();
  try {
    const unitId = values.unit ? await unitIdByCode(database.db, String(values.unit)) : undefined;
    const access = await actorAccess(database.db, values.as as string | undefined);
    const filters = exportMembersQuery.parse(unitId === undefined ? {} : { unitId: String(unitId) });
    const stream = await exportMembers(database.db, access, filters, 'vi').catch((error: unknown) => {
      throw cliMessage(error);
    });
    await pipeline(stream, fs.createWriteStream(filePath));
    console.log(t('vi', 'imports.cli.exported', { file: filePath }));
  } finally {
    await database.close();
  }
}

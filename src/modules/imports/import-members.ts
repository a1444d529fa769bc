// Importing a list of members from an .xlsx file into a unit's subtree. The file is read
// row by row and every row checked (the members module's schema and date rules, cell
// codes inside the unit, duplicates within the file, card and citizen ID numbers held by
// members elsewhere). A dry run stops there; an apply writes everything in one
// transaction, or nothing when any row is wrong. Rows whose party card number (or, with
// no card, citizen ID; failing both, full name and date of birth among the unit's members
// who have neither number yet) matches a member already in the unit update that member, so
// importing the same file twice changes nothing twice.
import { type Kysely, sql, type Transaction } from 'kysely';
import { hasSqlState, SQLSTATE } from '../../db/sqlstate.ts';
import type { DB, Db, MemberStatus, UnitKind } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { LEAVING_STATUSES } from '../../domain/member-status.ts';
import { CELL_KINDS } from '../../domain/unit-tree.ts';
import { AppError } from '../../http/app-error.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import { type Scope, unitInScope } from '../access/access.ts';
import { unitInScopeOr404 } from '../access/unit-in-scope-or-404.ts';
import { type AuditEntry, writeAudit } from '../audit/write-audit.ts';
import { throttle } from '../auth/throttle.ts';
import { type HeldElsewhere, queueConflicts } from '../conflicts/queue-conflicts.ts';
import { memberColumns, PERSONAL_COLUMNS } from '../members/member-row.ts';
import type { MemberFields } from '../members/schemas.ts';
import { finishRun, journalBefore, journalCreated, purgeJournal, startRun, undoRun } from './import-journal.ts';
import { importRowLimitFor, tooManyRowsForCell } from './import-size-limit.ts';
import { type ColumnKey, columnLabel, IMPORT_COLUMNS } from './member-columns.ts';
import type { ParsedRow, RowError } from './parse-member-row.ts';
import { readMemberRowChunks } from './read-member-rows.ts';

export type ImportMode = 'dry-run' | 'apply';

export interface ImportReport {
  mode: ImportMode;
  /** True only when the rows were written: a dry run and a refused apply import nothing. */
  imported: boolean;
  totalRows: number;
  valid: number;
  /** Members added (a dry run: that would be added; a refused apply: 0). */
  created: number;
  /** Members updated, likewise. */
  updated: number;
  errors: RowError[];
}

/** An apply refused because of row errors: 422, carrying the report — which says nothing was created or updated. */
export class ImportRejected extends AppError {
  readonly report: ImportReport;
  constructor(checked: ImportReport) {
    super('imports.has_errors', 422, { count: checked.errors.length });
    this.report = { ...checked, mode: 'apply', imported: false, created: 0, updated: 0 };
  }
}

/**
 * Who imports: a user's write_members scope, or the command line (actor null, whole tree).
 * readScope: whom they may read (default: scope); a card or citizen ID held outside it is
 * answered anonymously and queued for the organisation board.
 */
export interface ImportActor {
  userId: number | null;
  scope: Scope;
  readScope?: Scope;
}

export interface ImportOptions {
  unitId: number;
  mode: ImportMode;
  filePath: string;
  fileName?: string;
  lang: Lang;
  /** PGlite applies in short journaled transactions, so its one connection keeps serving others. */
  engine?: 'pglite' | 'postgres';
}

const CHUNK = 500;
/** On PGlite a chunk is one turn on the only connection: small enough that others wait well under a second. */
const PGLITE_CHUNK = 200;

interface TargetUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  path: string;
  dissolved_on: string | null;
  established_on: string;
}

export async function findTarget(db: Db, scope: Scope, unitId: number): Promise<TargetUnit> {
  const unit = await unitInScopeOr404(db, scope, unitId);
  return unit;
}

function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface CellUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  dissolved_on: string | null;
  established_on: string;
}

/** Units named in the file, found only inside the target's subtree and the caller's scope. */
async function findCells(db: Db, scope: Scope, target: TargetUnit, codes: string[]): Promise<Map<string, CellUnit>> {
  const found = new Map<string, CellUnit>();
  for (const part of chunks(codes)) {
    const rows = await db
      .selectFrom('units as u')
      .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.dissolved_on', 'u.established_on'])
      .where(sql<boolean>`lower(u.code) = any(${sql.val(part)}::text[])`)
      .where('u.path', 'like', `${target.path}%`)
      .where((eb) => unitInScope(scope, eb.ref('u.id')))
      .execute();
    for (const r of rows) found.set(r.code.toLowerCase(), r);
  }
  return found;
}

type MemberRowDb = Awaited<ReturnType<typeof existingQuery>>[number];
function existingQuery(db: Db, scope: Scope, readScope: Scope, target: TargetUnit, cards: string[], citizenIds: string[]) {
  return db
    .selectFrom('members as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .selectAll('m')
    .select((eb) => sql<boolean>`(u.path like ${`${target.path}%`} and ${unitInScope(scope, eb.ref('m.unit_id'))})`.as('in_scope'))
    .select((eb) => sql<boolean>`${unitInScope(readScope, eb.ref('m.unit_id'))}`.as('readable'))
    .where((eb) =>
      eb.or([...(cards.length ? [eb('m.party_card_number', 'in', cards)] : []), ...(citizenIds.length ? [eb('m.citizen_id', 'in', citizenIds)] : [])]),
    )
    .execute();
}

/** Members already holding a card or citizen ID number from the file, wherever they are. */
async function findExisting(db: Db, scope: Scope, readScope: Scope, target: TargetUnit, rows: ParsedRow[]) {
  const cards = [...new Set(rows.map((r) => r.fields.partyCardNumber).filter((v): v is string => !!v))];
  const citizenIds = [...new Set(rows.map((r) => r.fields.citizenId).filter((v): v is string => !!v))];
  const byCard = new Map<string, MemberRowDb>();
  const byCitizenId = new Map<string, MemberRowDb>();
  const batches = Math.max(Math.ceil(cards.length / 1000), Math.ceil(citizenIds.length / 1000));
  for (let i = 0; i < batches; i++) {
    const c = cards.slice(i * 1000, (i + 1) * 1000);
    const ids = citizenIds.slice(i * 1000, (i + 1) * 1000);
    if (!c.length && !ids.length) continue;
    for (const m of await existingQuery(db, scope, readScope, target, c, ids)) {
      if (m.party_card_number) byCard.set(m.party_card_number, m);
      if (m.citizen_id) byCitizenId.set(m.citizen_id, m);
    }
  }
  return { byCard, byCitizenId };
}

const nameAndBirth = (fullName: string, dateOfBirth: string) => `${fullName}\u0000${dateOfBirth}`;

/**
 * The unit's members still in the party with neither a card nor a citizen ID number (a new
 * probationary member often has neither yet), by full name and date of birth: how a row
 * finds such a member, whether it still has no number (an exported sheet read back) or
 * brings the number issued since. Read once per file: members the file itself adds are
 * told apart by the file's own duplicate check.
 */
async function findUnnumbered(db: Db, scope: Scope, target: TargetUnit) {
  const found = await db
    .selectFrom('members as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .selectAll('m')
    .select(sql<boolean>`true`.as('in_scope'))
    .select(sql<boolean>`true`.as('readable'))
    .where('u.path', 'like', `${target.path}%`)
    .where((eb) => unitInScope(scope, eb.ref('m.unit_id')))
    .where('m.party_card_number', 'is', null)
    .where('m.citizen_id', 'is', null)
    .where('m.status', 'not in', LEAVING_STATUSES)
    .execute();
  const byNameAndBirth = new Map<string, MemberRowDb[]>();
  for (const m of found) {
    const key = nameAndBirth(m.full_name, m.date_of_birth);
    byNameAndBirth.set(key, [...(byNameAndBirth.get(key) ?? []), m]);
  }
  return byNameAndBirth;
}

interface PlannedRow {
  parsed: ParsedRow;
  unit: CellUnit;
  existing: MemberRowDb | null;
  /** New members: their first status. Existing: the status after the import. */
  status: MemberStatus;
}

/** Rows seen in the file so far, for "same as row N": kept across the chunks of one file. */
type SeenRows = { card: Map<string, number>; citizenId: Map<string, number>; nameAndBirth: Map<string, number>; member: Map<number, number> };
const noRowsSeen = (): SeenRows => ({ card: new Map(), citizenId: new Map(), nameAndBirth: new Map(), member: new Map() });

/** Every check that needs the database; returns the plan for the rows that passed. */
/**
 * A card or citizen ID held by a member the importer may not read: one message for every
 * such row whatever the other record is, on the card column when the row has a card (so
 * not even the column tells which number matched), and the holder queued for the board.
 */
function heldOutsideScope(parsed: ParsedRow, matches: Array<MemberRowDb | undefined>, held: HeldElsewhere[]): boolean {
  const outside = [...new Set(matches.filter((m): m is MemberRowDb => !!m && !m.readable))];
  for (const m of outside) {
    const kind = m.party_card_number && m.party_card_number === parsed.fields.partyCardNumber ? 'party_card_number' : 'citizen_id';
    held.push({ kind, value: kind === 'party_card_number' ? m.party_card_number! : m.citizen_id!, existingMemberId: m.id, existingUnitId: m.unit_id });
  }
  return outside.length > 0;
}

/** Per file: the conflicts it raised for the board, and the caller's row limit (null: none). */
interface FileLimits {
  held: HeldElsewhere[];
  rowLimit: number | null;
}

/** Imports a cell secretary may run in an hour, dry runs included. */
export const CELL_IMPORTS = { kind: 'import.cell', limit: 10, windowMinutes: 60 } as const;

/** What one file's checks accumulate across its chunks. */
interface FileChecks {
  errors: RowError[];
  held: HeldElsewhere[];
  firstRowWith: SeenRows;
  /** The unit's members with no number, by name and date of birth (findUnnumbered), read at the first chunk. */
  unnumbered?: Map<string, MemberRowDb[]>;
}

/** Every check that needs the database; returns the plan for the rows that passed. */
async function planRows(db: Db, actor: ImportActor, target: TargetUnit, rows: ParsedRow[], lang: Lang, checks: FileChecks): Promise<PlannedRow[]> {
  const { errors, held, firstRowWith } = checks;
  const label = (key: ColumnKey) => columnLabel(lang, key);
  const codes = [...new Set(rows.map((r) => r.unitCode?.toLowerCase()).filter((v): v is string => !!v))];
  const cells = await findCells(db, actor.scope, target, codes);
  const { byCard, byCitizenId } = await findExisting(db, actor.scope, actor.readScope ?? actor.scope, target, rows);
  checks.unnumbered ??= await findUnnumbered(db, actor.scope, target);
  const byNameAndBirth = checks.unnumbered;
  const planned: PlannedRow[] = [];

  for (const parsed of rows) {
    const rowErrors: RowError[] = [];
    const fail = (key: ColumnKey, message: string, params: Record<string, string | number> = {}) =>
      rowErrors.push({ row: parsed.row, column: label(key), message: t(lang, message, params) });
    const { partyCardNumber: card, citizenId } = parsed.fields;

    if (card) {
      const first = firstRowWith.card.get(card);
      if (first !== undefined) fail('partyCardNumber', 'imports.row.duplicate_in_file', { row: first });
      else firstRowWith.card.set(card, parsed.row);
    }
    if (citizenId) {
      const first = firstRowWith.citizenId.get(citizenId);
      if (first !== undefined) fail('citizenId', 'imports.row.duplicate_in_file', { row: first });
      else firstRowWith.citizenId.set(citizenId, parsed.row);
    }

    // The member this row is about: by party card number, else by citizen ID.
    const withCard = card ? byCard.get(card) : undefined;
    const withCitizenId = citizenId ? byCitizenId.get(citizenId) : undefined;
    let existing: MemberRowDb | null = null;
    if (heldOutsideScope(parsed, [withCard, withCitizenId], held)) fail(card ? 'partyCardNumber' : 'citizenId', 'imports.row.needs_board');
    else if (withCard && !withCard.in_scope) fail('partyCardNumber', 'imports.row.card_out_of_scope', { value: card!, unit: target.name });
    else if (withCitizenId && !withCitizenId.in_scope) fail('citizenId', 'imports.row.citizen_id_out_of_scope', { value: citizenId!, unit: target.name });
    else if (withCard && withCitizenId && withCard.id !== withCitizenId.id) fail('citizenId', 'imports.row.citizen_id_other_member', { value: citizenId! });
    else existing = withCard ?? withCitizenId ?? null;
    // No number, or numbers nobody holds yet: the member of the unit who has no number, by name and date of birth.
    const personKey = nameAndBirth(parsed.fields.fullName, parsed.fields.dateOfBirth);
    if (!card && !citizenId) {
      const first = firstRowWith.nameAndBirth.get(personKey);
      if (first !== undefined) fail('fullName', 'imports.row.duplicate_in_file', { row: first });
      else firstRowWith.nameAndBirth.set(personKey, parsed.row);
    }
    if (!withCard && !withCitizenId && rowErrors.length === 0) {
      const same = byNameAndBirth.get(personKey) ?? [];
      if (same.length === 1) existing = same[0]!;
      else if (same.length > 1) fail('partyCardNumber', 'imports.row.same_name_and_birth', { count: same.length });
    }
    if (existing) {
      const first = firstRowWith.member.get(existing.id);
      const column: ColumnKey = card ? 'partyCardNumber' : citizenId ? 'citizenId' : 'fullName';
      if (first !== undefined) fail(column, 'imports.row.same_member_in_file', { row: first });
      else firstRowWith.member.set(existing.id, parsed.row);
    }

    // The cell: as written, else the member's current cell, else the unit imported into.
    let unit: CellUnit | undefined;
    if (parsed.unitCode) {
      unit = cells.get(parsed.unitCode.toLowerCase());
      if (!unit) fail('unitCode', 'imports.row.unknown_unit', { value: parsed.unitCode, unit: target.name });
    } else if (existing) {
      unit = { id: existing.unit_id, code: '', name: '', kind: 'chi_bo', dissolved_on: null, established_on: '1930-02-03' };
    } else {
      unit = target;
    }
    if (unit && !CELL_KINDS.includes(unit.kind))
      fail('unitCode', 'imports.row.unit_not_cell', { value: parsed.unitCode ?? unit.name, kind: `imports.kinds.${unit.kind}` });
    else if (unit?.dissolved_on) fail('unitCode', 'imports.row.unit_dissolved', { value: parsed.unitCode ?? unit.name });

    // Status: new members come in probationary or full; existing ones may only be
    // recognised as full here, any other change needs its decision on the member's page.
    // Exempted and suspended members are full members too: "Chính thức" keeps their status.
    let wanted = parsed.status ?? (existing ? existing.status : parsed.fields.fullMemberOn ? 'chinh_thuc' : 'du_bi');
    if (existing && wanted === 'chinh_thuc' && (existing.status === 'mien_sinh_hoat' || existing.status === 'dinh_chi')) wanted = existing.status;
    if (!existing && wanted !== 'du_bi' && wanted !== 'chinh_thuc') fail('status', 'imports.row.status_new_member');
    if (existing && wanted !== existing.status && !(existing.status === 'du_bi' && wanted === 'chinh_thuc')) {
      fail('status', 'imports.row.status_change', { current: `members.status.${existing.status}`, wanted: `members.status.${wanted}` });
    }

    if (rowErrors.length) errors.push(...rowErrors);
    else planned.push({ parsed, unit: unit!, existing, status: wanted });
  }
  return planned;
}

const dateMax = (a: string, b: string) => (a > b ? a : b);

/** Fields as the audit trail shows them (camelCase, like the API). */
function auditFields(m: MemberRowDb) {
  return Object.fromEntries(Object.entries(PERSONAL_COLUMNS).map(([field, column]) => [field, m[column as keyof MemberRowDb]]));
}

async function createMembers(trx: Transaction<DB>, actorUserId: number | null, rows: PlannedRow[], today: string): Promise<number[]> {
  const created: number[] = [];
  for (const part of chunks(rows, CHUNK)) {
    const ids = (
      await sql<{ id: number }>`select nextval(pg_get_serial_sequence('members', 'id'))::int as id from generate_series(1, ${part.length})`.execute(trx)
    ).rows.map((r) => r.id);
    created.push(...ids);
    await trx
      .insertInto('members')
      .values(part.map((r, i) => ({ id: ids[i]!, ...memberColumns(r.parsed.fields), unit_id: r.unit.id, status: r.status })))
      .execute();
    const placements = part.map((r, i) => ({
      member_id: ids[i]!,
      unit_id: r.unit.id,
      reason: 'import',
      // From the file's "Ngày về sinh hoạt tại chi bộ", else the import date: never from the
      // admission date, which would put the member on past rolls and trees of this cell
      // (not before the cell's founding).
      valid_from: dateMax(r.parsed.joinedUnitOn ?? today, r.unit.established_on),
    }));
    await trx.insertInto('member_placements').values(placements).execute();
    type StatusRow = { member_id: number; status: MemberStatus; valid_from: string; valid_to: string | null };
    const statuses = part.flatMap((r, i): StatusRow[] => {
      const { admittedOn, fullMemberOn } = r.parsed.fields;
      if (r.status === 'du_bi') return [{ member_id: ids[i]!, status: 'du_bi', valid_from: admittedOn ?? today, valid_to: null }];
      if (admittedOn && fullMemberOn) {
        return [
          { member_id: ids[i]!, status: 'du_bi', valid_from: admittedOn, valid_to: fullMemberOn },
          { member_id: ids[i]!, status: 'chinh_thuc', valid_from: fullMemberOn, valid_to: null },
        ];
      }
      return [{ member_id: ids[i]!, status: 'chinh_thuc', valid_from: fullMemberOn ?? admittedOn ?? today, valid_to: null }];
    });
    await trx.insertInto('member_statuses').values(statuses).execute();
    // One audit row per member, written together (the same row writeAudit would write).
    await trx
      .insertInto('audit_log')
      .values(
        part.map((r, i) => ({
          actor_user_id: actorUserId,
          action: 'member.create',
          entity_type: 'member',
          entity_id: String(ids[i]!),
          unit_id: r.unit.id,
          after: JSON.stringify({ ...r.parsed.fields, unitId: r.unit.id, status: r.status, source: 'import' }),
        })),
      )
      .execute();
  }
  return created;
}

const DATE_COLUMNS = new Set(['date_of_birth', 'admitted_on', 'full_member_on']);

async function updateMembers(trx: Transaction<DB>, actorUserId: number | null, rows: PlannedRow[], present: Set<ColumnKey>, today: string) {
  // Only the columns the file has; the name's search and sort forms follow the name.
  const fields = (Object.keys(PERSONAL_COLUMNS) as (keyof typeof PERSONAL_COLUMNS)[]).filter((f) => present.has(f));
  const columns = [...fields.map((f) => PERSONAL_COLUMNS[f]), 'given_name', 'search_name', 'sort_key'];
  const recordType = sql.raw(['id int', ...columns.map((c) => `${c} ${DATE_COLUMNS.has(c) ? 'date' : 'text'}`)].join(', '));
  const assignments = sql.raw(columns.map((c) => `${c} = r.${c}`).join(', '));
  for (const part of chunks(rows, CHUNK)) {
    const records = part.map((r) => {
      const all = memberColumns(r.parsed.fields) as Record<string, unknown>;
      return Object.fromEntries([['id', r.existing!.id], ...columns.map((c) => [c, all[c]])]);
    });
    await sql`update members m set ${assignments}, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${recordType}) where m.id = r.id`.execute(trx);
    await trx
      .insertInto('audit_log')
      .values(
        part.map((r) => ({
          actor_user_id: actorUserId,
          action: 'member.update',
          entity_type: 'member',
          entity_id: String(r.existing!.id),
          unit_id: r.unit.id,
          before: JSON.stringify({ ...auditFields(r.existing!), unitId: r.existing!.unit_id, status: r.existing!.status }),
          after: JSON.stringify({
            ...Object.fromEntries(fields.map((f) => [f, r.parsed.fields[f as keyof MemberFields] ?? null])),
            unitId: r.unit.id,
            status: r.status,
            source: 'import',
          }),
        })),
      )
      .execute();
  }
  // Moves to another cell and recognitions as full member: rare, one by one, with history.
  for (const r of rows) {
    const id = r.existing!.id;
    if (r.unit.id !== r.existing!.unit_id) {
      await trx.updateTable('member_placements').set({ valid_to: today }).where('member_id', '=', id).where('valid_to', 'is', null).execute();
      await trx.insertInto('member_placements').values({ member_id: id, unit_id: r.unit.id, valid_from: today, reason: 'import' }).execute();
      await trx.updateTable('members').set({ unit_id: r.unit.id }).where('id', '=', id).execute();
    }
    if (r.status !== r.existing!.status) {
      const open = await trx.selectFrom('member_statuses').select('valid_from').where('member_id', '=', id).where('valid_to', 'is', null).executeTakeFirst();
      const from = dateMax(r.parsed.fields.fullMemberOn ?? today, open?.valid_from ?? '1930-02-03');
      await trx.updateTable('member_statuses').set({ valid_to: from }).where('member_id', '=', id).where('valid_to', 'is', null).execute();
      await trx.insertInto('member_statuses').values({ member_id: id, status: r.status, valid_from: from }).execute();
      await trx.updateTable('members').set({ status: r.status }).where('id', '=', id).execute();
    }
  }
}

function sortErrors(errors: RowError[], lang: Lang) {
  const order = new Map(IMPORT_COLUMNS.map((c, i) => [columnLabel(lang, c.key), i]));
  return errors.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
}

/** Runs one chunk's checks and writes, in a transaction or not: the engines differ here. */
type ChunkRunner = (work: (q: Db) => Promise<void>) => Promise<void>;
type ChunkWriter = (q: Db, planned: PlannedRow[], columns: Set<ColumnKey>) => Promise<void>;

/**
 * Reads the file a chunk at a time and checks each chunk; while no row has failed, hands
 * the checked rows of each chunk to `write`. Memory holds one chunk and the numbers seen.
 * A cell secretary's file stops at the row limit of one cell (import-size-limit.ts).
 */
async function checkFile(
  runChunk: ChunkRunner,
  actor: ImportActor,
  target: TargetUnit,
  options: ImportOptions,
  file: FileLimits,
  write?: ChunkWriter,
): Promise<ImportReport> {
  const { held, rowLimit } = file;
  const size = options.engine === 'pglite' ? PGLITE_CHUNK : CHUNK;
  const { lang } = options;
  const checks: FileChecks = { errors: [], held, firstRowWith: noRowsSeen() };
  let totalRows = 0,
    valid = 0,
    created = 0,
    updated = 0;
  for await (const chunk of readMemberRowChunks(options.filePath, lang, size)) {
    totalRows = chunk.totalRows;
    if (rowLimit !== null && totalRows > rowLimit) throw tooManyRowsForCell(rowLimit);
    checks.errors.push(...chunk.errors);
    await runChunk(async (q) => {
      const planned = await planRows(q, actor, target, chunk.rows, lang, checks);
      valid += planned.length;
      for (const p of planned)
        if (p.existing) updated++;
        else created++;
      if (write && checks.errors.length === 0) await write(q, planned, chunk.columns);
    });
  }
  return {
    mode: options.mode,
    imported: options.mode === 'apply' && checks.errors.length === 0,
    totalRows,
    valid,
    created,
    updated,
    errors: sortErrors(checks.errors, lang),
  };
}

/**
 * A check that did not write (a dry run, or an apply refused for its rows): audited with
 * counts only — who, which unit, how many rows and conflicts, no personal data — together
 * with the out-of-scope conflicts it raised for the board.
 */
async function recordCheck(db: Kysely<DB>, actor: ImportActor, target: TargetUnit, report: ImportReport, held: HeldElsewhere[]) {
  await db.transaction().execute(async (trx) => {
    const conflicts = await queueConflicts(trx, { userId: actor.userId, fromUnitId: target.id, source: 'import' }, held);
    await writeAudit(trx, actor.userId, {
      action: report.mode === 'dry-run' ? 'import.dry_run' : 'import.refused',
      entityType: 'unit',
      entityId: target.id,
      unitId: target.id,
      after: { totalRows: report.totalRows, valid: report.valid, errors: report.errors.length, conflicts },
    });
  });
}

async function writePlanned(
  trx: Transaction<DB>,
  actorUserId: number | null,
  planned: PlannedRow[],
  columns: Set<ColumnKey>,
  today: string,
): Promise<number[]> {
  const created = await createMembers(
    trx,
    actorUserId,
    planned.filter((p) => !p.existing),
    today,
  );
  await updateMembers(
    trx,
    actorUserId,
    planned.filter((p) => p.existing),
    columns,
    today,
  );
  return created;
}

const applyAudit = (target: TargetUnit, options: ImportOptions, report: ImportReport): AuditEntry => ({
  action: 'import.apply',
  entityType: 'unit',
  entityId: target.id,
  unitId: target.id,
  after: { file: options.fileName ?? null, totalRows: report.totalRows, created: report.created, updated: report.updated },
});

/** PostgreSQL: the whole apply is one transaction on its own connection; others are not held up. */
async function applyInOneTransaction(db: Kysely<DB>, actor: ImportActor, target: TargetUnit, options: ImportOptions, today: string, file: FileLimits) {
  return db.transaction().execute(async (trx) => {
    // Re-check inside the transaction, then write; any error leaves nothing behind.
    await findTarget(trx, actor.scope, target.id);
    const report = await checkFile(
      (work) => work(trx),
      actor,
      target,
      options,
      file,
      async (_q, planned, columns) => {
        await writePlanned(trx, actor.userId, planned, columns, today);
      },
    );
    if (report.errors.length) throw new ImportRejected(report);
    await writeAudit(trx, actor.userId, applyAudit(target, options, report));
    return report;
  });
}

/**
 * PGlite has one connection: one long transaction would hold every other user for its
 * whole length. The file is checked first (nothing written); then each chunk is checked
 * again and written in its own short transaction, journaled, so other requests take their
 * turn between chunks. A failure undoes the run from its journal; so does the next start
 * after a crash (import-journal.ts). Other users may see the members arrive meanwhile.
 */
async function applyInBatches(db: Kysely<DB>, actor: ImportActor, target: TargetUnit, options: ImportOptions, today: string, file: FileLimits) {
  const checked = await checkFile((work) => work(db), actor, target, options, file);
  if (checked.errors.length) throw new ImportRejected({ ...checked, mode: 'apply' });
  const runId = await startRun(db, actor.userId, target.id, options.fileName ?? null);
  let report: ImportReport;
  try {
    // (The first pass queued any conflicts; this one only writes.)
    report = await checkFile(
      (work) => db.transaction().execute((trx) => work(trx)),
      actor,
      target,
      options,
      { ...file, held: [] },
      async (q, planned, columns) => {
        const trx = q as Transaction<DB>;
        await journalBefore(
          trx,
          runId,
          planned.filter((p) => p.existing).map((p) => p.existing!.id),
        );
        await journalCreated(trx, runId, await writePlanned(trx, actor.userId, planned, columns, today));
      },
    );
    // Something changed between the check and the writes (another user's edit).
    if (report.errors.length) throw new ImportRejected(report);
    await db.transaction().execute(async (trx) => {
      await findTarget(trx, actor.scope, target.id);
      await writeAudit(trx, actor.userId, applyAudit(target, options, report));
      await finishRun(trx, runId);
    });
  } catch (error) {
    await undoRun(db, runId);
    throw error;
  }
  await purgeJournal(db, runId);
  return report;
}

export async function importMembers(db: Kysely<DB>, actor: ImportActor, options: ImportOptions): Promise<ImportReport> {
  const target = await findTarget(db, actor.scope, options.unitId);
  const rowLimit = await importRowLimitFor(db, actor.scope);
  // A cell secretary's imports are counted too: one cell's list a few times an hour is no
  // way to test thousands of card numbers for membership.
  if (rowLimit !== null && actor.userId !== null) await throttle(db, CELL_IMPORTS, String(actor.userId));
  const held: HeldElsewhere[] = [];
  const file: FileLimits = { held, rowLimit };
  if (options.mode === 'dry-run') {
    // Dry run: each query is its own short turn on the connection.
    const report = await checkFile((work) => work(db), actor, target, options, file);
    await recordCheck(db, actor, target, report, held);
    return report;
  }
  const today = todayInVietnam();
  try {
    return options.engine === 'pglite'
      ? await applyInBatches(db, actor, target, options, today, file)
      : await applyInOneTransaction(db, actor, target, options, today, file);
  } catch (error) {
    if (error instanceof ImportRejected) await recordCheck(db, actor, target, error.report, held);
    if (hasSqlState(error, SQLSTATE.uniqueViolation)) throw new AppError('imports.conflict', 409);
    throw error;
  }
}

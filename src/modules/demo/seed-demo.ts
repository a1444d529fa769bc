// Fills an empty database with the demo organisation: units with their versions and
// events (their creation and the 1/7/2025 reorganisation, so a date before it shows the
// districts and the old communes), members with placements and status history, each
// unit's secretary and deputy, the cells' meetings over the last months (plans, the
// committee's preparation, roll calls, minutes, quality grades), and the demo accounts.
// Everything is one transaction loaded with COPY, so the commune scale takes a moment
// and the province scale (100,000 members, 13 months of meetings) well under a minute; on a
// PostgreSQL server the read models derived from it are computed after that commit, over
// several connections (keptFactsStages).
import { availableParallelism } from 'node:os';
import type { Database } from '../../db/connect.ts';
import type { Role } from '../../db/types.ts';
import { todayInVietnam } from '../../domain/calendar.ts';
import { foldForSearch, personSortKey, splitName } from '../../domain/vietnamese.ts';
import { AppError } from '../../http/app-error.ts';
import { t } from '../../i18n/messages.ts';
import { hashPassword } from '../auth/passwords.ts';
import { MEETING_FACTS_BATCH } from '../figures/refresh-meeting-facts.ts';
import { rebuildAncestrySql } from '../org-history/keep-ancestry.ts';
import { BackgroundFlush, type BulkSession, deferIndexes, TableBuffer, withBulkSession } from './bulk-load.ts';
import { addNextSteps } from './demo-next-steps.ts';
import { generateMeetings, QUALITY_SCALE } from './generate-meetings.ts';
import { type DemoMember, generateMembers } from './generate-members.ts';
import { type DemoPlan, type DemoScale, isCellKind, planDemo } from './plan-units.ts';
import { type NewAreaLinks, seedNewAreas } from './seed-new-areas.ts';
import { seedPartyGroups } from './seed-party-groups.ts';

export interface DemoAccount {
  username: string;
  password: string;
  description: string;
}

// Made directly here, not through the password rules (which refuse it): it exists only in
// demo data, and `chibo start` shows it only while a demo account still opens with it.
export const DEMO_PASSWORD = 'chibo@2026';
/** The audit action that marks a database as seeded with the demo organisation. */
export const DEMO_SEED_ACTION = 'demo.seed';

interface AccountSpec {
  username: string;
  key: string;
  role: Role;
  on: 'root' | 'commune' | 'cell1';
  includeSubtree: boolean;
  member: 'none' | 'cell1_secretary' | 'commune_secretary' | 'commune_committee' | 'cell1_member';
  /** Only in the nation demo. */
  nationOnly?: boolean;
}

const ACCOUNT_SPECS: readonly AccountSpec[] = [
  { username: 'admin', key: 'admin', role: 'admin', on: 'root', includeSubtree: true, member: 'none' },
  { username: 'tochuc', key: 'tochuc', role: 'org_officer', on: 'commune', includeSubtree: true, member: 'none' },
  { username: 'bithu.xa', key: 'bithu_xa', role: 'secretary', on: 'commune', includeSubtree: true, member: 'commune_secretary' },
  { username: 'bithu.cb1', key: 'bithu_cb1', role: 'secretary', on: 'cell1', includeSubtree: true, member: 'cell1_secretary' },
  { username: 'capuy', key: 'capuy', role: 'committee', on: 'commune', includeSubtree: true, member: 'commune_committee' },
  { username: 'dangvien', key: 'dangvien', role: 'member', on: 'cell1', includeSubtree: false, member: 'cell1_member' },
  // The national account: the Central Organisation Commission's view of the whole Party.
  { username: 'trunguong', key: 'trunguong', role: 'org_officer', on: 'root', includeSubtree: true, member: 'none', nationOnly: true },
];

const specsFor = (scale: DemoScale) => ACCOUNT_SPECS.filter((a) => scale === 'nation' || !a.nationOnly);
const accountOf = (a: AccountSpec): DemoAccount => ({ username: a.username, password: DEMO_PASSWORD, description: t('vi', `demo.accounts.${a.key}`) });

/** Every demo account `npm start` may print (those of the scale seeded exist); all share one password. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = ACCOUNT_SPECS.map(accountOf);

/** The demo accounts a scale creates. */
export function demoAccountsFor(scale: DemoScale): DemoAccount[] {
  return specsFor(scale).map(accountOf);
}

/**
 * Months of meetings each scale holds, ending with the reference date's month: the commune
 * and province hold the twelve whole months before it, so any year to date is complete.
 */
export const MEETING_MONTHS: Record<DemoScale, number> = { commune: 13, province: 13, nation: 3 };

export interface SeedDemoOptions {
  scale: DemoScale;
  seed: number;
  /** The reference date ("today" in the data); defaults to today in Việt Nam. */
  asOf?: string;
  onProgress?: (membersSoFar: number) => void;
  /** Called as each loading step ends, with its seconds (the nation's generation is timed step by step). */
  onPhase?: (phase: string, seconds: number) => void;
}

export interface SeedDemoResult {
  units: number;
  cells: number;
  members: number;
  meetings: number;
  attendance: number;
  accounts: number;
  ms: number;
}

const SEQUENCED_TABLES = [
  'unit_events',
  'units',
  'unit_versions',
  'members',
  'member_placements',
  'member_statuses',
  'committee_members',
  'users',
  'role_grants',
  'meetings',
] as const;
type SequencedTable = (typeof SEQUENCED_TABLES)[number];

/** What the load writes that the set-wise refreshes read (unit_ancestry: kept from unit_versions). */
const LOADED_TABLES = [
  'units',
  'unit_versions',
  'unit_ancestry',
  'members',
  'member_placements',
  'member_statuses',
  'meetings',
  'meeting_minutes',
  'meeting_attendance',
  'meeting_quality',
] as const;

const FLUSH_CHARS = 8_000_000;
/** Connections sharing the read models' refresh on a PostgreSQL server (one backend each). */
const REFRESH_CONNECTIONS = Math.min(4, Math.max(2, availableParallelism()));
const DEFERRED_INDEX_TABLES = [
  'members',
  'member_placements',
  'member_statuses',
  'committee_members',
  'meetings',
  'meeting_attendance',
  'meeting_minutes',
  'meeting_quality',
  'meeting_preparations',
];

export async function seedDemo(database: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const started = Date.now();
  const { scale, seed } = options;
  const asOf = options.asOf ?? todayInVietnam();
  if (scale === 'nation' && database.kind !== 'postgres') throw new AppError('demo.nation_needs_postgres', 400);
  const db = database.db;
  if (await db.selectFrom('units').select('id').limit(1).executeTakeFirst()) throw new AppError('demo.not_empty', 409);
  const taken = await db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      ACCOUNT_SPECS.map((a) => a.username),
    )
    .execute();
  if (taken.length) throw new AppError('demo.accounts_exist', 409, { usernames: taken.map((u) => u.username).join(', ') });

  const plan = planDemo(scale, seed);
  // Password hashing is slow on purpose; do it before the transaction starts.
  const passwordHashes = await Promise.all(specsFor(scale).map(() => hashPassword(DEMO_PASSWORD)));

  let newAreas: NewAreaLinks | null = null;
  let refreshAfterCommit: Stage[] | null = null;
  const phaseDone = phaseClock(options.onPhase);
  return withBulkSession(database, async (session) => {
    const base = await idBases(session);
    const unitId = (index: number) => base.units + index + 1;
    const memberId = (index: number) => base.members + index + 1;

    await writeUnits(session, plan, base, unitId);
    // The organisation model (unit_ancestry), derived from the versions just loaded.
    for (const step of Object.values(rebuildAncestrySql())) {
      const { sql: text, parameters } = step.compile(db);
      await session.query(text, [...parameters]);
    }
    phaseDone('units');

    // The nation's millions of rows: secondary indexes are built once, after the load.
    const rebuildIndexes = scale === 'nation' && database.kind === 'postgres' ? await deferIndexes(session, DEFERRED_INDEX_TABLES) : null;

    // Members, their history and the committees, cell by cell.
    const members = new TableBuffer(session, 'members', [
      'id',
      'full_name',
      'given_name',
      'search_name',
      'sort_key',
      'sex',
      'date_of_birth',
      'ethnicity',
      'religion',
      'hometown',
      'residence',
      'citizen_id',
      'party_card_number',
      'admitted_on',
      'full_member_on',
      'education',
      'theory_level',
      'occupation',
      'position',
      'phone',
      'unit_id',
      'status',
    ]);
    const placements = new TableBuffer(session, 'member_placements', ['id', 'member_id', 'unit_id', 'valid_from', 'reason']);
    const statuses = new TableBuffer(session, 'member_statuses', ['id', 'member_id', 'status', 'valid_from', 'valid_to', 'decision_number']);
    const committees = new TableBuffer(session, 'committee_members', ['id', 'unit_id', 'member_id', 'full_name', 'position', 'valid_from', 'decision_number']);
    const meetings = new TableBuffer(session, 'meetings', [
      'id',
      'unit_id',
      'kind',
      'held_on',
      'starts_at',
      'ends_at',
      'place',
      'topic',
      'focal_issues',
      'agenda',
      'prepares_meeting_id',
      'previous_resolution_done',
      'status',
      'check_in_code',
      'check_in_secret',
      'created_at',
      'updated_at',
    ]);
    const attendance = new TableBuffer(session, 'meeting_attendance', ['meeting_id', 'member_id', 'status', 'reason', 'recorded_at']);
    const minutes = new TableBuffer(session, 'meeting_minutes', ['meeting_id', 'content', 'number', 'adopted_at', 'updated_at']);
    const quality = new TableBuffer(session, 'meeting_quality', [
      'meeting_id',
      'rule_set_code',
      'rule_set_version',
      'ticks',
      'result',
      'points',
      'max_points',
      'grade',
      'graded_at',
    ]);
    const preparations = new TableBuffer(session, 'meeting_preparations', ['meeting_id', 'agreed_content', 'draft_resolution', 'updated_at']);
    // Flushed in foreign-key order: people before their history, meetings before their rows.
    const memberTables = [members, placements, statuses, committees, meetings, attendance, minutes, quality, preparations];
    const months = MEETING_MONTHS[scale];
    const sending = new BackgroundFlush();
    let meetingCount = 0;
    const links = {
      cell1Secretary: null as DemoMember | null,
      communeSecretary: null as DemoMember | null,
      communeCommittee: null as DemoMember | null,
      cell1Member: null as DemoMember | null,
    };
    let memberCount = 0;
    let lastProgress = 0;
    for (const batch of generateMembers(plan, asOf)) {
      for (const m of batch.members) {
        const id = memberId(m.index);
        const { given } = splitName(m.fullName);
        members.add([
          id,
          m.fullName,
          given,
          foldForSearch(m.fullName),
          personSortKey(m.fullName),
          m.sex,
          m.dateOfBirth,
          m.ethnicity,
          m.religion,
          m.hometown,
          m.residence,
          m.citizenId,
          m.partyCardNumber,
          m.admittedOn,
          m.fullMemberOn,
          m.education,
          m.theoryLevel,
          m.occupation,
          m.position,
          m.phone,
          unitId(m.unitIndex),
          m.status,
        ]);
        placements.add([base.member_placements + placements.rows + 1, id, unitId(m.unitIndex), m.joinedUnitOn, 'create']);
        statuses.add([base.member_statuses + statuses.rows + 1, id, 'du_bi', m.admittedOn, m.fullMemberOn, m.admissionDecision]);
        if (m.fullMemberOn) statuses.add([base.member_statuses + statuses.rows + 1, id, 'chinh_thuc', m.fullMemberOn, m.exemptedOn, m.fullMemberDecision]);
        if (m.exemptedOn) statuses.add([base.member_statuses + statuses.rows + 1, id, 'mien_sinh_hoat', m.exemptedOn, null, m.exemptionDecision]);
      }
      for (const c of batch.committees) {
        committees.add([
          base.committee_members + committees.rows + 1,
          unitId(c.unitIndex),
          memberId(c.memberIndex),
          c.fullName,
          c.position,
          c.validFrom,
          c.decisionNumber,
        ]);
        const person = batch.members.find((m) => m.index === c.memberIndex)!;
        if (c.position === 'bi_thu' && c.unitIndex === plan.firstCellIndex) links.cell1Secretary = person;
        if (c.position === 'bi_thu' && c.unitIndex === plan.communeIndex) links.communeSecretary = person;
      }
      if (batch.unit.index === plan.firstCellIndex) {
        links.cell1Member = batch.members.find((m) => m.position === null && m.status === 'chinh_thuc') ?? null;
      } else if (batch.unit.parentIndex === plan.communeIndex && !links.communeCommittee) {
        // A committee member (cấp ủy viên) of the commune, from its second cell.
        const person = batch.members.find((m) => m.position === null && m.status === 'chinh_thuc');
        if (person) {
          links.communeCommittee = person;
          committees.add([
            base.committee_members + committees.rows + 1,
            unitId(plan.communeIndex),
            memberId(person.index),
            person.fullName,
            'cap_uy_vien',
            '2025-08-15',
            `${(person.index % 900) + 100}-QĐ/TU`,
          ]);
        }
      }
      // The cell's meetings over the demo's months, with their roll calls, minutes and grades.
      // Bắc Sơn (the first cell, bithu.cb1's) has not planned this month's meeting yet, and
      // has next month's: its secretary's home page has a real next step, its members a calendar.
      const first = batch.unit.index === plan.firstCellIndex;
      const cellMeetings = generateMeetings(batch, seed, asOf, months, {
        agenda: scale !== 'nation',
        planAhead: scale === 'nation' ? undefined : first ? 'always' : 'likely',
        skipThisMonth: first && scale !== 'nation',
        // About one cell in four missed a month (never Bắc Sơn, whose secretary's next steps the demo shows; not at the nation's 3 months).
        missOneMonth: scale !== 'nation' && !first && batch.unit.index % 4 === 2,
      });
      const firstMeeting = base.meetings + meetingCount + 1;
      cellMeetings.forEach((mt, k) => {
        const id = firstMeeting + k;
        const created = new Date(mt.startsAt.getTime() - 5 * 86_400_000).toISOString();
        meetings.add([
          id,
          unitId(batch.unit.index),
          mt.kind,
          mt.heldOn,
          mt.startsAt.toISOString(),
          mt.endsAt.toISOString(),
          mt.place,
          mt.topic,
          JSON.stringify(mt.focalIssues),
          JSON.stringify(mt.agenda),
          mt.prepares === null ? null : firstMeeting + mt.prepares,
          mt.previousResolutionDone,
          'planned',
          mt.checkInCode,
          mt.checkInSecret,
          created,
          mt.endsAt.toISOString(),
        ]);
        const ended = mt.endsAt.toISOString();
        for (const a of mt.attendance) attendance.add([id, memberId(a.member.index), a.status, a.reason, ended]);
        if (mt.minutes) minutes.add([id, JSON.stringify(mt.minutes.content), mt.minutes.number, mt.minutes.adopted ? ended : null, ended]);
        if (mt.quality) {
          const r = mt.quality.result;
          quality.add([
            id,
            QUALITY_SCALE.code,
            QUALITY_SCALE.version,
            JSON.stringify(mt.quality.ticks),
            JSON.stringify(r),
            r.points,
            r.maxPoints,
            r.grade,
            ended,
          ]);
        }
        if (mt.preparation) preparations.add([id, mt.preparation.agreedContent, mt.preparation.draftResolution, ended]);
      });
      meetingCount += cellMeetings.length;

      memberCount += batch.members.length;
      await sending.pump();
      if (members.size + attendance.size > FLUSH_CHARS) {
        await sending.next(memberTables);
        if (memberCount - lastProgress >= 100_000) {
          options.onProgress?.(memberCount);
          lastProgress = memberCount;
        }
      }
    }
    await sending.next(memberTables);
    await sending.done();

    // Demo accounts, with their grants and, where it fits, the member they are.
    const users = new TableBuffer(session, 'users', ['id', 'username', 'display_name', 'password_hash', 'member_id']);
    const grants = new TableBuffer(session, 'role_grants', ['id', 'user_id', 'role', 'unit_id', 'include_subtree']);
    const specs = specsFor(scale);
    const grantUnit = { root: unitId(plan.rootIndex), commune: unitId(plan.communeIndex), cell1: unitId(plan.firstCellIndex) };
    const memberOf = (spec: AccountSpec) =>
      ({
        none: null,
        cell1_secretary: links.cell1Secretary,
        commune_secretary: links.communeSecretary,
        commune_committee: links.communeCommittee,
        cell1_member: links.cell1Member,
      })[spec.member];
    specs.forEach((spec, i) => {
      const person = memberOf(spec);
      const userId = base.users + i + 1;
      users.add([userId, spec.username, person?.fullName ?? t('vi', `demo.accounts.${spec.key}`), passwordHashes[i]!, person ? memberId(person.index) : null]);
      grants.add([base.role_grants + i + 1, userId, spec.role, grantUnit[spec.on], spec.includeSubtree]);
    });
    await users.flush();
    await grants.flush();
    phaseDone('members and meetings');

    if (rebuildIndexes) await rebuildIndexes();
    phaseDone('indexes');
    // Statistics of what this transaction loaded (ANALYZE counts its own uncommitted rows):
    // without them the set-wise refreshes are planned for empty tables, and a province's
    // meeting facts ran for hours instead of seconds.
    await session.query(`analyze ${LOADED_TABLES.join(', ')}`);
    const stages = await keptFactsStages(
      session,
      { after: base.members, last: base.members + memberCount },
      { after: base.meetings, last: base.meetings + meetingCount },
    );
    // On a server, with triggers off, after the commit over several connections; else here.
    if (database.pgPool && session.referencesUnchecked) refreshAfterCommit = stages;
    else await runStages(stages, [(s) => session.query(s.text, s.params)], phaseDone);
    if (session.referencesUnchecked) await checkReferences(session);
    phaseDone('references');
    for (const table of SEQUENCED_TABLES) {
      await session.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
    if (scale === 'commune') {
      await seedPartyGroups(session, db, grantUnit.cell1, asOf);
      newAreas = {
        communeId: grantUnit.commune,
        firstCellId: grantUnit.cell1,
        dangvienMemberId: links.cell1Member ? memberId(links.cell1Member.index) : null,
      };
    }
    if (scale !== 'nation') await addNextSteps(session, asOf, base.meetings, base.meetings + meetingCount, unitId(plan.communeIndex));
    await session.query(`insert into audit_log (actor_user_id, action, entity_type, entity_id, after) values (null, $1, 'database', 'demo', $2::jsonb)`, [
      DEMO_SEED_ACTION,
      JSON.stringify({ scale, seed, asOf, units: plan.units.length, members: memberCount, meetings: meetingCount }),
    ]);
    return {
      units: plan.units.filter((u) => !u.dissolvedOn).length,
      cells: plan.units.filter((u) => isCellKind(u.kind) && !u.dissolvedOn).length,
      members: memberCount,
      meetings: meetingCount,
      attendance: attendance.rows,
      accounts: specs.length,
      ms: Date.now() - started,
    };
  }).then(async (result) => {
    if (refreshAfterCommit) await runStagesAfterCommit(database, refreshAfterCommit, phaseDone);
    // Villages, admission candidates, dues and tasks (commune demo only), as their modules write them.
    if (newAreas) await seedNewAreas(db, newAreas, seed, asOf);
    // Fresh statistics, so the first queries on a large demo get sensible plans; and the
    // members' visibility map set, so the member list walks its covering index without
    // visiting the table (a name search at the nation: 300 ms before autovacuum, 18 ms after; 2 s).
    await database.execScript('vacuum members');
    await database.execScript('analyze');
    phaseDone('vacuum and analyze');
    return { ...result, ms: Date.now() - started };
  });
}

// Every foreign key the demo fills, checked set-wise (one anti-join each) when the per-row
// triggers were off for the load.
const REFERENCES = [
  ['units', 'parent_id', 'units'],
  ['unit_versions', 'unit_id', 'units'],
  ['unit_versions', 'parent_id', 'units'],
  ['unit_versions', 'event_id', 'unit_events'],
  ['members', 'unit_id', 'units'],
  ['member_placements', 'member_id', 'members'],
  ['member_placements', 'unit_id', 'units'],
  ['member_statuses', 'member_id', 'members'],
  ['committee_members', 'unit_id', 'units'],
  ['committee_members', 'member_id', 'members'],
  ['users', 'member_id', 'members'],
  ['role_grants', 'user_id', 'users'],
  ['role_grants', 'unit_id', 'units'],
  ['meetings', 'unit_id', 'units'],
  ['meetings', 'prepares_meeting_id', 'meetings'],
  ['meeting_attendance', 'meeting_id', 'meetings'],
  ['meeting_attendance', 'member_id', 'members'],
  ['meeting_minutes', 'meeting_id', 'meetings'],
  ['meeting_quality', 'meeting_id', 'meetings'],
  ['meeting_preparations', 'meeting_id', 'meetings'],
] as const;

async function checkReferences(session: BulkSession) {
  const checks = REFERENCES.map(
    ([table, column, target], i) =>
      `(select count(*) from ${table} c where c.${column} is not null and not exists (select 1 from ${target} t where t.id = c.${column})) as r${i}`,
  );
  const row = (await session.query<Record<string, number | string>>(`select ${checks.join(', ')}`))[0]!;
  const broken = REFERENCES.filter((_, i) => Number(row[`r${i}`]) > 0).map(([table, column]) => `${table}.${column}`);
  if (broken.length) throw new Error(`demo data has dangling references: ${broken.join(', ')}`);
}

/** The highest id in each table, so the demo's explicit ids follow whatever is there. */
async function idBases(session: BulkSession): Promise<IdBases> {
  const row = (
    await session.query<Record<SequencedTable, number | string>>(
      `select ${SEQUENCED_TABLES.map((t) => `(select coalesce(max(id), 0) from ${t}) as ${t}`).join(', ')}`,
    )
  )[0]!;
  return Object.fromEntries(SEQUENCED_TABLES.map((t) => [t, Number(row[t])])) as Record<SequencedTable, number>;
}

type IdBases = Record<SequencedTable, number>;

/**
 * Units, their versions and events, as the restructuring steps write them: a unit's
 * creation is its own 'create' event (or the merge that created it); a unit the
 * reorganisation changed has its version before the change and its version since, the
 * second started by the change's event; a dissolved unit's last version ends on the date.
 */
async function writeUnits(session: BulkSession, plan: DemoPlan, base: IdBases, unitId: (index: number) => number) {
  const events = new TableBuffer(session, 'unit_events', ['id', 'kind', 'effective_on', 'decision_number', 'payload']);
  const units = new TableBuffer(session, 'units', [
    'id',
    'code',
    'name',
    'kind',
    'parent_id',
    'path',
    'depth',
    'established_on',
    'dissolved_on',
    'search_name',
  ]);
  const versions = new TableBuffer(session, 'unit_versions', ['id', 'unit_id', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to', 'event_id']);
  let nextEvent = base.unit_events;
  const createEvent: number[] = [];
  for (const u of plan.units) {
    if (u.createdBy !== undefined) continue;
    createEvent[u.index] = ++nextEvent;
    const unitIds = u.parentIndex === null ? [unitId(u.index)] : [unitId(u.index), unitId(u.parentIndex)];
    events.add([nextEvent, 'create', u.establishedOn, `${(u.index % 900) + 100}-QĐ/TU`, JSON.stringify({ unitIds, code: u.code, name: u.name })]);
  }
  const planEvent = plan.events.map((e) => {
    const id = ++nextEvent;
    const unitIds = [...new Set(e.unitIndices.map(unitId))];
    events.add([id, e.kind, e.effectiveOn, e.decisionNumber, JSON.stringify({ unitIds, ...e.details(unitId) })]);
    return id;
  });

  const paths: string[] = [];
  const depths: number[] = [];
  let nextVersion = base.unit_versions;
  for (const u of plan.units) {
    const id = unitId(u.index);
    const parentPath = u.parentIndex === null ? '/' : paths[u.parentIndex]!;
    paths[u.index] = `${parentPath}${id}/`;
    depths[u.index] = u.parentIndex === null ? 0 : depths[u.parentIndex]! + 1;
    const parentId = u.parentIndex === null ? null : unitId(u.parentIndex);
    const dissolved = u.dissolvedOn ?? null;
    units.add([id, u.code, u.name, u.kind, parentId, paths[u.index]!, depths[u.index]!, u.establishedOn, dissolved, foldForSearch(`${u.name} ${u.code}`)]);
    const firstEvent = u.createdBy !== undefined ? planEvent[u.createdBy]! : createEvent[u.index]!;
    if (u.before && u.since) {
      versions.add([
        ++nextVersion,
        id,
        u.before.name,
        u.before.kind,
        u.before.parentIndex === null ? null : unitId(u.before.parentIndex),
        u.establishedOn,
        u.since.date,
        firstEvent,
      ]);
      versions.add([++nextVersion, id, u.name, u.kind, parentId, u.since.date, dissolved, planEvent[u.since.event]!]);
    } else {
      versions.add([++nextVersion, id, u.name, u.kind, parentId, u.establishedOn, dissolved, firstEvent]);
    }
  }
  for (const buffer of [events, units, versions]) await buffer.flush();
}

/** One statement of a refresh step, with its parameters. */
interface Statement {
  text: string;
  params?: unknown[];
}

/** Statements independent of one another, run after the stage before them (keptFactsStages). */
interface Stage {
  phase: string;
  statements: Statement[];
}

/** Rebuilds of whole read models the stages call (each checked by name first). */
const REBUILDS = ['rebuild_subtree_member_counts', 'rebuild_cell_month_facts', 'rebuild_subtree_meeting_sums', 'rebuild_unexcused_absences'] as const;

/**
 * Read models kept by statement triggers (the figures engine's member_facts,
 * meeting_facts, subtree_member_counts, cell_month_facts, the per-ancestor meeting sums)
 * are not kept during the load when the replica role switched triggers off: they are
 * refreshed set-wise, in batches, with the same functions the triggers call. Adopted
 * minutes freeze their meeting's roll (meetings/frozen-roll.ts) either way. The work comes
 * as stages run in order; the statements of one stage are independent of one another (a
 * meeting's facts read its frozen roll, so they come a stage later), so on a PostgreSQL
 * server they are spread over several connections. Functions are checked by name so the
 * demo loads the same way with or without the figures engine in the build.
 */
async function keptFactsStages(session: BulkSession, members: { after: number; last: number }, meetings: { after: number; last: number }): Promise<Stage[]> {
  // Set-wise statements over id ranges (100,000 unless said): a nation's millions in bounded steps.
  const inBatches = (text: string, ids: { after: number; last: number }, batch = 100_000): Statement[] => {
    const out: Statement[] = [];
    for (let from = ids.after; from < ids.last; from += batch) out.push({ text, params: [from, Math.min(ids.last, from + batch)] });
    return out;
  };
  const freeze = inBatches(
    'select freeze_adopted_rolls(array(select meeting_id from meeting_minutes where adopted_at is not null and meeting_id > $1 and meeting_id <= $2))',
    meetings,
    // Small batches, so the connections share the stage's longest step evenly.
    10_000,
  );
  if (!session.referencesUnchecked) return [{ phase: 'freeze_adopted_rolls', statements: [...freeze, { text: 'analyze meeting_roll_at_adoption' }] }];
  const [found] = await session.query<{ names: string[] }>('select array(select n from unnest($1::text[]) n where to_regprocedure(n) is not null) as names', [
    [...['refresh_member_facts', 'refresh_meeting_facts'].map((fn) => `${fn}(integer[])`), ...REBUILDS.map((fn) => `${fn}()`)],
  ]);
  const has = (fn: string) => Boolean(found?.names.some((n) => n.startsWith(`${fn}(`)));
  const call = (fn: (typeof REBUILDS)[number]): Statement[] => (has(fn) ? [{ text: `select ${fn}()` }] : []);
  const refresh = (fn: string, table: string, ids: { after: number; last: number }, batch?: number) =>
    has(fn) ? inBatches(`select ${fn}(array(select id from ${table} where id > $1 and id <= $2))`, ids, batch) : [];
  return [
    { phase: 'freeze_adopted_rolls, refresh_member_facts', statements: [...freeze, ...refresh('refresh_member_facts', 'members', members)] },
    { phase: 'analyze', statements: [{ text: 'analyze meeting_roll_at_adoption' }, { text: 'analyze member_facts' }] },
    // The longest statement first, so it runs beside the batches rather than after them.
    {
      phase: 'refresh_meeting_facts, rebuild_subtree_member_counts',
      statements: [...call('rebuild_subtree_member_counts'), ...refresh('refresh_meeting_facts', 'meetings', meetings, MEETING_FACTS_BATCH)],
    },
    { phase: 'rebuild_cell_month_facts, rebuild_unexcused_absences', statements: [...call('rebuild_cell_month_facts'), ...call('rebuild_unexcused_absences')] },
    // The per-ancestor meeting sums read the per-cell-month ones.
    { phase: 'rebuild_subtree_meeting_sums', statements: call('rebuild_subtree_meeting_sums') },
  ];
}

/** Runs the stages in order, each stage's statements by `workers` taking the next one in turn. */
async function runStages(stages: Stage[], workers: ((s: Statement) => Promise<unknown>)[], phaseDone: (phase: string) => void) {
  for (const stage of stages) {
    let next = 0;
    await Promise.all(
      workers.map(async (run) => {
        while (next < stage.statements.length) await run(stage.statements[next++]!);
      }),
    );
    phaseDone(stage.phase);
  }
}

/**
 * The refresh on a PostgreSQL server, after the load committed: the steps are CPU-bound in
 * one backend each, so several connections share each stage (the nation's ~10 minutes of
 * refreshes in one backend leave the other core idle). Each connection keeps the replica
 * role (no trigger re-does per statement what the step does for all) and is closed after.
 * A failure here leaves the demo loaded without all its figures: it says so.
 */
async function runStagesAfterCommit(database: Database, stages: Stage[], phaseDone: (phase: string) => void) {
  const pool = database.pgPool!;
  const clients = await Promise.all(Array.from({ length: REFRESH_CONNECTIONS }, () => pool.connect()));
  try {
    for (const c of clients) await c.query('set session_replication_role = replica');
    await runStages(
      stages,
      clients.map((c) => (s) => c.query(s.text, s.params)),
      phaseDone,
    );
  } catch (error) {
    throw new AppError('demo.figures_not_computed', 500, { reason: error instanceof Error ? error.message : String(error) });
  } finally {
    for (const c of clients) c.release(true);
  }
}

function phaseClock(onPhase?: (phase: string, seconds: number) => void) {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    onPhase?.(phase, Math.round((now - last) / 100) / 10);
    last = now;
  };
}

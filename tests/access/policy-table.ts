// THE ACCESS POLICY TABLE: every API operation × every role × every position → what the
// caller gets. tests/api/access-matrix.test.ts runs every cell as a real request against
// the real app (PGlite with `npm test`, PostgreSQL with DATABASE_URL), and FAILS when the
// OpenAPI document has an operation that is not in this table.
//
// ── The world (tests/access/matrix-world.ts, built on tests/helpers/two-communes.ts) ──
//   Đảng bộ tỉnh
//   ├─ commune A "Đông Hòa"      ← every caller's role is granted here, with its subtree
//   │   ├─ cell A "Đông Một"     ← every caller is a member of this cell (their own record)
//   │   └─ cell A2 "Đông Hai"    ← a unit below the caller's, not their own cell
//   └─ commune B "Tây Sơn" / cell B "Tây Một"   ← outside every caller's scope
// Callers: one account per role (admin, org_officer, committee, secretary: a grant on
// commune A; member: a grant on cell A), each linked to its own member record in cell A;
// plus an anonymous caller, who gets 401 on every operation not marked `public`.
//
// ── Positions: where the record the operation targets sits, seen from the caller ──
//   own      the caller's own unit (commune A) — for units, their committee, accounts granted there
//   below    in a unit below it that is not the caller's own cell (cell A2, its members, meetings…)
//   self     the caller's own: member record, own cell (cell A) and its meetings, account, token, notice
//   other    another member of the caller's own cell (cell A); another account's token or notice
//   sibling  outside the caller's scope (commune B's cell, member, meeting…)
// Each target kind has the positions that make sense for it (TARGETS below).
//
// ── The rules (src/domain/permissions.ts and the scope model in docs/ARCHITECTURE.md) ──
// Each cell is derived from the row, unless the row writes it out:
//   1. anonymous → 401 (unless `public`);
//   2. a record the caller cannot see → 404, exactly like an id of nothing. Who sees what
//      is VISIBLE below: a role with the `read` permission sees commune A's subtree and
//      their own records; a plain member (no permission) sees only their own records and
//      their own cell's meetings (through the member link of their account); accounts and
//      grants are seen only by roles with `manage_users`;
//   3. a visible record, and the row `needs` a permission the role lacks → 403;
//   4. otherwise 'allowed': 2xx. For a write, the audit row is checked; for a list, search,
//      export, count or figure, the body must contain nothing the caller cannot see (names
//      and ids of every fixture they get 404 for) and its totals must equal what it lists.
// Row options that change the derivation (each says why in the row's `why`):
//   filter: true      the id is a list filter, not a record: an id the caller cannot see
//                     answers the same empty 200 as an id of nothing (checked for leaks);
//   upFront: true     a role lacking `needs` is refused 403 before any record is looked
//                     up, so the answer is the same for every position and leaks nothing;
//   public: true      no login needed (anonymous 'allowed' too);
//   list: true        a list, search, export, count or figure: checked for leaks (rule 4);
//   positions: […]    the positions run, when some make no sense for the operation (why says);
//   pending: {…}      a known defect another lane is fixing: the old answer is tolerated
//                     and printed loudly until the fix lands (then delete the mark);
//   <role>: {…}       cells written out for that role (exceptions to the derivation).
//
// Why this lives in tests/, not src/: the app enforces access in one place, inside SQL
// (unitInScope); this table is the specification that mechanism is checked against, and
// the app reading it at run time would be a second copy of the access rules.
//
// ── How to add a row (a new route fails the test until you do) ──
//   1. Add `'METHOD /api/v1/path/{id}': { target, needs?, why? }` to POLICY below, in its area.
//      target: what the path/query/body id points at (TARGETS); 'none' if nothing.
//      needs:  the permission of permissions.ts the operation requires (omit for reads).
//   2. If the operation takes a body, a query, an id outside the path, or destroys its
//      target, add how to call it in tests/access/matrix-requests.ts (same key).
//   3. Run `npx vitest run --config vitest.config.ts tests/api/access-matrix.test.ts`; a cell
//      whose answer differs from the rule is a bug in the module — fix the module, not the row.

import type { Role } from '../../src/db/types.ts';
import { type Permission, ROLE_PERMISSIONS } from '../../src/domain/permissions.ts';

export type Position = 'own' | 'below' | 'self' | 'other' | 'sibling';
export type Outcome = 'allowed' | 403 | 404;
export type Caller = Role | 'anonymous';

/** What an operation's id points at, and the positions such a record can be in. */
export const TARGETS = {
  none: [], // no record: lists, searches, one's own settings
  unit: ['own', 'below', 'self', 'sibling'], // self = the caller's own cell
  member: ['below', 'self', 'other', 'sibling'],
  meeting: ['below', 'self', 'sibling'], // self = a meeting of the caller's own cell
  committeeMeeting: ['below', 'self', 'sibling'], // a cell committee's (chi ủy) meeting
  document: ['below', 'self', 'sibling'], // a file of such a meeting
  guest: ['below', 'self', 'sibling'], // a guest of such a meeting
  committeeSeat: ['own', 'below', 'sibling'], // a seat on a unit's committee
  partyGroup: ['below', 'self', 'sibling'], // a party group (tổ đảng) of that cell; self = of the caller's own cell
  residenceLink: ['below', 'self', 'sibling'], // a link of a member to a residence cell
  village: ['below', 'self', 'sibling'], // a village (thôn, bản) of that cell; self = of the caller's own cell
  residenceRequest: ['below', 'self', 'sibling'], // a residence-link request of that cell about a member of that cell
  transfer: ['below', 'self', 'sibling'], // a membership transfer in transit to that cell (below: cell A → A2; self: A2 → cell A)
  strikeOffProposal: ['below', 'self', 'sibling'], // a striking-off proposal of that cell, decided by the commune above it
  residenceComment: ['below', 'self', 'sibling'], // a yearly comment asked of that residence cell
  gradingPeriod: ['own', 'below', 'sibling'], // a grading period opened for that unit (own: commune A's, below: cell A2's)
  gradingEntry: ['below', 'self', 'other', 'sibling'], // a member's entry on a grading roll, not yet decided; self = the caller's own
  decidedEntry: ['below', 'self', 'other', 'sibling'], // the same, with its grade decided (locked)
  task: ['below', 'self', 'other', 'sibling'], // a task of that cell assigned to that member; self = assigned to the caller
  identifierConflict: ['own', 'below', 'sibling'], // a queued card/CCCD conflict between units under that one
  user: ['own', 'below', 'self', 'sibling'], // an account granted on that unit; self = one's own
  grant: ['own', 'below', 'sibling'], // a role grant on that unit
  token: ['self', 'other'], // an API token
  notice: ['self', 'other'], // an in-app notice
  candidate: ['below', 'self', 'sibling'], // an admission candidate followed by that cell; self = by the caller's own cell
} as const satisfies Record<string, readonly Position[]>;
export type Target = keyof typeof TARGETS;

export interface Row {
  target: Target;
  /** The permission the operation requires beyond seeing the record. */
  needs?: Permission;
  /** Positions this operation is run at, when not all of the target's (say why). */
  positions?: readonly Position[];
  filter?: true;
  upFront?: true;
  public?: true;
  /** A list, search, export, count or figure: 'allowed' also means "shows nothing hidden". */
  list?: true;
  why?: string;
  /**
   * A known defect another lane of the same issue is fixing: until it lands these cells
   * may still answer `today`; the run lists them loudly, and says when the fix has landed
   * so the mark can be deleted.
   */
  pending?: { today: number; roles: readonly Role[]; positions?: readonly Position[]; fixedBy: string };
  admin?: Partial<Record<Position, Outcome>> | Outcome;
  org_officer?: Partial<Record<Position, Outcome>> | Outcome;
  committee?: Partial<Record<Position, Outcome>> | Outcome;
  secretary?: Partial<Record<Position, Outcome>> | Outcome;
  member?: Partial<Record<Position, Outcome>> | Outcome;
}

/** Who sees which positions (rule 2). */
export function visible(role: Role, target: Target, position: Position): boolean {
  const can = (p: Permission) => ROLE_PERMISSIONS[role].includes(p);
  if (target === 'user' || target === 'grant') return can('manage_users') && position !== 'sibling';
  if (target === 'token' || target === 'notice') return position === 'self';
  // The conflict queue is the organisation board's: only who may restructure both units sees an entry.
  if (target === 'identifierConflict') return can('write_units') && position !== 'sibling';
  if (position === 'sibling') return false;
  if (can('read')) return true;
  // A plain member: the grading period that has them on its roll (their commune's);
  // their own record, their own cell's meetings and what hangs on them, their own grading entries, their own tasks.
  if (target === 'gradingPeriod') return position === 'own';
  if (position !== 'self') return false;
  return ['member', 'meeting', 'document', 'guest', 'gradingEntry', 'decidedEntry', 'task'].includes(target);
}

/** The expected answer of one cell: the row's own cell if written out, else the rules above. */
export function expected(row: Row, caller: Caller, position: Position | null): Outcome | 401 {
  if (caller === 'anonymous') return row.public ? 'allowed' : 401;
  const written = row[caller];
  if (written !== undefined) {
    if (typeof written !== 'object') return written;
    if (position && written[position] !== undefined) return written[position]!;
  }
  const lacks = row.needs !== undefined && !ROLE_PERMISSIONS[caller].includes(row.needs);
  if (position === null || row.target === 'none') return lacks ? 403 : 'allowed';
  if (lacks && row.upFront) return 403;
  if (!visible(caller, row.target, position)) return row.filter ? 'allowed' : 404;
  return lacks ? 403 : 'allowed';
}

export const POLICY: Record<string, Row> = {
  // ── health and sign-in ──
  'GET /api/v1/health': { target: 'none', public: true },
  'POST /api/v1/auth/login': { target: 'none', public: true, why: "signs in with the caller's own password" },
  'POST /api/v1/auth/logout': { target: 'none', public: true, why: "ends the caller's own session (a fresh one); without one it is a no-op" },
  'GET /api/v1/auth/me': { target: 'none' },
  'POST /api/v1/auth/password': { target: 'none', why: "changes the caller's own password" },

  // ── accounts (manage_users: admin) ──
  'GET /api/v1/users': { target: 'none', list: true, why: 'a role without manage_users sees an empty list: its account scope is empty' },
  'POST /api/v1/users': { target: 'none', needs: 'manage_users' },
  'POST /api/v1/users/cell-accounts': {
    target: 'unit',
    needs: 'manage_users',
    upFront: true,
    positions: ['self', 'below', 'sibling'],
    why: 'unitId in the body: accounts are made for the members of a cell; a role without manage_users is refused before any unit is looked up',
  },
  'GET /api/v1/users/{id}': { target: 'user' },
  'PATCH /api/v1/users/{id}': { target: 'user', needs: 'manage_users' },
  'POST /api/v1/users/{id}/grants': { target: 'user', needs: 'manage_users' },
  'DELETE /api/v1/users/{id}/grants/{grantId}': { target: 'grant', needs: 'manage_users' },
  'GET /api/v1/me/tokens': { target: 'none', list: true },
  'POST /api/v1/me/tokens': { target: 'none' },
  'DELETE /api/v1/me/tokens/{id}': { target: 'token' },
  'GET /api/v1/audit': {
    target: 'unit',
    needs: 'read_audit',
    filter: true,
    upFront: true,
    list: true,
    why: 'the trail of one unit (entityType=unit&entityId=…); refused to roles without read_audit whatever the unit',
  },

  // ── members (read; write_members: admin, org_officer, secretary) ──
  'GET /api/v1/members': {
    target: 'unit',
    list: true,
    member: { self: 'allowed', own: 'allowed' },
    why: "unitId filters the list; a unit holding nothing the caller sees is not found, as for the meetings; a member's own cell and the commune above it list their own record",
  },
  'GET /api/v1/members/export.xlsx': {
    target: 'unit',
    list: true,
    member: { self: 'allowed', own: 'allowed' },
    why: "unitId filters the export; a unit holding nothing the caller sees is not found; a member's own cell and the commune above it export their own record",
  },
  'POST /api/v1/members': {
    target: 'unit',
    needs: 'write_members',
    positions: ['below', 'self', 'sibling'],
    why: 'unitId in the body; members are placed in cells, commune A holds none',
  },
  'GET /api/v1/members/{id}': { target: 'member' },
  'PATCH /api/v1/members/{id}': { target: 'member', needs: 'write_members' },
  'POST /api/v1/members/{id}/status': {
    target: 'member',
    needs: 'write_members',
    positions: ['below', 'other', 'sibling'],
    why: "never run on the caller's own standing",
  },
  'POST /api/v1/members/{id}/transfer': {
    target: 'member',
    needs: 'write_members',
    positions: ['below', 'other', 'sibling'],
    why: "never run on the caller's own placement",
  },
  'GET /api/v1/members/{id}/history': { target: 'member' },
  'GET /api/v1/imports/members/template.xlsx': { target: 'none', why: 'a blank form' },
  'POST /api/v1/imports/members/errors.xlsx': {
    target: 'none',
    needs: 'write_members',
    why: "the caller's own report of refused rows, as a workbook: no record is involved",
  },
  'POST /api/v1/imports/members': {
    target: 'unit',
    needs: 'write_members',
    upFront: true,
    positions: ['below', 'self', 'sibling'],
    why: 'a dry run into the cell of ?unitId; a role that may not import is refused before its upload is read',
  },

  // ── units (read; write_units: admin, org_officer) ──
  'GET /api/v1/units/children': { target: 'unit', list: true, why: 'parentId picks the unit whose children are listed' },
  'GET /api/v1/units/search': { target: 'none', list: true },
  'GET /api/v1/units/{id}': { target: 'unit', list: true, why: "carries the subtree's figures and children" },
  'GET /api/v1/units/{id}/history': { target: 'unit' },
  'POST /api/v1/units': { target: 'unit', needs: 'write_units', positions: ['own', 'below', 'sibling'], why: 'parentId in the body' },
  'POST /api/v1/units/{id}/rename': { target: 'unit', needs: 'write_units', positions: ['own', 'below', 'sibling'] },
  'POST /api/v1/units/{id}/move': {
    target: 'unit',
    needs: 'write_units',
    positions: ['below', 'sibling'],
    why: "moving one's own unit needs a new parent above it, outside one's scope",
  },
  'POST /api/v1/units/{id}/reclassify': { target: 'unit', needs: 'write_units', positions: ['own', 'below', 'sibling'] },
  'POST /api/v1/units/merge': {
    target: 'unit',
    needs: 'write_units',
    positions: ['below', 'sibling'],
    why: "the first source unit; merging one's own unit needs its parent",
  },
  'POST /api/v1/units/{id}/split': { target: 'unit', needs: 'write_units', positions: ['below', 'sibling'], why: "splitting one's own unit needs its parent" },
  'POST /api/v1/units/{id}/dissolve': { target: 'unit', needs: 'write_units', positions: ['own', 'below', 'sibling'] },
  'POST /api/v1/units/{id}/committee': { target: 'unit', needs: 'write_units', positions: ['own', 'below', 'sibling'] },
  'POST /api/v1/units/{id}/committee/{committeeId}/end': { target: 'committeeSeat', needs: 'write_units' },

  // ── party groups of a cell (read; write_members: the cell's secretary organises its groups) ──
  'GET /api/v1/units/{id}/party-groups': { target: 'unit', positions: ['below', 'self', 'sibling'], list: true, why: 'a cell: a commune has no party groups' },
  'POST /api/v1/units/{id}/party-groups': {
    target: 'unit',
    needs: 'write_members',
    positions: ['below', 'self', 'sibling'],
    why: 'a cell: a commune has no party groups',
  },
  'POST /api/v1/party-groups/{id}/rename': { target: 'partyGroup', needs: 'write_members' },
  'POST /api/v1/party-groups/{id}/close': { target: 'partyGroup', needs: 'write_members' },
  'PUT /api/v1/party-groups/{id}/members': { target: 'partyGroup', needs: 'write_members' },

  // ── villages, where members live, growth targets (read; write_members: the cell's secretary, the commune for targets) ──
  'GET /api/v1/units/{id}/villages': { target: 'unit', list: true, why: "the villages of the unit's cells, with their residents" },
  'POST /api/v1/units/{id}/villages': {
    target: 'unit',
    needs: 'write_members',
    positions: ['below', 'self', 'sibling'],
    why: 'a cell: villages belong to a cell',
  },
  'POST /api/v1/villages/{id}/merge': { target: 'village', needs: 'write_members' },
  'POST /api/v1/villages/{id}/dissolve': { target: 'village', needs: 'write_members' },
  'GET /api/v1/members/{id}/residence': { target: 'member' },
  'PUT /api/v1/members/{id}/residence': { target: 'member', needs: 'write_members' },
  'GET /api/v1/units/{id}/growth-targets': { target: 'unit', list: true, why: 'the cells under the unit with their targets' },
  'PUT /api/v1/units/{id}/growth-targets': {
    target: 'unit',
    needs: 'write_members',
    positions: ['own', 'sibling'],
    why: 'a committee sets targets for the cells under it: commune A for cell A2',
  },
  // ── dues (read; recording takes write_members: admin, org_officer, secretary) ──
  'GET /api/v1/dues/units/{id}/months/{month}': { target: 'unit', list: true, why: "each member's dues for the month under the unit" },
  'PUT /api/v1/dues/units/{id}/months/{month}/payments': {
    target: 'unit',
    needs: 'write_members',
    list: true,
    why: "the month of a member under the unit, in one transaction; answers the unit's sheet",
  },
  'GET /api/v1/dues/units/{id}/months/{month}/collection.xlsx': { target: 'unit', list: true, why: 'the same as a workbook' },
  'GET /api/v1/dues/units/{id}/months/{month}/remittance.xlsx': { target: 'unit', list: true, why: 'what each unit under it collected, kept and remitted' },
  'GET /api/v1/dues/units/{id}/arrears': { target: 'unit', list: true, why: 'the members in arrears under the unit' },
  'GET /api/v1/dues/members/{id}': { target: 'member' },
  'PUT /api/v1/dues/members/{id}/months/{month}': { target: 'member', needs: 'write_members' },
  'PUT /api/v1/dues/members/{id}/basis': { target: 'member', needs: 'write_members' },
  'POST /api/v1/dues/members/{id}/exemptions': { target: 'member', needs: 'write_members' },
  'POST /api/v1/dues/members/{id}/reductions': { target: 'member', needs: 'write_members' },

  // ── grading (read; grade: admin, org_officer, committee, secretary) ──
  'POST /api/v1/grading/periods': { target: 'unit', needs: 'grade', why: 'unitId in the body: a period is opened for a commune or a cell' },
  'GET /api/v1/grading/rule-set': { target: 'unit', needs: 'grade', why: 'the rule set a period for the unit in the query would use' },
  'GET /api/v1/grading/periods': { target: 'unit', list: true, why: 'the periods that grade the unit in the query' },
  'GET /api/v1/grading/periods/{id}': { target: 'gradingPeriod', list: true, why: 'lists the entries the caller may see' },
  'GET /api/v1/grading/periods/{id}/decision.docx': { target: 'gradingPeriod', list: true, why: 'the decision over the decided entries the caller may see' },
  'GET /api/v1/grading/periods/{id}/export.xlsx': { target: 'gradingPeriod', list: true, why: 'the result table of the entries the caller may see' },
  'POST /api/v1/grading/periods/{id}/decisions': { target: 'gradingPeriod', needs: 'grade' },
  'GET /api/v1/grading/me': { target: 'none', list: true, why: "the caller's own entries" },
  'GET /api/v1/grading/entries/{id}': { target: 'gradingEntry' },
  'PUT /api/v1/grading/entries/{id}/self-assessment': {
    target: 'gradingEntry',
    why: "a member's self-assessment is theirs alone: whoever else sees the entry is refused",
    admin: { below: 403, other: 403 },
    org_officer: { below: 403, other: 403 },
    committee: { below: 403, other: 403 },
    secretary: { below: 403, other: 403 },
  },
  'PUT /api/v1/grading/entries/{id}/proposal': { target: 'gradingEntry', needs: 'grade' },
  'POST /api/v1/grading/entries/{id}/amendments': { target: 'decidedEntry', needs: 'grade' },
  'GET /api/v1/grading/results': { target: 'unit', list: true, why: 'results for the unit in the query and its subtree' },
  'GET /api/v1/grading/rule-sets': { target: 'unit', why: 'the grading rules in force for the unit in the query' },
  'POST /api/v1/grading/rule-sets': {
    target: 'unit',
    needs: 'write_units',
    why: 'unitId in the body: the organisation board loads its unit\'s own grading rules or "4 tốt" scale',
  },
  'PUT /api/v1/grading/commitments/me': { target: 'none', why: "the caller's own yearly registration (học tập và làm theo Bác)" },
  'PUT /api/v1/grading/units/{unitId}/commitments': { target: 'unit', needs: 'grade', why: "a unit's registration for an emulation movement" },
  'GET /api/v1/grading/commitments': { target: 'unit', list: true, why: 'the registrations of the members and units under the unit in the query' },

  // ── tasks (read; manage_meetings: admin, org_officer, secretary; a member sees and reports on their own) ──
  'GET /api/v1/tasks/programmes': { target: 'none', why: 'the list of programmes, the same for everyone' },
  'GET /api/v1/tasks': {
    target: 'unit',
    list: true,
    member: { self: 'allowed', own: 'allowed' },
    why: 'unitId picks the unit whose tasks are listed; a plain member lists only their own tasks (their own cell and the units above it are in sight), and a unit holding nothing the caller sees is not found',
  },
  'GET /api/v1/me/tasks': { target: 'none', list: true, why: "the caller's own tasks" },
  'POST /api/v1/tasks': {
    target: 'unit',
    needs: 'manage_meetings',
    positions: ['below', 'self', 'sibling'],
    why: 'unitId in the body: the cell assigning the task',
  },
  'GET /api/v1/tasks/{id}': { target: 'task' },
  'PATCH /api/v1/tasks/{id}': { target: 'task', needs: 'manage_meetings' },
  'POST /api/v1/tasks/{id}/outcome': { target: 'task', needs: 'manage_meetings', why: 'the secretary assesses; an assignee does not assess their own task' },
  'POST /api/v1/tasks/{id}/reports': {
    target: 'task',
    why: 'the assignee reports, and whoever manages the cell; a committee member who reads the cell does not report on the task of another',
    committee: { below: 403, other: 403 },
  },
  'POST /api/v1/tasks/{id}/reports/{reportId}/files': {
    target: 'task',
    why: 'a file of a progress report: as the report itself',
    committee: { below: 403, other: 403 },
  },
  'GET /api/v1/tasks/{id}/files/{fileId}': { target: 'task', why: 'a file of a progress report on the task: whoever sees the task' },

  // ── meetings (read; manage_meetings: admin, org_officer, secretary — a committee member reads and attends) ──
  'GET /api/v1/meetings/standard-agenda': { target: 'unit', why: 'unitId picks the unit whose rule set applies' },
  'GET /api/v1/meetings': {
    target: 'unit',
    list: true,
    why: "unitId picks the unit whose meetings are listed; a plain member lists what they may see (their own cell's meetings) under their cell or a unit above it",
    member: { own: 'allowed', self: 'allowed' },
  },
  'POST /api/v1/meetings': { target: 'unit', needs: 'manage_meetings', positions: ['below', 'self', 'sibling'], why: 'unitId in the body; a cell meeting' },
  'GET /api/v1/meetings/plan-defaults': {
    target: 'unit',
    needs: 'manage_meetings',
    positions: ['below', 'self', 'sibling'],
    why: "unitId picks the cell whose regular meeting is planned (a cell's only)",
  },
  'GET /api/v1/meetings/calendar': { target: 'unit', list: true, why: 'unitId picks the cell whose year of meetings is shown' },
  'POST /api/v1/meetings/{id}/attend': {
    target: 'meeting',
    needs: 'attend_meetings',
    why: '"Tôi sẽ dự": a committee above the cell assigns its member; a plain member may only confirm an assignment, which this world does not make',
  },
  'GET /api/v1/meetings/{id}': { target: 'meeting' },
  'PATCH /api/v1/meetings/{id}': { target: 'meeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/cancel': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/preparation': { target: 'committeeMeeting' },
  'PUT /api/v1/meetings/{id}/preparation': { target: 'committeeMeeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/documents': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/documents/{documentId}': { target: 'document' },
  'DELETE /api/v1/meetings/{id}/documents/{documentId}': { target: 'document', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/guests': { target: 'meeting', needs: 'manage_meetings' },
  'DELETE /api/v1/meetings/{id}/guests/{guestId}': { target: 'guest', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/attendance': { target: 'meeting' },
  'PUT /api/v1/meetings/{id}/attendance': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/check-in-code': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/check-in-qr': { target: 'meeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/check-in-window': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/notice-status': { target: 'meeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/notices/resend': { target: 'meeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/check-in': {
    target: 'meeting',
    positions: ['below', 'self', 'sibling'],
    why: "the code of that meeting; one checks in only to a meeting one is on the roll of — another cell's code answers like an unknown code",
    admin: { below: 404 },
    org_officer: { below: 404 },
    committee: { below: 404 },
    secretary: { below: 404 },
  },
  'GET /api/v1/meetings/{id}/minutes': { target: 'meeting' },
  'PUT /api/v1/meetings/{id}/minutes': { target: 'meeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/minutes/adopt': { target: 'meeting', needs: 'manage_meetings' },
  'POST /api/v1/meetings/{id}/minutes/amendments': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meetings/{id}/minutes.docx': { target: 'meeting' },
  'GET /api/v1/meetings/{id}/minutes/print': { target: 'meeting' },
  'GET /api/v1/meetings/{id}/notice.docx': { target: 'meeting' },
  'GET /api/v1/meetings/{id}/notice/print': { target: 'meeting' },
  'GET /api/v1/meetings/{id}/sign-in-sheet.docx': { target: 'meeting' },
  'GET /api/v1/meetings/{id}/sign-in-sheet/print': { target: 'meeting' },
  'GET /api/v1/meetings/{id}/quality': { target: 'meeting' },
  'PUT /api/v1/meetings/{id}/quality': { target: 'meeting', needs: 'manage_meetings' },
  'PUT /api/v1/meetings/{id}/previous-resolution': { target: 'meeting', needs: 'manage_meetings' },
  'GET /api/v1/meeting-quality-scales': { target: 'unit' },
  'POST /api/v1/meeting-quality-scales': { target: 'unit', needs: 'manage_meetings', why: 'unitId in the body' },
  'GET /api/v1/meeting-topics': { target: 'unit', list: true },
  'POST /api/v1/meeting-topics': { target: 'unit', needs: 'manage_meetings', why: 'unitId in the body' },
  'GET /api/v1/meetings/compliance': { target: 'unit', list: true },
  'GET /api/v1/meetings/compliance.xlsx': { target: 'unit', list: true },
  // Figures engine (issue 7): read permission over the unit; carries the subtree's figures and sub-units.
  'GET /api/v1/figures/units/{unitId}': { target: 'unit', list: true, why: "carries the subtree's figures and sub-units" },
  'GET /api/v1/figures/units/{unitId}/dues': { target: 'unit', list: true, why: "carries the subtree's dues figures and sub-units" },
  'GET /api/v1/figures/units/{unitId}/meetings': { target: 'unit', list: true, why: "carries the subtree's meeting figures and sub-units" },
  'GET /api/v1/figures/units/{unitId}/growth': { target: 'unit', list: true, why: "admissions against targets of the subtree's cells" },
  'GET /api/v1/figures/units/{unitId}/villages': { target: 'unit', list: true, why: "white villages of the subtree's cells" },
  'GET /api/v1/figures/units/{unitId}/tasks': { target: 'unit', list: true, why: "the subtree's tasks by outcome, counts only" },
  'GET /api/v1/figures/units/{unitId}/grading': { target: 'unit', list: true, why: 'grading figures of the unit and its subtree' },
  // The dashboard's files (figures/export-routes.ts): the same figures as xlsx and docx.
  'GET /api/v1/figures/units/{unitId}/export.xlsx': { target: 'unit', list: true, why: "the subtree's figures and sub-units as a workbook" },
  'GET /api/v1/figures/units/{unitId}/summary.docx': { target: 'unit', list: true, why: "the subtree's figures and sub-units as a one-page document" },
  'GET /api/v1/residence-links': { target: 'unit', list: true },
  'POST /api/v1/residence-links': { target: 'unit', needs: 'manage_meetings', positions: ['below', 'self', 'sibling'], why: 'the residence cell in the body' },
  'POST /api/v1/residence-links/{id}/end': { target: 'residenceLink', needs: 'manage_meetings' },
  'GET /api/v1/residence-link-requests/outgoing': { target: 'unit', list: true, why: 'the card numbers a residence cell asked about, never a name' },
  'GET /api/v1/residence-link-requests/incoming': { target: 'unit', list: true, why: 'requests about members of that unit the caller may decide' },
  'POST /api/v1/residence-link-requests/{id}/accept': {
    target: 'residenceRequest',
    needs: 'manage_meetings',
    why: "decided by the member's own cell or the board above it",
  },
  'POST /api/v1/residence-link-requests/{id}/decline': { target: 'residenceRequest', needs: 'manage_meetings' },
  'POST /api/v1/residence-link-requests/{id}/withdraw': {
    target: 'residenceRequest',
    needs: 'manage_meetings',
    why: 'taken back by the residence cell that asked',
  },

  // ── admissions (read; write_members: admin, org_officer, secretary) ──
  'GET /api/v1/admissions/candidates': { target: 'unit', list: true, why: 'the candidates of the cells under the unit in the query' },
  'POST /api/v1/admissions/candidates': { target: 'unit', needs: 'write_members', positions: ['below', 'self', 'sibling'], why: 'unitId in the body: a cell' },
  'GET /api/v1/admissions/candidates/{id}': { target: 'candidate' },
  'POST /api/v1/admissions/candidates/{id}/steps': { target: 'candidate', needs: 'write_members' },
  'POST /api/v1/admissions/candidates/{id}/steps/{stepId}/correction': { target: 'candidate', needs: 'write_members', why: 'the candidate owns the step' },
  'PUT /api/v1/admissions/candidates/{id}/documents/{document}': { target: 'candidate', needs: 'write_members' },
  'GET /api/v1/figures/units/{unitId}/admissions': { target: 'unit', list: true, why: "the subtree's admission figures" },
  'GET /api/v1/calendar-days': { target: 'none', why: 'the public holidays and the days an admin added: the same for everyone signed in' },
  'POST /api/v1/calendar-days': {
    target: 'none',
    why: 'the calendar counts for every unit: only an admin of a whole tree (none in this world: the admin is granted on commune A)',
    admin: 403,
    org_officer: 403,
    committee: 403,
    secretary: 403,
    member: 403,
  },
  'DELETE /api/v1/calendar-days/{day}': {
    target: 'none',
    why: 'as adding a day: an admin of a whole tree only',
    admin: 403,
    org_officer: 403,
    committee: 403,
    secretary: 403,
    member: 403,
  },
  // ── a member's life events (issue 10): transfers, striking off, residence comments ──
  'POST /api/v1/members/{id}/transfers': {
    target: 'member',
    needs: 'write_members',
    positions: ['below', 'other', 'sibling'],
    why: "sent by the member's cell; never run on the caller's own placement",
  },
  'POST /api/v1/transfers/incoming': {
    target: 'unit',
    needs: 'write_members',
    positions: ['below', 'self', 'sibling'],
    why: 'the receiving cell in the body (member.unitId) registers a member from outside the system',
  },
  'GET /api/v1/transfers': { target: 'unit', list: true, why: 'transfers to or from the cells under that unit' },
  'GET /api/v1/transfers/destination': {
    target: 'none',
    needs: 'write_members',
    why: "names only the one cell whose exact code is typed (another commune's cell, for a transfer there), to those who may send transfers",
  },
  'GET /api/v1/transfers/{id}/record': { target: 'transfer', why: 'the record travels: the receiving cell reads it before accepting' },
  'POST /api/v1/transfers/{id}/accept': { target: 'transfer', needs: 'write_members', why: 'by the receiving cell (or the board above it)' },
  'POST /api/v1/transfers/{id}/return': { target: 'transfer', needs: 'write_members', why: 'by the receiving cell (or the board above it)' },
  'GET /api/v1/strike-off/candidates': { target: 'unit', list: true, why: 'members under that unit the system finds grounds to strike off' },
  'GET /api/v1/strike-off-proposals': { target: 'unit', list: true },
  'POST /api/v1/members/{id}/strike-off-proposals': {
    target: 'member',
    needs: 'write_members',
    positions: ['below', 'other', 'sibling'],
    why: "proposed by the member's cell; never run on the caller's own standing",
  },
  'POST /api/v1/strike-off-proposals/{id}/decide': {
    target: 'strikeOffProposal',
    needs: 'write_members',
    why: "decided by the level above the cell (write_members over the cell's parent: commune A for every caller here)",
  },
  'PUT /api/v1/residence-links/{id}/category': { target: 'residenceLink', needs: 'write_members', why: "marked by the member's work place (HD 33)" },
  'POST /api/v1/residence-comments/requests': { target: 'unit', needs: 'write_members', why: 'the work place in the body asks for its members' },
  'GET /api/v1/residence-comments': { target: 'unit', list: true },
  'PUT /api/v1/residence-comments/{id}': { target: 'residenceComment', needs: 'manage_meetings', why: 'answered by the residence cell' },

  // ── the organisation board's queue of card/CCCD conflicts (write_units over both units) ──
  'GET /api/v1/identifier-conflicts': { target: 'none', list: true, why: 'a role without write_units sees an empty queue' },
  'POST /api/v1/identifier-conflicts/{id}/resolve': { target: 'identifierConflict', needs: 'write_units' },

  // ── one's own meetings, calendar and notices (every caller here is linked to a member) ──
  'GET /api/v1/me/meetings': { target: 'none', list: true },
  'GET /api/v1/home': { target: 'none', list: true, why: "the first screen: the caller's cells, committees and assigned meetings" },
  'POST /api/v1/me/calendar-token': { target: 'none' },
  'GET /api/v1/calendar/{token}.ics': { target: 'none', public: true, list: true, why: "the secret token is the credential; asked with the caller's own" },
  'GET /api/v1/me/notices': { target: 'none', list: true },
  'POST /api/v1/me/notices/{id}/read': { target: 'notice' },
  'POST /api/v1/me/notices/read-all': { target: 'none' },
  'GET /api/v1/me/notification-email': { target: 'none' },
  'PUT /api/v1/me/notification-email': { target: 'none' },
};

// Table types for Kysely, kept by hand beside the migrations: one interface per table.
// Dates ('date' columns) travel as 'YYYY-MM-DD' strings; timestamps as Date.
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export type UnitKind = 'toan_dang' | 'dang_bo_truc_thuoc_tw' | 'dang_bo_tinh' | 'dang_bo_huyen' | 'dang_bo_quan' | 'dang_bo_thi_xa'
  | 'dang_bo_thanh_pho' | 'dang_bo_khoi' | 'dang_bo_xa' | 'dang_bo_co_so' | 'chi_bo_co_so' | 'chi_bo' | 'dang_bo_bo_phan' | 'to_dang';
export type UnitEventKind = 'create' | 'rename' | 'move' | 'merge' | 'split' | 'dissolve' | 'reclassify';
export type MemberStatus = 'du_bi' | 'chinh_thuc' | 'mien_sinh_hoat' | 'dinh_chi' | 'chuyen_di' | 'xoa_ten' | 'khai_tru' | 'tu_tran';
export type Role = 'admin' | 'org_officer' | 'committee' | 'secretary' | 'member';

export interface UnitEventsTable {
  id: Generated<number>;
  kind: UnitEventKind;
  effective_on: string;
  decision_number: string | null;
  note: string | null;
  payload: Json;
  created_by: number | null;
  created_at: Timestamp;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  path: string;
  depth: number;
  established_on: string;
  dissolved_on: string | null;
  search_name: string;
}

export interface UnitVersionsTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
  event_id: number | null;
}

/**
 * The temporal organisation model (src/modules/org-history/): on [valid_from, valid_to)
 * `ancestor_id` is the `depth`-th ancestor of `unit_id` (0 = itself), kinds as they were then.
 */
export interface UnitAncestryTable {
  unit_id: number;
  ancestor_id: number;
  depth: number;
  unit_kind: UnitKind;
  ancestor_kind: UnitKind;
  valid_from: string;
  valid_to: string | null;
}

export interface MembersTable {
  id: Generated<number>;
  full_name: string;
  given_name: string;
  search_name: string;
  sort_key: string;
  sex: 'nam' | 'nu';
  date_of_birth: string;
  ethnicity: string;
  religion: string;
  hometown: string | null;
  residence: string | null;
  citizen_id: string | null;
  party_card_number: string | null;
  admitted_on: string | null;
  full_member_on: string | null;
  education: string | null;
  theory_level: 'so_cap' | 'trung_cap' | 'cao_cap' | 'cu_nhan' | null;
  occupation: string | null;
  position: string | null;
  phone: string | null;
  unit_id: number;
  status: MemberStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberPlacementsTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
  decision_number: string | null;
  reason: string | null;
  event_id: number | null;
}

export interface MemberStatusesTable {
  id: Generated<number>;
  member_id: number;
  status: MemberStatus;
  valid_from: string;
  valid_to: string | null;
  decision_number: string | null;
  note: string | null;
}

export interface CommitteeMembersTable {
  id: Generated<number>;
  unit_id: number;
  member_id: number | null;
  full_name: string;
  position: 'bi_thu' | 'pho_bi_thu' | 'cap_uy_vien';
  valid_from: string;
  valid_to: string | null;
  decision_number: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  member_id: number | null;
  locale: Generated<'vi' | 'en'>;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  unit_id: number;
  include_subtree: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  succeeded: boolean;
  at: Timestamp;
  address: string | null;
}

/** One throttle key's attempts in its current window (src/modules/auth/throttle.ts). */
export interface ThrottlesTable {
  kind: string;
  key: string;
  window_start: ColumnType<Date, Date | string, Date | string>;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  unit_id: number | null;
  before: Json | null;
  after: Json | null;
}

export interface DB {
  unit_events: UnitEventsTable;
  units: UnitsTable;
  unit_versions: UnitVersionsTable;
  unit_ancestry: UnitAncestryTable;
  members: MembersTable;
  member_placements: MemberPlacementsTable;
  member_statuses: MemberStatusesTable;
  committee_members: CommitteeMembersTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  throttles: ThrottlesTable;
  audit_log: AuditLogTable;
  // Meetings (issue 3)
  rule_sets: RuleSetsTable;
  meeting_topics: MeetingTopicsTable;
  meetings: MeetingsTable;
  meeting_preparations: MeetingPreparationsTable;
  meeting_documents: MeetingDocumentsTable;
  meeting_guests: MeetingGuestsTable;
  meeting_check_ins: MeetingCheckInsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_minutes: MeetingMinutesTable;
  meeting_minutes_amendments: MeetingMinutesAmendmentsTable;
  meeting_action_items: MeetingActionItemsTable;
  meeting_quality: MeetingQualityTable;
  member_residence_links: MemberResidenceLinksTable;
  residence_link_requests: ResidenceLinkRequestsTable;
  identifier_conflicts: IdentifierConflictsTable;
  calendar_tokens: CalendarTokensTable;
  notices: NoticesTable;
  meeting_notice_batches: MeetingNoticeBatchesTable;
  notification_emails: NotificationEmailsTable;
  // Imports applied in batches on PGlite (issue 6)
  import_runs: ImportRunsTable;
  import_run_members: ImportRunMembersTable;
  // Figures engine (issue 7): per-meeting facts kept by triggers
  meeting_facts: MeetingFactsTable;
}

export interface MeetingFactsTable {
  meeting_id: number;
  unit_id: number;
  kind: MeetingKind;
  held_on: string;
  recorded: boolean;
  attendance_taken: boolean;
  expected: number;
  present: number;
  absent_excused: number;
  absent_unexcused: number;
  exempted: number;
  grade: string | null;
  unexcused_member_ids: number[];
}

export interface ImportRunsTable {
  id: Generated<number>;
  unit_id: number;
  actor_user_id: number | null;
  file_name: string | null;
  state: 'running' | 'done' | 'undone';
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
}

export interface ImportRunMembersTable {
  run_id: number;
  member_id: number;
  /** null: created by the run; else the member before it: { member, placements, statuses }. */
  before: Json | null;
}

export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type Unit = Selectable<UnitsTable>;
export type User = Selectable<UsersTable>;

// ---- Meetings (issue 3) ----
export type MeetingKind = 'regular' | 'thematic' | 'committee' | 'grassroots_committee' | 'briefing' | 'extraordinary';
export type AttendanceStatus = 'present' | 'absent_excused' | 'absent_unexcused';

export interface RuleSetsTable {
  id: Generated<number>;
  kind: string;
  code: string;
  unit_id: number;
  title: string;
  source: string | null;
  effective_from: string;
  effective_to: string | null;
  body: Json;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MeetingTopicsTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  summary: string | null;
  published: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<number>;
  unit_id: number;
  party_group_id: number | null;
  kind: MeetingKind;
  held_on: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  topic: string;
  topic_id: number | null;
  focal_issues: Json;
  agenda: Json;
  prepares_meeting_id: number | null;
  status: Generated<'planned' | 'cancelled'>;
  cancel_reason: string | null;
  check_in_code: string;
  check_in_secret: string;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingPreparationsTable {
  meeting_id: number;
  member_reviews: Json;
  agreed_content: string | null;
  draft_resolution: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface MeetingDocumentsTable {
  id: Generated<number>;
  meeting_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface MeetingGuestsTable {
  id: Generated<number>;
  meeting_id: number;
  member_id: number | null;
  full_name: string;
  position: string | null;
  assigned_by_unit_id: number | null;
  attended: boolean | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MeetingCheckInsTable {
  meeting_id: number;
  member_id: number;
  method: 'code' | 'qr';
  checked_in_at: Timestamp;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  member_id: number;
  status: AttendanceStatus;
  reason: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface MeetingMinutesTable {
  meeting_id: number;
  content: Json;
  number: string | null;
  attendance_snapshot: Json | null;
  adopted_at: Timestamp | null;
  adopted_by: number | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface MeetingMinutesAmendmentsTable {
  id: Generated<number>;
  meeting_id: number;
  reason: string;
  before: Json;
  after: Json;
  amended_by: number | null;
  amended_at: Timestamp;
}

export interface MeetingActionItemsTable {
  id: Generated<number>;
  meeting_id: number;
  member_id: number | null;
  assignee: string;
  description: string;
  due_on: string | null;
  status: Generated<'open' | 'done'>;
  created_at: Timestamp;
}

export interface MeetingQualityTable {
  meeting_id: number;
  rule_set_code: string;
  rule_set_version: string;
  ticks: Json;
  result: Json;
  points: number;
  max_points: number;
  grade: string;
  graded_by: number | null;
  graded_at: Timestamp;
}

export interface MemberResidenceLinksTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export type ResidenceRequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface ResidenceLinkRequestsTable {
  id: Generated<number>;
  unit_id: number;
  party_card_number: string;
  member_id: number | null;
  valid_from: string;
  note: string | null;
  status: Generated<ResidenceRequestStatus>;
  requested_by: number | null;
  requested_at: Timestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
  link_id: number | null;
}

// ---- Identifier conflicts (issue 6) ----
export type IdentifierKind = 'party_card_number' | 'citizen_id';
export type ConflictSource = 'import' | 'member.create' | 'member.update';

export interface IdentifierConflictsTable {
  id: Generated<number>;
  kind: IdentifierKind;
  value: string;
  source: ConflictSource;
  submitted_by: number | null;
  from_unit_id: number;
  existing_member_id: number;
  existing_unit_id: number;
  status: Generated<'open' | 'resolved'>;
  resolution_note: string | null;
  resolved_by: number | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CalendarTokensTable {
  member_id: number;
  token_hash: string;
  created_at: Timestamp;
}

export interface NoticesTable {
  id: Generated<number>;
  member_id: number;
  kind: string;
  meeting_id: number | null;
  params: Json;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
}

export interface MeetingNoticeBatchesTable {
  meeting_id: number;
  dedupe_key: string;
  recipients: number;
  sent_at: Timestamp;
}

export interface NotificationEmailsTable {
  member_id: number;
  email: string;
  updated_at: Timestamp;
}

/** A database handle or an open transaction: what a query function runs on. */
export type Db = Kysely<DB> | Transaction<DB>;

// Table types for Kysely. The shapes come from src/db/generated-types.ts (kysely-codegen over
// the migrated schema: `npm run db:types`, checked in CI); here they are narrowed where the
// schema says less than the code knows: a text column with a fixed set of values (a check
// constraint) gets its union, JSON columns are read as `unknown` and written as JSON text.
// Dates ('date' columns) travel as 'YYYY-MM-DD' strings; timestamps as Date.
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type * as G from './generated-types.ts';

type Json = ColumnType<unknown, string | undefined, string>;
/** A generated table shape with some columns replaced; naming a column the table lacks is an error. */
type Narrowed<T, N extends { [K in keyof N]: K extends keyof T ? unknown : never }> = Omit<T, keyof N> & N;

export type UnitKind =
  | 'toan_dang'
  | 'dang_bo_truc_thuoc_tw'
  | 'dang_bo_tinh'
  | 'dang_bo_huyen'
  | 'dang_bo_quan'
  | 'dang_bo_thi_xa'
  | 'dang_bo_thanh_pho'
  | 'dang_bo_khoi'
  | 'dang_bo_xa'
  | 'dang_bo_co_so'
  | 'chi_bo_co_so'
  | 'chi_bo'
  | 'dang_bo_bo_phan'
  | 'to_dang';
export type UnitEventKind = 'create' | 'rename' | 'move' | 'merge' | 'split' | 'dissolve' | 'reclassify';
export type MemberStatus = 'du_bi' | 'chinh_thuc' | 'mien_sinh_hoat' | 'dinh_chi' | 'chuyen_di' | 'xoa_ten' | 'khai_tru' | 'tu_tran';
export type Role = 'admin' | 'org_officer' | 'committee' | 'secretary' | 'member';

export type UnitEventsTable = Narrowed<G.UnitEvents, { kind: UnitEventKind; payload: Json }>;

export type UnitsTable = Narrowed<G.Units, { kind: UnitKind }>;

export type UnitVersionsTable = Narrowed<G.UnitVersions, { kind: UnitKind }>;

/**
 * The temporal organisation model (src/modules/org-history/): on [valid_from, valid_to)
 * `ancestor_id` is the `depth`-th ancestor of `unit_id` (0 = itself), kinds as they were then.
 */
export type UnitAncestryTable = Narrowed<G.UnitAncestry, { unit_kind: UnitKind; ancestor_kind: UnitKind }>;

export type MembersTable = Narrowed<
  G.Members,
  { sex: 'nam' | 'nu'; theory_level: 'so_cap' | 'trung_cap' | 'cao_cap' | 'cu_nhan' | null; status: MemberStatus }
>;

export type MemberPlacementsTable = G.MemberPlacements;

export type MemberAttributeHistoryTable = Narrowed<G.MemberAttributeHistory, { theory_level: MembersTable['theory_level'] }>;

export type MemberStatusesTable = Narrowed<G.MemberStatuses, { status: MemberStatus }>;

export type CommitteeMembersTable = Narrowed<G.CommitteeMembers, { position: 'bi_thu' | 'pho_bi_thu' | 'cap_uy_vien' }>;

export type UsersTable = Narrowed<G.Users, { locale: Generated<'vi' | 'en'> }>;

export type RoleGrantsTable = Narrowed<G.RoleGrants, { role: Role }>;

export type SessionsTable = G.Sessions;

export type ApiTokensTable = G.ApiTokens;

export type LoginAttemptsTable = G.LoginAttempts;

/** One throttle key's attempts in its current window (src/modules/auth/throttle.ts). */
export type ThrottlesTable = G.Throttles;

export type AuditLogTable = Narrowed<G.AuditLog, { before: Json | null; after: Json | null }>;

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
  // A member's earlier education, theory level and religion, for figures of past dates (issue 7)
  member_attribute_history: MemberAttributeHistoryTable;
  // What was adopted stays as adopted (issue 8): the roll frozen at adoption
  meeting_roll_at_adoption: MeetingRollAtAdoptionTable;
  // Party groups (tổ đảng, issue 8): effective-dated membership within the cell
  party_group_members: PartyGroupMembersTable;
  // Grading (issue 9): periods, one entry per member or organisation, amendments
  grading_periods: GradingPeriodsTable;
  grading_entries: GradingEntriesTable;
  grading_amendments: GradingAmendmentsTable;
  // Villages, where members live, admission targets (issue 10 item 6)
  villages: VillagesTable;
  member_residences: MemberResidencesTable;
  growth_targets: GrowthTargetsTable;
  // Admissions (issue 10): candidates, their steps, the dossier; days an admin adds to the calendar
  admission_candidates: AdmissionCandidatesTable;
  admission_steps: AdmissionStepsTable;
  admission_documents: AdmissionDocumentsTable;
  calendar_days: CalendarDaysTable;
  // Party dues (issue 10 item 5): bases, exemptions, reductions, payments
  dues_bases: DuesBasesTable;
  dues_exemptions: DuesExemptionsTable;
  dues_reductions: DuesReductionsTable;
  dues_payments: DuesPaymentsTable;
  // A member's life events (issue 10): transfers, striking-off proposals, residence comments
  member_transfers: MemberTransfersTable;
  strike_off_proposals: StrikeOffProposalsTable;
  residence_comments: ResidenceCommentsTable;
  // Tasks (issue 9): assigned from the minutes or directly, progress reports, outcomes
  tasks: TasksTable;
  task_assignees: TaskAssigneesTable;
  task_reports: TaskReportsTable;
  task_report_files: TaskReportFilesTable;
  task_reminders: TaskRemindersTable;
  // Commitments (registrations) and discipline facts of grading (issue 9)
  grading_commitments: GradingCommitmentsTable;
  member_disciplines: MemberDisciplinesTable;
}

export type VillagesTable = Narrowed<G.Villages, { kind: 'thon' | 'ban' | 'to_dan_pho' }>;
export type MemberResidencesTable = G.MemberResidences;
export type GrowthTargetsTable = G.GrowthTargets;

type AdmissionStageColumn =
  | 'source'
  | 'helper_assigned'
  | 'awareness_course'
  | 'application'
  | 'dossier'
  | 'cell_resolution'
  | 'committee_resolution'
  | 'decision'
  | 'ceremony'
  | 'probation'
  | 'recognised'
  | 'strike_off_proposed';
export type AdmissionCandidatesTable = Narrowed<G.AdmissionCandidates, { sex: 'nam' | 'nu'; stage: AdmissionStageColumn }>;
export type AdmissionStepsTable = Narrowed<G.AdmissionSteps, { stage: Exclude<AdmissionStageColumn, 'probation'> }>;
export type AdmissionDocumentsTable = Narrowed<
  G.AdmissionDocuments,
  {
    document: 'certificate' | 'application' | 'personal_history' | 'verification' | 'sponsor_form' | 'union_resolution' | 'residence_comment';
    status: 'received' | 'verified';
  }
>;
export type CalendarDaysTable = Narrowed<G.CalendarDays, { kind: 'day_off' | 'working_day' }>;

export type TransferStatus = 'sent' | 'accepted' | 'returned';
export type MemberTransfersTable = Narrowed<G.MemberTransfers, { status: TransferStatus }>;
export type StrikeOffReason = 'absence' | 'dues' | 'other';
export type StrikeOffProposalsTable = Narrowed<G.StrikeOffProposals, { reason: StrikeOffReason; status: Generated<'proposed' | 'struck_off' | 'rejected'> }>;
export type ResidenceCommentsTable = G.ResidenceComments;
/** HD 33-HD/BTCTW: introduced to the residence cell, but no yearly comment is collected. */
export type Hd33Category = 'armed_forces' | 'student' | 'full_time_study';

type GradeColumn = 'htxsnv' | 'httnv' | 'htnv' | 'khtnv';
/** The rule set's body is kept as it was when the period was opened (grading-rules.ts schema). */
export type GradingPeriodsTable = Narrowed<G.GradingPeriods, { kind: 'year' | 'quarter' | 'term' | 'ad_hoc'; rules: Json }>;
export type GradingEntriesTable = Narrowed<
  G.GradingEntries,
  {
    subject: 'member' | 'organisation';
    excluded: Json | null;
    self_scores: Json | null;
    self_forms: Json | null;
    proposed_scores: Json | null;
    proposed_caps: Json | null;
    self_grade: GradeColumn | null;
    proposed_grade: GradeColumn | null;
    decided_grade: GradeColumn | null;
    grade: GradeColumn | null;
  }
>;
export type GradingAmendmentsTable = Narrowed<G.GradingAmendments, { from_grade: GradeColumn; to_grade: GradeColumn }>;
export type CommitmentKind = 'hoc_tap_lam_theo_bac' | 'chi_bo_4_tot' | 'dang_bo_co_so_4_tot';
export type GradingCommitmentsTable = Narrowed<G.GradingCommitments, { subject: 'member' | 'organisation'; kind: CommitmentKind }>;
export type DisciplineForm = 'khien_trach' | 'canh_cao' | 'cach_chuc' | 'khai_tru';
export type MemberDisciplinesTable = Narrowed<G.MemberDisciplines, { form: DisciplineForm }>;

// ---- Party dues (issue 10 item 5): whole đồng in integer columns; months as 'YYYY-MM-01' ----
export type DuesBasesTable = Narrowed<G.DuesBases, { basis: 'insured_salary' | 'pension' | 'student' | 'other' }>;
export type DuesExemptionsTable = Narrowed<
  G.DuesExemptions,
  { reason: 'social_pension' | 'poor_household' | 'near_poor_household' | 'listed_illness' | 'hardship' }
>;
export type DuesReductionsTable = G.DuesReductions;
export type DuesPaymentsTable = Narrowed<G.DuesPayments, { method: 'cash' | 'online' }>;

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
  /** The party group that met (null: the whole cell). */
  party_group_id: number | null;
}

export type ImportRunsTable = Narrowed<G.ImportRuns, { state: 'running' | 'done' | 'undone' }>;

/** before — null: created by the run; else the member before it: { member, placements, statuses }. */
export type ImportRunMembersTable = Narrowed<G.ImportRunMembers, { before: Json | null }>;

export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type Unit = Selectable<UnitsTable>;
export type User = Selectable<UsersTable>;

// ---- Meetings (issue 3) ----
export type MeetingKind = 'regular' | 'thematic' | 'committee' | 'grassroots_committee' | 'briefing' | 'extraordinary';
/** on_duty: an armed-forces member away on duty (HD 12), recorded apart and out of the ratio. */
export type AttendanceStatus = 'present' | 'absent_excused' | 'absent_unexcused' | 'on_duty';

export type RuleSetsTable = Narrowed<G.RuleSets, { body: Json }>;

export type MeetingTopicsTable = G.MeetingTopics;

export type MeetingsTable = Narrowed<G.Meetings, { kind: MeetingKind; focal_issues: Json; agenda: Json; status: Generated<'planned' | 'cancelled'> }>;

export type MeetingPreparationsTable = Narrowed<G.MeetingPreparations, { member_reviews: Json }>;

export type MeetingDocumentsTable = Narrowed<G.MeetingDocuments, { content: ColumnType<Uint8Array, Uint8Array, Uint8Array> }>;

export type MeetingGuestsTable = G.MeetingGuests;

export type MeetingCheckInsTable = Narrowed<G.MeetingCheckIns, { method: 'code' | 'qr' }>;

export type MeetingAttendanceTable = Narrowed<G.MeetingAttendance, { status: AttendanceStatus }>;

export type MeetingMinutesTable = Narrowed<G.MeetingMinutes, { content: Json; attendance_snapshot: Json | null }>;

export type PartyGroupMembersTable = G.PartyGroupMembers;

/** One member of an adopted meeting's roll as adopted; `entry` is the register line (AttendanceEntryOut). */
export type MeetingRollAtAdoptionTable = Narrowed<G.MeetingRollAtAdoption, { member_status: MemberStatus; attendance: AttendanceStatus | null; entry: Json }>;

export type MeetingMinutesAmendmentsTable = Narrowed<G.MeetingMinutesAmendments, { before: Json; after: Json }>;

// ---- Tasks (issue 9) ----
/** The secretary's assessment: hoàn thành, hoàn thành chậm, không hoàn thành, vượt yêu cầu. */
export type TaskOutcome = 'done' | 'late' | 'not_done' | 'exceeded';
export type TasksTable = Narrowed<G.Tasks, { source: 'direct' | 'minutes'; outcome: TaskOutcome | null }>;
export type TaskAssigneesTable = G.TaskAssignees;
export type TaskReportsTable = G.TaskReports;
export type TaskReportFilesTable = Narrowed<G.TaskReportFiles, { content: ColumnType<Uint8Array, Uint8Array, Uint8Array> }>;
export type TaskRemindersTable = G.TaskReminders;

export type MeetingQualityTable = Narrowed<G.MeetingQuality, { ticks: Json; result: Json }>;

export type MemberResidenceLinksTable = Narrowed<G.MemberResidenceLinks, { hd33_category: Hd33Category | null }>;

export type ResidenceRequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export type ResidenceLinkRequestsTable = Narrowed<G.ResidenceLinkRequests, { status: Generated<ResidenceRequestStatus> }>;

// ---- Identifier conflicts (issue 6) ----
export type IdentifierKind = 'party_card_number' | 'citizen_id';
export type ConflictSource = 'import' | 'member.create' | 'member.update';

export type IdentifierConflictsTable = Narrowed<
  G.IdentifierConflicts,
  { kind: IdentifierKind; source: ConflictSource; status: Generated<'open' | 'resolved'> }
>;

export type CalendarTokensTable = G.CalendarTokens;

export type NoticesTable = Narrowed<G.Notices, { params: Json }>;

export type MeetingNoticeBatchesTable = G.MeetingNoticeBatches;

export type NotificationEmailsTable = G.NotificationEmails;

/** A database handle or an open transaction: what a query function runs on. */
export type Db = Kysely<DB> | Transaction<DB>;

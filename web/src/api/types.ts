// Shapes of the API's answers. Where the server already has a zod schema, the type is
// inferred from it, so a contract change breaks this build instead of a page at runtime.
import type { z } from 'zod';
import type { MemberStatus, Role, UnitEventKind, UnitKind } from '../../../src/db/types.ts';
import type { meOut } from '../../../src/modules/auth/schemas.ts';
import type { importReportOut } from '../../../src/modules/imports/schemas.ts';
import type { memberDetailOut, memberHistoryOut, memberListOut } from '../../../src/modules/members/schemas.ts';
import type { childrenOut, committeeOut, historyOut, searchOut, unitDetailOut, unitOut } from '../../../src/modules/units/schemas.ts';
import type { userOut } from '../../../src/modules/users/schemas.ts';

export type { MemberStatus, Role, UnitEventKind, UnitKind };
export type Sex = 'nam' | 'nu';
export type TheoryLevel = 'so_cap' | 'trung_cap' | 'cao_cap' | 'cu_nhan';
export type CommitteePosition = 'bi_thu' | 'pho_bi_thu' | 'cap_uy_vien';

// The server's own lists (src/domain: type-only imports, nothing server-side in the bundle).
export { CURRENT_STATUSES } from '../../../src/domain/member-status.ts';
export { UNIT_KINDS } from '../../../src/domain/unit-tree.ts';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['du_bi', 'chinh_thuc', 'mien_sinh_hoat', 'dinh_chi', 'chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran'];
export const THEORY_LEVELS: readonly TheoryLevel[] = ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'];
export const SEXES: readonly Sex[] = ['nam', 'nu'];
export const ROLES: readonly Role[] = ['admin', 'org_officer', 'committee', 'secretary', 'member'];
export const COMMITTEE_POSITIONS: readonly CommitteePosition[] = ['bi_thu', 'pho_bi_thu', 'cap_uy_vien'];

export type Me = z.infer<typeof meOut>;
export type Permission = 'read' | 'write_members' | 'write_units' | 'manage_users' | 'read_audit' | 'manage_meetings' | 'attend_meetings' | 'grade';
export type User = z.infer<typeof userOut>;
export type Member = z.infer<typeof memberDetailOut>;
export type Unit = z.infer<typeof unitOut>;
export type UnitChildren = z.infer<typeof childrenOut>;
export type UnitChild = UnitChildren['items'][number];
export type UnitSearchItem = z.infer<typeof searchOut>['items'][number];
export type CommitteeSeat = z.infer<typeof committeeOut>;
export type UnitDetail = z.infer<typeof unitDetailOut>;
export type UnitEvent = z.infer<typeof historyOut>['items'][number];
export type MemberList = z.infer<typeof memberListOut>;
export type MemberListItem = MemberList['items'][number];
export type MemberHistory = z.infer<typeof memberHistoryOut>;

/** One row of GET /audit (a member's history gives the same rows without the record fields). */
export interface AuditEntry {
  id?: number;
  at: string;
  actor: string | null;
  actorName?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitId?: number | null;
  before: unknown;
  after: unknown;
}

/** GET /audit: a page of rows, the names of the ids they hold ('unit:9' → name), the next page's cursor. */
export interface AuditPage {
  items: AuditEntry[];
  names: Record<string, string>;
  nextBefore: number | null;
}

export type ImportReport = z.infer<typeof importReportOut>;

// What each role may do. A grant gives its role's permissions over one unit, or over
// the unit and its whole subtree. Each role's label (web i18n role.<role>) says the same in
// words, and tests/api/roles-as-labelled.test.ts holds the server to it, write by write.
import type { Role } from '../db/types.ts';

export type Permission =
  | 'read' // see units, members and figures
  | 'write_members' // create, edit, change status, import
  | 'write_units' // create and restructure units, committees
  | 'manage_users' // accounts and role grants
  | 'read_audit' // the audit trail
  | 'manage_meetings' // plan, edit and cancel meetings, roll call, minutes, meeting quality
  | 'attend_meetings' // say "tôi sẽ dự" to a meeting of a unit below (a guest of a higher committee)
  | 'grade'; // open grading periods, appraise, propose and decide grades (đánh giá, xếp loại)

export const ROLES: readonly Role[] = ['admin', 'org_officer', 'committee', 'secretary', 'member'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'write_members', 'write_units', 'manage_users', 'read_audit', 'manage_meetings', 'attend_meetings', 'grade'],
  org_officer: ['read', 'write_members', 'write_units', 'manage_meetings', 'attend_meetings', 'grade'],
  secretary: ['read', 'write_members', 'manage_meetings', 'attend_meetings', 'grade'],
  // "Cấp ủy viên (xem, dự sinh hoạt, xếp loại)": a committee member follows the units in the grant and
  // attends their meetings, and decides grades with the committee; the cell's secretary (or a
  // deputy granted as secretary) runs the meetings.
  committee: ['read', 'attend_meetings', 'grade'],
  // A plain member sees their own record and their own cell's meetings; that is
  // granted through the member link of the account, not through a unit scope.
  member: [],
};

// What each role may do. A grant gives its role's permissions over one unit, or over
// the unit and its whole subtree.
import type { Role } from '../db/types.ts';

export type Permission =
  | 'read' // see units, members and figures
  | 'write_members' // create, edit, change status, import
  | 'write_units' // create and restructure units, committees
  | 'manage_users' // accounts and role grants
  | 'read_audit' // the audit trail
  | 'manage_meetings' // plan meetings, roll call, minutes
  | 'grade'; // open grading periods, appraise, propose and decide grades (đánh giá, xếp loại)

export const ROLES: readonly Role[] = ['admin', 'org_officer', 'committee', 'secretary', 'member'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'write_members', 'write_units', 'manage_users', 'read_audit', 'manage_meetings', 'grade'],
  org_officer: ['read', 'write_members', 'write_units', 'manage_meetings', 'grade'],
  secretary: ['read', 'write_members', 'manage_meetings', 'grade'],
  committee: ['read', 'manage_meetings', 'grade'],
  // A plain member sees their own record and their own cell's meetings; that is
  // granted through the member link of the account, not through a unit scope.
  member: [],
};

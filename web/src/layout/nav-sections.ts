// The sections of the frame's navigation, for the header (desktop) and the drawer (phone):
// what the person's roles let them open, and which one the address is in.
import type { Me } from '../api/types.ts';
import { can, hasHomePage } from '../auth/session.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';

export interface NavSection {
  to: string;
  label: string;
  testId: string;
}

export function navSections(me: Me | null | undefined, t: Translate): NavSection[] {
  const section = (to: string, key: MessageKey, testId: string): NavSection => ({ to, label: t(key), testId });
  // A plain member (no unit role) sees their own record rather than lists of others.
  const sections: NavSection[] = can(me, 'read')
    ? [
        section('/dashboard', 'nav.dashboard', 'nav-dashboard'),
        section('/units', 'nav.units', 'nav-units'),
        section('/members', 'nav.members', 'nav-members'),
        section('/meetings', 'meetings.nav.meetings', 'nav-meetings'),
        section('/admissions', 'nav.admissions', 'nav-admissions'),
        section('/dues', 'nav.dues', 'nav-dues'),
        section('/life', 'life.title', 'nav-life'),
        section('/tasks', 'tasks.nav', 'nav-tasks'),
        ...(can(me, 'write_members') ? [section('/imports', 'nav.imports', 'nav-imports')] : []),
        ...(can(me, 'write_units') ? [section('/identifier-conflicts', 'nav.conflicts', 'nav-conflicts')] : []),
        ...(can(me, 'read_audit') ? [section('/audit', 'nav.audit', 'nav-audit')] : []),
        ...(can(me, 'manage_users') ? [section('/users', 'nav.users', 'nav-users')] : []),
      ]
    : me?.memberId
      ? [section(`/members/${me.memberId}`, 'nav.myRecord', 'nav-my-record')]
      : [];
  // The home page (the first screen after login) comes first for those who have one.
  if (hasHomePage(me)) sections.unshift(section('/', 'nav.home', 'nav-home'));
  // Everyone who is a member has their own meetings (secretaries too).
  if (me?.memberId) sections.push(section('/my-meetings', 'meetings.nav.myMeetings', 'nav-my-meetings'));
  // Review and grading: the periods for those who grade, else a member's own self-assessment.
  if (can(me, 'grade')) sections.push(section('/grading', 'nav.grading', 'nav-grading'));
  else if (me?.memberId) sections.push(section('/grading/me', 'nav.grading', 'nav-grading'));
  // A plain member's own tasks; whoever reads units reaches theirs from "Nhiệm vụ" and the home page.
  if (me?.memberId && !can(me, 'read')) sections.push(section('/my-tasks', 'tasks.navMine', 'nav-my-tasks'));
  return sections;
}

/** The section the address is in: a unit's dashboard counts as "Tổng quan". */
export function currentSection(sections: NavSection[], pathname: string): string | undefined {
  if (pathname.endsWith('/dashboard')) return sections.find((s) => s.to === '/dashboard')?.to;
  return sections.find((s) => (s.to === '/' ? pathname === '/' : pathname.startsWith(s.to)))?.to;
}

// A title per page (the browser tab, the phone's task list, a screen reader's first words):
// "Đảng viên · chibo". One table from addresses to titles, in the reader's language; the
// most specific address is listed first.
import { useEffect } from 'react';
import { matchPath, useLocation } from 'react-router-dom';
import { type MessageKey, useT } from '../i18n/i18n.ts';

const TITLES: [string, MessageKey][] = [
  ['/login', 'pageTitle.login'],
  ['/', 'pageTitle.home'],
  ['/dashboard', 'pageTitle.dashboard'],
  ['/units', 'pageTitle.units'],
  ['/units/:id/dashboard/print', 'pageTitle.print'],
  ['/units/:id/dashboard', 'pageTitle.dashboard'],
  ['/units/:id/meeting-calendar', 'pageTitle.meetingCalendar'],
  ['/units/:id/villages', 'pageTitle.villages'],
  ['/units/:id/growth-targets', 'pageTitle.growthTargets'],
  ['/units/:id', 'pageTitle.unit'],
  ['/members', 'pageTitle.members'],
  ['/members/new', 'pageTitle.memberNew'],
  ['/members/:id/edit', 'pageTitle.memberEdit'],
  ['/members/:id', 'pageTitle.member'],
  ['/imports', 'pageTitle.imports'],
  ['/identifier-conflicts', 'pageTitle.conflicts'],
  ['/users', 'pageTitle.users'],
  ['/users/cell-accounts', 'pageTitle.cellAccounts'],
  ['/users/:id', 'pageTitle.user'],
  ['/account', 'pageTitle.account'],
  ['/audit', 'pageTitle.audit'],
  ['/dues', 'pageTitle.dues'],
  ['/meetings', 'pageTitle.meetings'],
  ['/meetings/new', 'pageTitle.meetingNew'],
  ['/meetings/compliance', 'pageTitle.compliance'],
  ['/meetings/topics', 'pageTitle.topics'],
  ['/meetings/residence', 'pageTitle.residence'],
  ['/meetings/scale', 'pageTitle.scale'],
  ['/meetings/:id/edit', 'pageTitle.meetingEdit'],
  ['/meetings/:id/sheet-entry', 'pageTitle.sheetEntry'],
  ['/meetings/:id', 'pageTitle.meeting'],
  ['/my-meetings', 'pageTitle.myMeetings'],
  ['/check-in', 'pageTitle.checkIn'],
  ['/notices', 'pageTitle.notices'],
  ['/admissions', 'pageTitle.admissions'],
  ['/admissions/:id', 'pageTitle.candidate'],
  ['/calendar-days', 'pageTitle.calendarDays'],
  ['/grading', 'pageTitle.grading'],
  ['/grading/me', 'pageTitle.gradingMe'],
  ['/grading/periods/:id', 'pageTitle.gradingPeriod'],
  ['/grading/results', 'pageTitle.gradingResults'],
  ['/tasks', 'pageTitle.tasks'],
  ['/tasks/new', 'pageTitle.taskNew'],
  ['/tasks/:id', 'pageTitle.task'],
  ['/my-tasks', 'pageTitle.myTasks'],
];

export function titleKeyFor(pathname: string): MessageKey {
  return TITLES.find(([pattern]) => matchPath(pattern, pathname))?.[1] ?? 'pageTitle.notFound';
}

/** Keeps document.title in step with the address and the language. */
export function PageTitle() {
  const t = useT();
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = `${t(titleKeyFor(pathname))} · ${t('pageTitle.suffix')}`;
  }, [t, pathname]);
  return null;
}

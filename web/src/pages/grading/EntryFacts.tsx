// What chibo already holds about a member for the period (issue 9 item 4), shown read-only
// above the cell's proposal: meeting attendance, discipline decided in the period, the tasks
// due in it and how they ended, and the residence cells' comments. The server fills any fact
// the proposal leaves out from these, so the secretary sees them before writing over them.

import { Alert } from 'antd';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import type { Entry } from './grading-api.ts';

export type AutoFacts = NonNullable<Entry['facts']>;
type Tasks = { total: number; onTime: number; exceeded: number; completed: number; behindSchedule: number };

/** The rule facts the held task counts give (as src/domain/grading-facts.ts gradingFactsFrom); null when none is held. */
export function ruleTasksOf(facts: Entry['facts']): Tasks | null {
  const t = facts?.tasks;
  if (!t || t.assigned === 0) return null;
  return {
    total: t.assigned,
    onTime: t.doneOnTime + t.exceeded,
    exceeded: t.exceeded,
    completed: t.doneOnTime + t.exceeded + t.late,
    behindSchedule: t.late + t.notDone + t.open,
  };
}

export function EntryFacts({ facts }: { facts: AutoFacts }) {
  const t = useT();
  const a = facts.attendance;
  const rows: [string, string, string][] = [
    [
      'attendance',
      t('grading.facts.attendance'),
      a.meetings === 0
        ? t('grading.facts.noMeetings')
        : t('grading.facts.attendanceText', { present: a.present, meetings: a.meetings, excused: a.absentExcused, unexcused: a.absentUnexcused }),
    ],
    [
      'disciplines',
      t('grading.facts.disciplines'),
      facts.disciplines.length === 0
        ? t('grading.facts.noDiscipline')
        : facts.disciplines
            .map((d) => `${d.form} (${showDate(d.decidedOn)}${d.decisionNumber ? `, ${t('common.decisionShort', { number: d.decisionNumber })}` : ''})`)
            .join('; '),
    ],
    [
      'tasks',
      t('grading.facts.tasks'),
      facts.tasks && facts.tasks.assigned > 0 ? t('grading.facts.tasksText', { ...facts.tasks }) : t('grading.facts.noTasks'),
    ],
    [
      'residence',
      t('grading.facts.residence'),
      facts.residenceComments.length === 0
        ? t('grading.facts.noResidence')
        : facts.residenceComments
            .map((c) => `${c.residenceUnitName}: ${c.state === 'answered' ? (c.comment ?? c.category ?? '') : t(`grading.facts.residenceState.${c.state}`)}`)
            .join('; '),
    ],
  ];
  return (
    <Alert
      type="info"
      style={{ marginBottom: 16 }}
      data-testid="proposal-facts"
      title={t('grading.facts.title')}
      description={
        <dl style={{ margin: 0 }}>
          {rows.map(([k, label, text]) => (
            <div key={k} data-testid={`proposal-facts-${k}`} style={{ marginBottom: 4 }}>
              <dt style={{ fontWeight: 600, display: 'inline' }}>{label}: </dt>
              <dd style={{ margin: 0, display: 'inline' }}>{text}</dd>
            </div>
          ))}
        </dl>
      }
    />
  );
}

// One task in a list (the cell's list, "Nhiệm vụ của tôi", the home page): its title as a
// link to the task, whether it is overdue or how it was assessed, the due date, who does it.
// Plain elements only: the home page shows these too (components/Plain.tsx).
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { Muted, PlainItem } from '../../components/Plain.tsx';
import type { Translate } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { OUTCOME_COLORS, type Task } from './tasks-api.ts';

export function TaskStateTag({ task, t }: { task: Pick<Task, 'state' | 'outcome' | 'daysOverdue'>; t: Translate }) {
  if (task.outcome) return <Tag color={OUTCOME_COLORS[task.outcome]}>{t(`tasks.outcome.${task.outcome}`)}</Tag>;
  if (task.state === 'overdue') return <Tag color="orange">{t('tasks.state.overdue', { days: task.daysOverdue })}</Tag>;
  return <Tag color="blue">{t('tasks.state.open')}</Tag>;
}

export const assigneeNames = (task: Pick<Task, 'assignees' | 'assigneeLabel'>) =>
  task.assignees.length ? task.assignees.map((a) => a.fullName).join(', ') : (task.assigneeLabel ?? '');

export function TaskLine({ task, showAssignees = true }: { task: Task; showAssignees?: boolean }) {
  const t = useT();
  return (
    <PlainItem data-testid="task-line" data-task-id={task.id} data-state={task.state} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <Link to={`/tasks/${task.id}`} style={{ fontWeight: 600, fontSize: 16, display: 'block', minHeight: 24 }}>
        {task.title}
      </Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 4 }}>
        <TaskStateTag task={task} t={t} />
        <Muted>{task.dueOn ? t('tasks.due', { date: showDate(task.dueOn) }) : t('tasks.noDue')}</Muted>
        {task.programmeName && <Tag>{task.programmeName}</Tag>}
        {task.reportCount > 0 && <Muted>· {t('tasks.reportsCount', { count: task.reportCount })}</Muted>}
      </div>
      {showAssignees && assigneeNames(task) && <Muted>{t('tasks.assignedTo', { names: assigneeNames(task) })}</Muted>}
    </PlainItem>
  );
}

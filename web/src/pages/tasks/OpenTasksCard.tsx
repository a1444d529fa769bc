// The cell's tasks still open (from earlier minutes or assigned directly), as the plan form
// and the minutes carry them into the month: who, what, by when, overdue marked.
import { Tag } from 'antd';
import { Muted, Panel } from '../../components/Plain.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { TaskList } from '../home/PreviousResolution.tsx';

interface OpenTask {
  id: number;
  assignee: string;
  description: string;
  dueOn: string | null;
  overdue: boolean;
}

export function OpenTasksCard({ tasks }: { tasks: readonly OpenTask[] }) {
  const t = useT();
  return (
    <Panel small title={t('tasks.openTasksTitle')} data-testid="open-tasks">
      {tasks.length === 0 ? (
        <Muted>{t('tasks.noOpenTasks')}</Muted>
      ) : (
        <TaskList
          items={tasks}
          testId="open-task"
          meta={(task) => (
            <>
              {task.overdue && <Tag color="orange">{t('home.previous.taskOverdue')}</Tag>}
              <Muted>{task.dueOn ? t('tasks.due', { date: showDate(task.dueOn) }) : t('tasks.noDue')}</Muted>
            </>
          )}
        />
      )}
    </Panel>
  );
}

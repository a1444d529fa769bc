// "Nhiệm vụ của tôi": a member's own tasks on a phone — overdue first, each a tap away from
// its page, where progress is reported.
import { Empty } from 'antd';
import { PageHeading, Panel, PlainList } from '../../components/Plain.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { TaskLine } from './TaskLine.tsx';
import { useMyTasks } from './tasks-api.ts';

export default function MyTasksPage() {
  const t = useT();
  const mine = useMyTasks();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="my-tasks-page">
      <PageHeading>{t('tasks.mineTitle')}</PageHeading>
      <Panel small title={t('tasks.mineTitle')}>
        {mine.isPending ? (
          <PageLoading />
        ) : mine.isError ? (
          <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : mine.data.items.length === 0 ? (
          <Empty description={t('tasks.mineEmpty')} />
        ) : (
          <PlainList>
            {mine.data.items.map((task) => (
              <TaskLine key={task.id} task={task} showAssignees={task.assignees.length > 1} />
            ))}
          </PlainList>
        )}
      </Panel>
    </div>
  );
}

// A cell's tasks (phân công nhiệm vụ): overdue ones first, then the open ones by due date,
// then those assessed; filtered by where they stand. The secretary assigns new ones here.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Segmented } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe, usePermission } from '../../auth/session.ts';
import { PageHeading, Panel, PlainList } from '../../components/Plain.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { TAP } from '../home/home-shared.ts';
import { TaskLine } from './TaskLine.tsx';
import { type TaskFilter, useUnitTasks } from './tasks-api.ts';

const FILTERS: TaskFilter[] = ['all', 'overdue', 'open', 'closed'];

/** The unit in the address, else the user's first grant. */
function useTaskUnit(): [number | null, (id: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const fromAddress = Number(params.get('unitId'));
  const unitId = Number.isInteger(fromAddress) && fromAddress > 0 ? fromAddress : (me?.grants[0]?.unitId ?? null);
  const setUnit = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unitId', String(id));
    else next.delete('unitId');
    setParams(next, { replace: true });
  };
  return [unitId, setUnit];
}

export default function TasksPage() {
  const t = useT();
  const may = usePermission();
  const [unitId, setUnitId] = useTaskUnit();
  const [filter, setFilter] = useState<TaskFilter>('all');
  const list = useUnitTasks(unitId, filter);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="tasks-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <PageHeading>{t('tasks.listTitle')}</PageHeading>
        {may('manage_meetings') && unitId && (
          <Link to={`/tasks/new?unitId=${unitId}`}>
            <Button type="primary" icon={<PlusOutlined />} style={TAP} data-testid="task-assign">
              {t('tasks.assign')}
            </Button>
          </Link>
        )}
      </div>
      <UnitSelect value={unitId} onChange={setUnitId} testId="tasks-unit" allowClear={false} ariaLabel={t('tasks.unit')} />
      <Segmented<TaskFilter>
        block
        value={filter}
        onChange={setFilter}
        options={FILTERS.map((f) => ({ value: f, label: <span data-testid={`task-filter-${f}`}>{t(`tasks.filter.${f}`)}</span> }))}
        style={{ minHeight: 44 }}
      />
      <Panel small title={t('tasks.listTitle')} data-testid="task-list">
        {list.isPending ? (
          unitId ? (
            <PageLoading />
          ) : (
            <Empty description={t('tasks.empty')} />
          )
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty description={t('tasks.empty')} />
        ) : (
          <PlainList>
            {list.data.items.map((task) => (
              <TaskLine key={task.id} task={task} />
            ))}
          </PlainList>
        )}
      </Panel>
    </div>
  );
}

// Tasks carried out (phân công nhiệm vụ) in the dashboard's period: the tasks that fell due
// in the unit's subtree, by the secretary's assessment, each share with its numerator and
// denominator ("75% (3/4)"), and the same per programme (GET /figures/units/{id}/tasks).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { z } from 'zod';
import type { taskFiguresOut } from '../../../../src/modules/figures/schemas.ts';
import { api } from '../../api/client.ts';
import { periodProblem } from '../../api/figures.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { type MessageKey, useLang, useT } from '../../i18n/i18n.ts';
import { OUTCOME_COLORS, type TaskOutcome } from '../tasks/tasks-api.ts';
import type { DashboardView } from './dashboard-query.ts';
import { numberText, shareText } from './format.ts';

type TaskFigures = z.infer<typeof taskFiguresOut>;
type ProgrammeRow = TaskFigures['byProgramme'][number];

export function TasksSection({ unitId, view }: { unitId: number; view: DashboardView }) {
  const t = useT();
  const [lang] = useLang();
  const figures = useQuery({
    queryKey: ['figures', 'tasks', unitId, view.from, view.to],
    queryFn: ({ signal }) => api<TaskFigures>(`/figures/units/${unitId}/tasks`, { query: { from: view.from, to: view.to }, signal }),
    enabled: periodProblem(view.from, view.to) === null,
    placeholderData: (previous) => (previous?.unit.id === unitId ? previous : undefined),
  });
  if (periodProblem(view.from, view.to) || figures.isPending) return null;
  if (figures.isError) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  const f = figures.data;
  const cards: [MessageKey, string][] = [
    ['tasks.dashboard.assigned', numberText(f.assigned, lang)],
    ['tasks.dashboard.completed', shareText(f.completed, lang)],
    ['tasks.dashboard.onTime', shareText(f.onTime, lang)],
    ['tasks.dashboard.exceeded', shareText(f.exceeded, lang)],
    ['tasks.dashboard.notDone', shareText(f.notDone, lang)],
    ['tasks.dashboard.open', numberText(f.open, lang)],
    ['tasks.dashboard.overdue', numberText(f.overdue, lang)],
  ];
  const columns: ColumnsType<ProgrammeRow> = [
    { title: t('tasks.fields.programme'), key: 'name', render: (_, r) => r.name ?? t('tasks.dashboard.noProgramme') },
    { title: t('tasks.dashboard.assigned'), dataIndex: 'assigned', align: 'right' },
    { title: t('tasks.dashboard.completedOfAll'), key: 'completed', align: 'right', render: (_, r) => shareText(r.completed, lang) },
  ];
  return (
    <Card size="small" title={t('tasks.dashboard.title')} data-testid="dashboard-tasks" style={figures.isPlaceholderData ? { opacity: 0.6 } : undefined}>
      {f.assigned === 0 ? (
        <Alert type="info" showIcon title={t('tasks.dashboard.none')} />
      ) : (
        <>
          <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12, margin: '0 0 12px' }}>
            {cards.map(([key, value]) => (
              <div key={key} data-testid="dashboard-task-figure">
                <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t(key)}</dt>
                <dd style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{value}</dd>
              </div>
            ))}
          </dl>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginBottom: 12 }}>
            {f.byOutcome.map((o) => (
              <Tag key={o.key} color={OUTCOME_COLORS[o.key as TaskOutcome]}>
                {t(`tasks.outcome.${o.key as TaskOutcome}`)}: {numberText(o.n, lang)}
              </Tag>
            ))}
          </div>
          <ScrollRegion label={t('tasks.dashboard.byProgramme')} minWidth={300}>
            <Table<ProgrammeRow> size="small" rowKey={(r) => r.programme ?? ''} columns={columns} dataSource={f.byProgramme} pagination={false} />
          </ScrollRegion>
        </>
      )}
    </Card>
  );
}

// "So sánh nghị quyết tháng trước": last month's resolution and the tasks it gave, each
// with whether it is done or overdue — on the secretary's home and beside the plan form.
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Muted, Panel, PlainItem, PlainList } from '../../components/Plain.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import type { PreviousResolution } from './home-api.ts';

export function taskTag(t: Translate, item: PreviousResolution['actionItems'][number]) {
  if (item.status === 'done') return <Tag color="green">{t('home.previous.taskDone')}</Tag>;
  if (item.overdue) return <Tag color="orange">{t('home.previous.taskOverdue')}</Tag>;
  return <Tag>{t('home.previous.taskOpen')}</Tag>;
}

export function PreviousResolutionCard({ previous, action }: { previous: PreviousResolution | null; action?: ReactNode }) {
  const t = useT();
  return (
    <Panel small title={t('home.previous.title')} data-testid="previous-resolution">
      {!previous ? (
        <Muted>{t('home.previous.none')}</Muted>
      ) : (
        <>
          <p style={{ marginTop: 0, marginBottom: 8 }}>
            <Link to={`/meetings/${previous.meetingId}?tab=minutes`}>{t('home.previous.heldOn', { date: showDate(previous.heldOn) })}</Link>
          </p>
          {previous.resolutionItems.length ? (
            <ol style={{ paddingLeft: 22, marginTop: 0 }} data-testid="previous-resolution-items">
              {previous.resolutionItems.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          ) : (
            <p>
              <Muted>{t('home.previous.noItems')}</Muted>
            </p>
          )}
          {previous.actionItems.length > 0 && (
            <>
              <strong>{t('home.previous.tasks')}</strong>
              <TaskList
                items={previous.actionItems}
                testId="previous-task"
                meta={(item) => (
                  <>
                    {taskTag(t, item)}
                    {item.dueOn && <Muted>{t('home.previous.due', { date: showDate(item.dueOn) })}</Muted>}
                  </>
                )}
              />
            </>
          )}
        </>
      )}
      {/* Below the text, full width: a phone's card header has no room for it. */}
      {action && <div style={{ marginTop: 8 }}>{action}</div>}
    </Panel>
  );
}

/** Tasks as the minutes word them: who, what (a link to the task's page); then their state and dates. */
export function TaskList<T extends { id: number; assignee: string; description: string }>({
  items,
  testId,
  meta,
}: {
  items: readonly T[];
  testId: string;
  meta: (item: T) => ReactNode;
}) {
  return (
    <PlainList>
      {items.map((item) => (
        <PlainItem key={item.id} data-testid={testId}>
          <div>
            {item.assignee && <strong>{item.assignee}: </strong>}
            <Link to={`/tasks/${item.id}`}>{item.description}</Link>
          </div>
          <div>{meta(item)}</div>
        </PlainItem>
      ))}
    </PlainList>
  );
}

/** The text carried into the plan's "review of last month's resolution" agenda item. */
export function carriedNote(t: Translate, previous: PreviousResolution): string {
  const items = previous.resolutionItems.map((x, i) => `${i + 1}. ${x}`).join('; ');
  const open = previous.actionItems.filter((a) => a.status === 'open');
  const tasks = open.map((a) => `${a.assignee} — ${a.description}${a.dueOn ? ` (${showDate(a.dueOn)})` : ''}`).join('; ');
  const text = [items ? t('meetings.plan.carryNote', { date: showDate(previous.heldOn), items }) : '', tasks ? t('meetings.plan.carryTasks', { tasks }) : '']
    .filter(Boolean)
    .join(' ');
  // The agenda note holds at most 2,000 characters.
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

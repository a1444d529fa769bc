// "So sánh nghị quyết tháng trước": last month's resolution and the tasks it gave, each
// with whether it is done or overdue — on the secretary's home and beside the plan form.
import { Card, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
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
    <Card size="small" title={t('home.previous.title')} data-testid="previous-resolution">
      {!previous ? (
        <Typography.Text type="secondary">{t('home.previous.none')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <Link to={`/meetings/${previous.meetingId}?tab=minutes`}>{t('home.previous.heldOn', { date: showDate(previous.heldOn) })}</Link>
          </Typography.Paragraph>
          {previous.resolutionItems.length ? (
            <ol style={{ paddingLeft: 22, marginTop: 0 }} data-testid="previous-resolution-items">
              {previous.resolutionItems.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          ) : (
            <Typography.Paragraph type="secondary">{t('home.previous.noItems')}</Typography.Paragraph>
          )}
          {previous.actionItems.length > 0 && (
            <>
              <Typography.Text strong>{t('home.previous.tasks')}</Typography.Text>
              <TaskList
                items={previous.actionItems}
                testId="previous-task"
                meta={(item) => (
                  <>
                    {taskTag(t, item)}
                    {item.dueOn && <Typography.Text type="secondary">{t('home.previous.due', { date: showDate(item.dueOn) })}</Typography.Text>}
                  </>
                )}
              />
            </>
          )}
        </>
      )}
      {/* Below the text, full width: a phone's card header has no room for it. */}
      {action && <div style={{ marginTop: 8 }}>{action}</div>}
    </Card>
  );
}

/** Tasks as the minutes word them: who, what; then their state and dates. */
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
    <List
      size="small"
      dataSource={[...items]}
      rowKey="id"
      renderItem={(item) => (
        <List.Item data-testid={testId} style={{ paddingLeft: 0, paddingRight: 0 }}>
          <div>
            <div>
              <Typography.Text strong>{item.assignee}</Typography.Text>: {item.description}
            </div>
            <div>{meta(item)}</div>
          </div>
        </List.Item>
      )}
    />
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

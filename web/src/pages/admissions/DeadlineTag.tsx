// A running deadline in words ("Tổ chức lễ kết nạp chậm nhất 27/07/2023"), orange when overdue.
import { Tag } from 'antd';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import type { Deadline } from './admissions-api.ts';

export function DeadlineText({ d }: { d: Deadline | null }) {
  const t = useT();
  if (!d) return <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t('admissions.noDeadline')}</span>;
  return (
    <span data-testid="deadline" data-kind={d.kind} data-overdue={d.overdue}>
      {d.overdue && (
        <Tag color="red" style={{ marginRight: 6 }}>
          {t('admissions.overdue')}
        </Tag>
      )}
      <span style={{ color: d.overdue ? '#a8071a' : undefined, fontWeight: d.overdue ? 600 : undefined }}>
        {t(`admissions.deadline.${d.kind}`, { date: showDate(d.dueOn) })}
      </span>
    </span>
  );
}

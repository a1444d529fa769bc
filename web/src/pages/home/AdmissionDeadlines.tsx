// The admission deadlines running in the units the account is granted (GET /home
// `admissions`), overdue first: a cell's secretary sees their candidates, a commune's
// committee those of every cell under it. Plain elements only (the home page's budget).
import { Link } from 'react-router-dom';
import { Muted, Panel, PlainItem, PlainList } from '../../components/Plain.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import type { Home } from './home-api.ts';

export function AdmissionDeadlines({ admissions, cellCount }: { admissions: Home['admissions']; cellCount: number }) {
  const t = useT();
  if (admissions.items.length === 0) return null;
  const manyCells = new Set(admissions.items.map((i) => i.unitId)).size > 1 || cellCount === 0;
  return (
    <Panel title={t('admissions.home.title')} data-testid="home-admissions">
      <PlainList>
        {admissions.items.map((i) => (
          <PlainItem key={i.candidateId} data-testid="home-admission" data-kind={i.kind} data-overdue={i.overdue}>
            <Link to={`/admissions/${i.candidateId}`} style={{ fontWeight: 600, fontSize: 17 }}>
              {i.fullName}
            </Link>
            {manyCells && <Muted> · {i.unitName}</Muted>}
            <div style={{ color: i.overdue ? '#a8071a' : undefined, fontWeight: i.overdue ? 600 : undefined }}>
              {i.overdue && (
                <span style={{ background: '#fff1f0', border: '1px solid #ffa39e', borderRadius: 4, padding: '0 6px', marginRight: 6 }}>
                  {t('admissions.overdue')}
                </span>
              )}
              {t(`admissions.deadline.${i.kind}`, { date: showDate(i.dueOn) })}
            </div>
          </PlainItem>
        ))}
      </PlainList>
      {admissions.truncated && <Link to="/admissions">{t('admissions.home.more')}</Link>}
    </Panel>
  );
}

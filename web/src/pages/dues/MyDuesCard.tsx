// "Đảng phí" on a member's own record ("Hồ sơ của tôi"): the last twelve months, what was
// due and whether it was paid, and what is still owed. Read only: the cell's secretary
// records payments (DuesPage). GET /dues/members/:id answers a member about themself.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, showMonth, todayIso } from '../../lib/dates.ts';
import { money } from './dues-format.ts';

interface MemberMonth {
  month: string;
  due: number | null;
  exemptionLabel: string | null;
  reductionPercent: number;
  problem: string | null;
  payment: { amount: number; method: 'cash' | 'online'; paidOn: string } | null;
  owed: number | null;
  recorded: boolean;
}
interface MemberDues {
  memberId: number;
  months: MemberMonth[];
  arrears: { total: number; months: { month: string; owed: number }[]; unknown: number };
}

const ROW = { padding: '8px 12px', borderTop: '1px solid #f0f0f0' } as const;

export function MyDuesCard({ memberId }: { memberId: number }) {
  const t = useT();
  const query = useQuery({ queryKey: ['dues', 'member', memberId], queryFn: () => api<MemberDues>(`/dues/members/${memberId}`) });
  if (query.isPending) return null;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { months, arrears } = query.data;
  // Newest first: this month is what a member looks for.
  const shown = [...months].sort((a, b) => b.month.localeCompare(a.month));
  return (
    <Card size="small" title={t('dues.mine.title')} data-testid="my-dues">
      {arrears.total > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="my-dues-arrears"
          title={t('dues.mine.owing', { amount: money(arrears.total), months: arrears.months.map((m) => showMonth(m.month)).join(', ') })}
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 8 }} data-testid="my-dues-arrears" title={t('dues.mine.noArrears')} />
      )}
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('dues.mine.none')}</Typography.Text>
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0, border: '1px solid #f0f0f0', borderRadius: 8 }} aria-label={t('dues.mine.title')}>
          {shown.map((m, i) => (
            <li key={m.month} style={{ ...ROW, borderTop: i ? ROW.borderTop : undefined }} data-testid="my-dues-month">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                <strong style={{ fontSize: 16 }}>{t('dues.month', { month: showMonth(m.month) })}</strong>
                <span>
                  {t('dues.mine.due', { amount: money(m.due) })} <MonthState month={m} />
                </span>
              </div>
              {(m.payment?.amount ?? 0) > 0 && m.payment && (
                <div style={{ color: 'rgba(0,0,0,0.62)' }}>
                  {t('dues.recorded', { amount: money(m.payment.amount), method: t(`dues.method.${m.payment.method}`), date: showDate(m.payment.paidOn) })}
                </div>
              )}
              {(m.exemptionLabel || m.reductionPercent > 0) && (
                <div style={{ color: 'rgba(0,0,0,0.62)' }}>
                  {m.exemptionLabel ? t('dues.exempt', { reason: m.exemptionLabel }) : t('dues.reduced', { percent: m.reductionPercent })}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function MonthState({ month: m }: { month: MemberMonth }) {
  const t = useT();
  const paid = (m.payment?.amount ?? 0) > 0;
  if (m.due === 0) return <Tag>{t('dues.mine.exempt')}</Tag>;
  // A month over that the cell kept on paper (or has not entered yet) is not "unpaid" as far
  // as chibo knows; the running month is being collected.
  if (!paid && !m.recorded && m.month < todayIso().slice(0, 7)) return <Tag>{t('dues.mine.notKept')}</Tag>;
  if (m.owed === null) return <Tag>{t('dues.mine.unknown')}</Tag>;
  if (m.owed > 0 && paid) return <Tag color="orange">{t('dues.mine.partly', { amount: money(m.owed) })}</Tag>;
  if (m.owed > 0) return <Tag color="red">{t('dues.mine.unpaid')}</Tag>;
  return <Tag color="green">{t('dues.mine.paid')}</Tag>;
}

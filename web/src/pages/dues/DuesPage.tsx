// "Đảng phí" for a cell secretary on a phone: the month (previous / next), each member with the
// amount due prefilled — tick paid, change the amount when they paid more or less, cash or a
// bank transfer with its reference — and one save for the whole cell; the members in arrears;
// the month's collection and remittance reports as Excel files.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Segmented, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, download } from '../../api/client.ts';
import { dashboardUnit, useMe } from '../../auth/session.ts';
import { useConfirm } from '../../components/confirm.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { showDate, showMonth, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { useAskBeforeLeaving } from '../../lib/warn-before-leaving.ts';
import { money } from './dues-format.ts';

type Method = 'cash' | 'online';
const BASES = ['insured_salary', 'pension', 'student', 'other'] as const;
type Basis = (typeof BASES)[number];
interface MonthDues {
  month: string;
  basis: Basis;
  basisSet: boolean;
  due: number | null;
  exemption: string | null;
  exemptionLabel: string | null;
  reductionPercent: number;
  problem: string | null;
  payment: { amount: number; method: Method; reference: string | null; paidOn: string; corrections: number } | null;
  owed: number | null;
}
interface CellMonth {
  unit: { id: number; name: string; dissolvedOn: string | null };
  month: string;
  ruleSet: { code: string; title: string; unconfirmed: string[]; unconfirmedItems: string[] };
  canRecord: boolean;
  members: { memberId: number; fullName: string; dues: MonthDues; arrearsBefore: number }[];
  totals: { due: number; paid: number; members: number; paidMembers: number };
}
interface Arrears {
  members: { memberId: number; fullName: string; total: number; months: { month: string; owed: number | null }[]; unpaidMonths: string[] }[];
  total: number;
}
interface Entry {
  paid: boolean;
  amount: string;
  method: Method;
  reference: string;
}

type Me = ReturnType<typeof useMe>['data'];

/** The sheet a page address shows: `?unit=` (else the account's own unit) and `?month=` (else this month). */
function sheetShown(search: string, me: Me): { unitId: number; month: string } {
  const params = new URLSearchParams(search);
  const month = params.get('month') ?? '';
  return { unitId: Number(params.get('unit') ?? dashboardUnit(me) ?? 0), month: /^\d{4}-\d{2}$/.test(month) ? month : todayIso().slice(0, 7) };
}

function shift(month: string, n: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
const ROW = { padding: '8px 12px', borderTop: '1px solid #f0f0f0' } as const;

export default function DuesPage() {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const { unitId, month } = sheetShown(params.toString(), me);
  const go = (change: Record<string, string>) => setParams((old) => ({ ...Object.fromEntries(old), ...change }), { replace: true });
  // Another month drops the ticks not yet saved: the sheet asks first (MonthSheet, useAskBeforeLeaving).
  const toMonth = (n: number) => go({ month: shift(month, n) });
  if (!unitId) return <Alert type="info" showIcon title={t('dues.noUnit')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%', maxWidth: 760 }} data-testid="dues-page">
      <h1 style={{ margin: 0, fontSize: 24 }}>{t('dues.title')}</h1>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Button size="large" style={{ minWidth: 48 }} aria-label={t('dues.previousMonth')} onClick={() => toMonth(-1)} data-testid="dues-prev">
          ‹
        </Button>
        <strong style={{ fontSize: 18, minWidth: 130, textAlign: 'center' }} data-testid="dues-month">
          {t('dues.month', { month: showMonth(month) })}
        </strong>
        <Button size="large" style={{ minWidth: 48 }} aria-label={t('dues.nextMonth')} onClick={() => toMonth(1)} data-testid="dues-next">
          ›
        </Button>
      </div>
      <Tabs
        activeKey={params.get('tab') ?? 'month'}
        onChange={(tab) => go({ tab })}
        items={[
          { key: 'month', label: t('dues.tabs.month'), children: <MonthTab key={`${unitId}/${month}`} unitId={unitId} month={month} /> },
          { key: 'arrears', label: t('dues.tabs.arrears'), children: <ArrearsTab unitId={unitId} month={month} /> },
          { key: 'reports', label: t('dues.tabs.reports'), children: <ReportsTab unitId={unitId} month={month} /> },
        ]}
      />
    </div>
  );
}

function useCellMonth(unitId: number, month: string) {
  return useQuery({ queryKey: ['dues', 'month', unitId, month], queryFn: () => api<CellMonth>(`/dues/units/${unitId}/months/${month}`) });
}

function entryOf(d: MonthDues): Entry {
  return {
    paid: (d.payment?.amount ?? 0) > 0,
    amount: String(d.payment?.amount ?? d.due ?? ''),
    method: d.payment?.method ?? 'cash',
    reference: d.payment?.reference ?? '',
  };
}
const same = (a: Entry, b: Entry) =>
  a.paid === b.paid && (!a.paid || (a.amount === b.amount && a.method === b.method && (a.method === 'cash' || a.reference === b.reference)));

function dueNote(t: Translate, d: MonthDues): string {
  if (d.problem) return d.problem;
  if (d.exemptionLabel) return t('dues.exempt', { reason: d.exemptionLabel });
  if (d.reductionPercent) return t('dues.reduced', { percent: d.reductionPercent });
  return '';
}

function MonthTab({ unitId, month }: { unitId: number; month: string }) {
  const query = useCellMonth(unitId, month);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <MonthSheet data={query.data} />;
}

function MonthSheet({ data }: { data: CellMonth }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [entries, setEntries] = useState(() => new Map(data.members.map((m) => [m.memberId, entryOf(m.dues)])));
  const [paidOn, setPaidOn] = useState<string | null>(todayIso());
  const set = (id: number, change: Partial<Entry>) => setEntries((old) => new Map(old).set(id, { ...old.get(id)!, ...change }));
  const changed = data.members.filter((m) => !same(entries.get(m.memberId)!, entryOf(m.dues)));
  // Ticks not saved: anything that puts another sheet in its place — another month or cell,
  // another page through the menu, a link or Back, closing the tab — asks first.
  const { data: me } = useMe();
  const askLeave = useConfirm();
  useAskBeforeLeaving(
    changed.length > 0,
    (leave, stay) =>
      askLeave({
        title: t('dues.leaveUnsaved', { n: changed.length }),
        content: t('dues.leaveUnsavedHint'),
        okText: t('dues.discard'),
        cancelText: t('dues.stay'),
        danger: true,
        onOk: async () => leave(),
        onCancel: stay,
      }),
    (from, to) => {
      const next = sheetShown(to.search, me);
      return from.pathname !== to.pathname || next.unitId !== data.unit.id || next.month !== data.month;
    },
  );
  const discard = () => setEntries(new Map(data.members.map((m) => [m.memberId, entryOf(m.dues)])));
  const invalid = changed.some((m) => {
    const e = entries.get(m.memberId)!;
    return e.paid && (!/^\d{1,10}$/.test(e.amount.trim()) || (e.method === 'online' && !e.reference.trim()));
  });
  const save = useMutation({
    // The whole month in one request and one transaction: all saved or none (a slow line pays one round trip).
    mutationFn: () =>
      api<CellMonth>(`/dues/units/${data.unit.id}/months/${data.month}/payments`, {
        method: 'PUT',
        body: {
          payments: changed.map((m) => {
            const e = entries.get(m.memberId)!;
            return {
              memberId: m.memberId,
              amount: e.paid ? Number(e.amount.trim()) : 0,
              method: e.method,
              ...(e.method === 'online' && e.reference.trim() ? { reference: e.reference.trim() } : {}),
              paidOn: e.paid ? paidOn! : (m.dues.payment?.paidOn ?? paidOn!),
            };
          }),
        },
      }),
    onSuccess: async (saved) => {
      showSuccess(t('dues.saved', { n: changed.length }));
      queryClient.setQueryData(['dues', 'month', data.unit.id, data.month], saved);
      // The arrears list and each member's own dues ("Đảng phí của tôi") read what was just saved.
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['dues', 'arrears'] }), queryClient.invalidateQueries({ queryKey: ['dues', 'member'] })]);
    },
  });
  const unpaid = data.members.filter((m) => !entries.get(m.memberId)!.paid && (m.dues.due ?? 1) > 0);
  const confirm = useConfirm();
  const [editing, setEditing] = useState<number | null>(null);
  const noBasis = data.members.filter((m) => !m.dues.basisSet).length;
  // Unticking a payment already recorded withdraws it (kept in the history): asked first.
  const withdrawn = changed.filter((m) => !entries.get(m.memberId)!.paid && (m.dues.payment?.amount ?? 0) > 0);
  const onSave = () => {
    if (withdrawn.length === 0) return save.mutate();
    confirm({
      title: t('dues.confirmWithdraw', { names: withdrawn.map((m) => m.fullName).join(', ') }),
      danger: true,
      onOk: () => save.mutateAsync(),
    });
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div style={{ color: 'rgba(0,0,0,0.62)' }}>
        {data.unit.name} · {data.ruleSet.title}
        {data.ruleSet.unconfirmed.length > 0 && ` · ${t('dues.unconfirmed', { items: data.ruleSet.unconfirmedItems.join(', ') })}`}
      </div>
      <div data-testid="dues-totals" style={{ fontSize: 17 }}>
        {t('dues.totals', { paid: money(data.totals.paid), due: money(data.totals.due), n: data.totals.paidMembers, of: data.totals.members })}
      </div>
      {/* One tap for the whole month, above the list: the sticky bar keeps only the date and the save. */}
      {data.canRecord && unpaid.length > 0 && (
        <Button
          size="large"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setEntries((old) => new Map([...old, ...unpaid.map((m): [number, Entry] => [m.memberId, { ...old.get(m.memberId)!, paid: true }])]))}
          data-testid="dues-all-paid"
        >
          {t('dues.allPaid', { n: unpaid.length })}
        </Button>
      )}
      {data.unit.dissolvedOn && (
        <Alert type="info" showIcon title={t('dues.dissolved', { date: showDate(data.unit.dissolvedOn) })} data-testid="dues-dissolved" />
      )}
      {data.members.length === 0 && <Alert type="info" showIcon title={t('dues.noMembers')} />}
      {noBasis > 0 && <Alert type="info" showIcon title={t('dues.defaultBasis', { n: noBasis })} data-testid="dues-no-basis" />}
      <ol style={{ listStyle: 'none', margin: 0, padding: 0, border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' }} data-testid="dues-roll">
        {data.members.map((m, i) => {
          const e = entries.get(m.memberId)!;
          const note = dueNote(t, m.dues);
          const exempt = m.dues.due === 0;
          return (
            <li key={m.memberId} style={{ ...ROW, borderTop: i ? ROW.borderTop : undefined }} data-testid="dues-row" data-member-id={m.memberId}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
                <span style={{ fontSize: 17, fontWeight: 600 }}>
                  {i + 1}. {m.fullName}
                </span>
                <span data-testid="dues-due" style={{ whiteSpace: 'nowrap' }}>
                  {money(m.dues.due)}
                </span>
              </div>
              {note && <div style={{ color: 'rgba(0,0,0,0.62)' }}>{note}</div>}
              {/* The basis and the earlier arrears on one line: a phone shows more members at once. */}
              {(data.canRecord || m.arrearsBefore > 0) && editing !== m.memberId && (
                <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 10, alignItems: 'center' }}>
                  {data.canRecord && (
                    <Button type="link" style={{ padding: 0, minHeight: 44 }} onClick={() => setEditing(m.memberId)} data-testid="dues-basis-open">
                      {m.dues.basisSet ? t(`dues.basis.${m.dues.basis}`) : t('dues.basisMissing')}
                    </Button>
                  )}
                  {m.arrearsBefore > 0 && (
                    <span style={{ color: '#a8071a' }} data-testid="dues-arrears-before">
                      {t('dues.arrearsBefore', { amount: money(m.arrearsBefore) })}
                    </span>
                  )}
                </div>
              )}
              {editing === m.memberId && <BasisEditor memberId={m.memberId} month={data.month} basis={m.dues.basis} onDone={() => setEditing(null)} />}
              {editing === m.memberId && m.arrearsBefore > 0 && (
                <div style={{ color: '#a8071a' }} data-testid="dues-arrears-before">
                  {t('dues.arrearsBefore', { amount: money(m.arrearsBefore) })}
                </div>
              )}
              {data.canRecord && !exempt && (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                  <Checkbox
                    checked={e.paid}
                    onChange={(ev) => set(m.memberId, { paid: ev.target.checked })}
                    style={{ minHeight: 44, alignItems: 'center', fontSize: 16 }}
                    data-testid="dues-paid"
                  >
                    {t('dues.paid')}
                  </Checkbox>
                  {e.paid && (
                    <>
                      <Input
                        inputMode="numeric"
                        value={e.amount}
                        onChange={(ev) => set(m.memberId, { amount: ev.target.value.replace(/[.\s]/g, '') })}
                        suffix="đ"
                        aria-label={t('dues.amountOf', { name: m.fullName })}
                        status={/^\d{1,10}$/.test(e.amount.trim()) ? undefined : 'error'}
                        style={{ width: 120 }}
                        data-testid="dues-amount"
                      />
                      <Segmented<Method>
                        value={e.method}
                        onChange={(method) => set(m.memberId, { method })}
                        options={[
                          { value: 'cash', label: t('dues.method.cash') },
                          { value: 'online', label: t('dues.method.online') },
                        ]}
                        data-testid="dues-method"
                      />
                      {e.method === 'online' && (
                        <Input
                          value={e.reference}
                          onChange={(ev) => set(m.memberId, { reference: ev.target.value })}
                          placeholder={t('dues.reference')}
                          aria-label={t('dues.reference')}
                          status={e.reference.trim() ? undefined : 'warning'}
                          style={{ flex: '1 1 180px' }}
                          data-testid="dues-reference"
                        />
                      )}
                    </>
                  )}
                </div>
              )}
              {m.dues.payment && (
                <div style={{ color: 'rgba(0,0,0,0.62)', marginTop: 4 }} data-testid="dues-recorded">
                  {t('dues.recorded', {
                    amount: money(m.dues.payment.amount),
                    method: t(`dues.method.${m.dues.payment.method}`),
                    date: showDate(m.dues.payment.paidOn),
                  })}
                  {m.dues.payment.corrections > 0 && ` · ${t('dues.corrected', { n: m.dues.payment.corrections })}`}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {data.canRecord && data.members.length > 0 && (
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 5,
            background: '#fff',
            padding: '8px 0',
            borderTop: '1px solid #d9d9d9',
            display: 'flex',
            gap: 8,
            flexWrap: 'wrap',
            alignItems: 'center',
          }}
          data-testid="dues-footer"
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <label htmlFor="dues-paid-on">{t('dues.paidOn')}</label>
            <DateInput id="dues-paid-on" value={paidOn} onChange={setPaidOn} notFuture allowClear={false} style={{ width: 140 }} testId="dues-paid-on" />
          </div>
          <Button
            type="primary"
            size="large"
            disabled={changed.length === 0 || invalid || !paidOn}
            loading={save.isPending}
            onClick={onSave}
            data-testid="dues-save"
          >
            {t('dues.save', { n: changed.length })}
          </Button>
          {changed.length > 0 && (
            <Button size="large" onClick={discard} disabled={save.isPending} data-testid="dues-discard">
              {t('dues.discard')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function ArrearsTab({ unitId, month }: { unitId: number; month: string }) {
  const t = useT();
  const from = shift(month, -11);
  const query = useQuery({
    queryKey: ['dues', 'arrears', unitId, month],
    queryFn: () => api<Arrears>(`/dues/units/${unitId}/arrears`, { query: { from, to: month } }),
  });
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="dues-arrears">
      <div>{t('dues.arrearsPeriod', { from: showMonth(from), to: showMonth(month), total: money(data.total) })}</div>
      {data.members.length === 0 && <Alert type="success" showIcon title={t('dues.noArrears')} />}
      <ol
        style={{ listStyle: 'none', margin: 0, padding: 0, border: data.members.length ? '1px solid #f0f0f0' : undefined, borderRadius: 8, background: '#fff' }}
      >
        {data.members.map((m, i) => (
          <li key={m.memberId} style={{ ...ROW, borderTop: i ? ROW.borderTop : undefined }} data-testid="dues-arrears-row">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>{m.fullName}</strong>
              <span style={{ whiteSpace: 'nowrap', color: '#a8071a' }}>{money(m.total)}</span>
            </div>
            <div style={{ color: 'rgba(0,0,0,0.62)' }}>{m.months.map((x) => showMonth(x.month)).join(', ')}</div>
            {m.unpaidMonths.length >= 3 && <div style={{ color: '#a8071a' }}>{t('dues.strikeOffWarning', { n: m.unpaidMonths.length })}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReportsTab({ unitId, month }: { unitId: number; month: string }) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const get = async (kind: 'collection' | 'remittance') => {
    setBusy(kind);
    try {
      await download(`/dues/units/${unitId}/months/${month}/${kind}.xlsx`, undefined, `dang-phi-${month}.xlsx`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, alignItems: 'flex-start' }}>
      <Button size="large" loading={busy === 'collection'} onClick={() => void get('collection')} data-testid="dues-collection-xlsx">
        {t('dues.collectionReport', { month: showMonth(month) })}
      </Button>
      <Button size="large" loading={busy === 'remittance'} onClick={() => void get('remittance')} data-testid="dues-remittance-xlsx">
        {t('dues.remittanceReport', { month: showMonth(month) })}
      </Button>
    </div>
  );
}

/** A member's dues basis from this month on: what the amount is computed from (the rule set does the rest). */
function BasisEditor({ memberId, month, basis, onDone }: { memberId: number; month: string; basis: Basis; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Basis>(basis);
  const [amount, setAmount] = useState('');
  const needsEarnings = kind === 'insured_salary' || kind === 'pension';
  const valid = !needsEarnings || /^\d{1,10}$/.test(amount.trim());
  const save = useMutation({
    mutationFn: () =>
      api(`/dues/members/${memberId}/basis`, {
        method: 'PUT',
        body: {
          from: month,
          basis: kind,
          ...(needsEarnings ? { earnings: Number(amount.trim()) } : {}),
          ...(kind === 'other' && amount.trim() ? { fixedAmount: Number(amount.trim()) } : {}),
        },
      }),
    onSuccess: async () => {
      showSuccess(t('dues.basisSaved'));
      await queryClient.invalidateQueries({ queryKey: ['dues'] });
      onDone();
    },
  });
  return (
    <div
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8, padding: 8, background: '#fafafa', borderRadius: 6 }}
      data-testid="dues-basis-editor"
    >
      <Select<Basis>
        value={kind}
        onChange={setKind}
        options={BASES.map((b) => ({ value: b, label: t(`dues.basis.${b}`) }))}
        aria-label={t('dues.basisLabel')}
        style={{ flex: '1 1 220px' }}
      />
      {(needsEarnings || kind === 'other') && (
        <Input
          inputMode="numeric"
          value={amount}
          onChange={(ev) => setAmount(ev.target.value.replace(/[.\s]/g, ''))}
          placeholder={t(needsEarnings ? 'dues.earnings' : 'dues.fixedAmount')}
          aria-label={t(needsEarnings ? 'dues.earnings' : 'dues.fixedAmount')}
          suffix="đ"
          style={{ flex: '1 1 180px' }}
        />
      )}
      <Button type="primary" disabled={!valid} loading={save.isPending} onClick={() => save.mutate()}>
        {t('dues.basisSave', { month: showMonth(month) })}
      </Button>
      <Button onClick={onDone}>{t('common.cancel')}</Button>
    </div>
  );
}

// The dashboard's view lives in the address (?date=&p=&from=&to=), so a link reproduces
// it and drilling into a sub-unit keeps the same date and period.

import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { dayUpToToday, ISO, isIso, todayIso } from '../../lib/dates.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year', 'custom'];

export interface DashboardView {
  date: string;
  period: PeriodKind;
  from: string;
  to: string;
}

/**
 * The period of a kind that holds `anchor`, ending no later than `limit` (a month still
 * running is counted up to the chosen date, not into the future).
 */
export function periodAround(kind: Exclude<PeriodKind, 'custom'>, anchor: string, limit: string): { from: string; to: string } {
  const d = dayjs(anchor, ISO);
  const start = kind === 'month' ? d.startOf('month') : kind === 'year' ? d.startOf('year') : d.month(Math.floor(d.month() / 3) * 3).startOf('month');
  const end = kind === 'month' ? d.endOf('month') : kind === 'year' ? d.endOf('year') : start.add(2, 'month').endOf('month');
  const from = start.format(ISO);
  const to = end.format(ISO);
  return { from, to: to > limit && from <= limit ? limit : to };
}

export function readView(params: URLSearchParams): DashboardView {
  const today = todayIso();
  // Figures are read on today at the latest: a later date in a link shows today's.
  const date = dayUpToToday(params.get('date')) ?? today;
  const p = params.get('p');
  const period: PeriodKind = PERIOD_KINDS.includes(p as PeriodKind) ? (p as PeriodKind) : 'year';
  const from = params.get('from');
  const to = params.get('to');
  if (isIso(from) && isIso(to)) return { date, period, from, to };
  // No period asked for: the year of the chosen date, up to that date.
  return { date, period: period === 'custom' ? 'year' : period, ...periodAround(period === 'custom' ? 'year' : period, date, date) };
}

export function viewQuery(view: DashboardView): string {
  return new URLSearchParams({ date: view.date, p: view.period, from: view.from, to: view.to }).toString();
}

export function useDashboardView(): [DashboardView, (next: Partial<DashboardView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const update = (next: Partial<DashboardView>) => setParams(viewQuery({ ...view, ...next }), { replace: false });
  return [view, update];
}

// The plan form's start for a cell's regular meeting (sinh hoạt thường kỳ): the date,
// times and place from GET /meetings/plan-defaults (the cell's usual day, its last times
// and place), the title "Sinh hoạt chi bộ thường kỳ tháng M/YYYY" following the date's
// month until the secretary changes it, and last month's resolution carried into the
// agenda's review item in one tap (or at once when the address asks, ?carry=1).
import { Form, type FormInstance } from 'antd';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePlanDefaults } from '../home/home-api.ts';
import { isPreviousReviewItem } from '../home/home-shared.ts';
import { carriedNote } from '../home/PreviousResolution.tsx';
import type { AgendaValue, PlanValues } from './MeetingPlanPage.tsx';
import type { Meeting } from './meetings-api.ts';

export function useRegularPlan(o: {
  form: FormInstance<PlanValues>;
  meeting: Meeting | undefined;
  unitId: number | null;
  /** A regular meeting of a cell is being planned. */
  enabled: boolean;
  date: string | undefined;
  /** The month asked for ('YYYY-MM'), else the one the server proposes. */
  month: string | null;
  carryAsked: boolean;
  /** The agenda now holds the secretary's text: the standard one must not replace it. */
  onAgendaCarried: () => void;
}) {
  const t = useT();
  const form = o.form;
  const defaults = usePlanDefaults(o.unitId, o.meeting ? o.meeting.heldOn.slice(0, 7) : o.month, o.enabled);
  const agenda: AgendaValue[] = Form.useWatch('agenda', form) ?? [];
  const autoTopic = useRef<string | null>(null);
  const applied = useRef<number | null>(null);
  const carried = useRef(false);
  const regularTitle = (iso: string) => t('meetings.plan.regularTitle', { month: Number(iso.slice(5, 7)), year: iso.slice(0, 4) });

  // The defaults, once per cell, on a new plan.
  useEffect(() => {
    const d = defaults.data;
    if (o.meeting || !d || !o.enabled || applied.current === d.unitId) return;
    applied.current = d.unitId;
    form.setFieldsValue({ date: d.date, startTime: d.startTime, endTime: d.endTime });
    if (d.place && !form.getFieldValue('place')) form.setFieldValue('place', d.place);
    if (!form.getFieldValue('topic') || form.getFieldValue('topic') === autoTopic.current) {
      autoTopic.current = regularTitle(d.date);
      form.setFieldValue('topic', autoTopic.current);
    }
  });
  // The prefilled title follows the month of the date while the secretary has not changed
  // it, and goes when another kind is chosen (an extraordinary meeting has its own subject).
  useEffect(() => {
    if (o.meeting || !o.date) return;
    const topic = form.getFieldValue('topic');
    if (autoTopic.current === null || topic !== autoTopic.current) return;
    autoTopic.current = o.enabled ? regularTitle(o.date) : null;
    form.setFieldValue('topic', autoTopic.current ?? '');
  });

  function carryPrevious() {
    const previous = defaults.data?.previous;
    if (!previous) return;
    const items: AgendaValue[] = [...(form.getFieldValue('agenda') ?? [])];
    // HD 12's "review of last month's resolution" item; put back when it was removed.
    let at = items.findIndex((a) => isPreviousReviewItem(a.title ?? ''));
    if (at < 0) {
      at = Math.min(4, items.length);
      items.splice(at, 0, { title: t('meetings.plan.previousReviewTitle'), note: '' });
    }
    items[at] = { ...items[at]!, note: carriedNote(t, previous) };
    form.setFieldValue('agenda', items);
    o.onAgendaCarried();
    carried.current = true;
    showSuccess(t('meetings.plan.carried', { item: items[at]!.title }));
  }
  // Asked from the home page: carried as soon as the agenda is there.
  useEffect(() => {
    if (o.carryAsked && !carried.current && defaults.data?.previous && agenda.length > 0) carryPrevious();
  });

  return { defaults, carryPrevious };
}

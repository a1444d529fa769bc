// A first draft of the minutes names the chair: the unit's secretary (bí thư) in office on
// the meeting's date, as the committee of that date lists them, never today's. Only empty,
// untouched boxes are filled, so what the secretary typed or saved always wins.
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { useUnit } from '../../api/units.ts';
import { useT } from '../../i18n/i18n.ts';
import { dayUpToToday } from '../../lib/dates.ts';
import type { Meeting, MinutesContent } from './meetings-api.ts';

export function useChairPrefill(form: FormInstance, meeting: Meeting, content: MinutesContent) {
  const t = useT();
  // The committee on the meeting's day; for a meeting still to come, today's (no tree exists for a later day).
  const unit = useUnit(meeting.unitId, dayUpToToday(meeting.heldOn));
  const fresh = Object.keys(content).length === 0;
  const secretary = unit.data?.committee.find((c) => c.position === 'bi_thu');
  const unitName = unit.data?.unit.name;
  useEffect(() => {
    if (!fresh || !secretary || !unitName) return;
    const name = ['content', 'chairName'];
    const position = ['content', 'chairPosition'];
    const blank = (path: string[]) => !form.getFieldValue(path) && !form.isFieldTouched(path);
    if (blank(name)) form.setFieldValue(name, secretary.fullName);
    if (blank(position)) form.setFieldValue(position, t('meetings.minutes.chairPositionOf', { unit: unitName }));
  }, [fresh, secretary, unitName, form, t]);
}

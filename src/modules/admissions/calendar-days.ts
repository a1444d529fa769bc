// The days an admin adds to the public-holiday calendar (calendar_days): listed per year beside
// the rule set's holidays, added and removed by an admin of a whole tree (they count for every
// unit), each change audited. `calendarAdjustments` hands them to the working-day arithmetic.
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.ts';
import { formatDateVi } from '../../domain/calendar.ts';
import type { CalendarAdjustments } from '../../domain/working-days.ts';
import { holidayRulesOn, holidaysOf } from '../../domain/working-days.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import { type Access, isRootAdmin } from '../access/access.ts';
import { writeAudit } from '../audit/write-audit.ts';

/** Every day an admin entered (a few a year: read whole). */
export async function calendarAdjustments(db: Db): Promise<CalendarAdjustments> {
  const rows = await db.selectFrom('calendar_days').select(['day', 'kind']).execute();
  return {
    daysOff: rows.filter((r) => r.kind === 'day_off').map((r) => r.day),
    workingDays: rows.filter((r) => r.kind === 'working_day').map((r) => r.day),
  };
}

export async function calendarYear(db: Db, access: Access, year: number, lang: Lang = 'vi') {
  const rules = holidayRulesOn(`${year}-07-01`).body;
  const added = await db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'note'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
  return {
    year,
    holidays: holidaysOf(year, rules).map((h) => {
      const holiday = `working_days.holiday.${h.key}`;
      return { ...h, name: h.compensating ? t(lang, 'working_days.compensating', { holiday }) : t(lang, holiday) };
    }),
    added: added.map((r) => ({ ...r, kind: r.kind as 'day_off' | 'working_day' })),
    canEdit: isRootAdmin(access),
  };
}

export async function addCalendarDay(db: Kysely<DB>, access: Access, input: { day: string; kind: 'day_off' | 'working_day'; note: string }, lang: Lang) {
  if (!isRootAdmin(access)) throw new AppError('forbidden', 403);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('calendar_days').select('day').where('day', '=', input.day).executeTakeFirst();
    if (taken) throw new AppError('admissions.calendar_day_taken', 409, { date: formatDateVi(input.day) });
    await trx.insertInto('calendar_days').values({ day: input.day, kind: input.kind, note: input.note, created_by: access.userId }).execute();
    await writeAudit(trx, access.userId, { action: 'calendar_day.add', entityType: 'calendar_day', entityId: input.day, after: input });
    return calendarYear(trx, access, Number(input.day.slice(0, 4)), lang);
  });
}

export async function removeCalendarDay(db: Kysely<DB>, access: Access, day: string, lang: Lang) {
  if (!isRootAdmin(access)) throw new AppError('forbidden', 403);
  return db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('calendar_days').where('day', '=', day).returning(['day', 'kind', 'note']).executeTakeFirst();
    if (!row) throw notFound('entities.calendar_day');
    await writeAudit(trx, access.userId, { action: 'calendar_day.remove', entityType: 'calendar_day', entityId: day, before: row });
    return calendarYear(trx, access, Number(day.slice(0, 4)), lang);
  });
}

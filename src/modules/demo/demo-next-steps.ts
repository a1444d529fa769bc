// What makes the demo's home pages show real next steps, set-wise after the bulk load:
// - the tasks of each adopted resolution become tasks of the cell, as adoption makes them:
//   those due more than two months ago done, a third of the recently due ones still open
//   (overdue), those not yet due open;
// - the meetings already held were announced (a notice batch each, as the notices job
//   writes them), so "notice sent" is true of the past;
// - the commune's committee member (account `capuy`) is assigned to attend two of next
//   month's cell meetings, not yet confirmed, with the in-app notice of it: "Tôi sẽ dự" is
//   one tap away.
import type { BulkSession } from './bulk-load.ts';

export async function addNextSteps(session: BulkSession, asOf: string, afterId: number, lastId: number, communeId: number) {
  await session.query(
    `insert into tasks (unit_id, source, meeting_id, assignee_label, title, due_on, outcome, outcome_on, created_at, updated_at)
     select m.unit_id, 'minutes', mm.meeting_id, x.t->>'assignee', x.t->>'description', d.due_on, d.outcome,
       case when d.outcome is not null then least(d.due_on, $1::date) end,
       mm.adopted_at, mm.adopted_at
     from meeting_minutes mm
     join meetings m on m.id = mm.meeting_id
     cross join lateral jsonb_array_elements(coalesce(mm.content->'tasks', '[]'::jsonb)) with ordinality as x(t, ord)
     cross join lateral (select (x.t->>'dueOn')::date as due_on,
       case when (x.t->>'dueOn')::date < $1::date - 60 then 'done'
            when (x.t->>'dueOn')::date < $1::date and (mm.meeting_id + x.ord) % 3 <> 0 then 'done' end as outcome) d
     where mm.adopted_at is not null and mm.meeting_id > $2 and mm.meeting_id <= $3
     order by mm.meeting_id, x.ord`,
    [asOf, afterId, lastId],
  );
  await session.query(
    `insert into meeting_notice_batches (meeting_id, dedupe_key, recipients, sent_at)
     select m.id, 'meeting_planned:' || to_char(m.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI'), coalesce(f.expected, 0), m.starts_at - interval '5 days'
     from meetings m left join meeting_facts f on f.meeting_id = m.id
     where m.id > $2 and m.id <= $3 and m.held_on <= $1::date
     on conflict do nothing`,
    [asOf, afterId, lastId],
  );
  await session.query(
    `insert into meeting_guests (meeting_id, member_id, full_name, assigned_by_unit_id)
     select m.id, mb.id, mb.full_name, $4
     from users u join members mb on mb.id = u.member_id
     cross join lateral (
       select m.id from meetings m join units c on c.id = m.unit_id
       where c.parent_id = $4 and m.kind = 'regular' and m.held_on > $1::date and m.id > $2 and m.id <= $3 and m.unit_id <> mb.unit_id
       order by m.held_on, m.id limit 2) m
     where u.username = 'capuy'`,
    [asOf, afterId, lastId, communeId],
  );
  // …and hears of it in the app, as assign-guest.ts tells an assigned guest (meetingNoticeParams' shape).
  await session.query(
    `insert into notices (member_id, kind, meeting_id, params, dedupe_key)
     select g.member_id, 'meeting_guest', m.id,
       jsonb_build_object('topic', m.topic, 'unit', c.name, 'date', to_char(m.held_on, 'DD/MM/YYYY'),
         'time', to_char((m.starts_at at time zone 'UTC') + interval '7 hours', 'HH24:MI'), 'place', m.place, 'kind', 'meetings.kinds.' || m.kind),
       'meeting:' || m.id || ':guest:' || g.id
     from meeting_guests g join meetings m on m.id = g.meeting_id join units c on c.id = m.unit_id
     where g.assigned_by_unit_id = $3 and g.member_id is not null and m.id > $1 and m.id <= $2
     on conflict do nothing`,
    [afterId, lastId, communeId],
  );
}

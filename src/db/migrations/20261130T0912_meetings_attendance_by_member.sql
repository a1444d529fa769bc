-- A member's own roll-call marks, for the striking-off warning on their page (absences
-- without reason in the last months): found by member, not by meeting.
create index meeting_attendance_member_idx on meeting_attendance (member_id);

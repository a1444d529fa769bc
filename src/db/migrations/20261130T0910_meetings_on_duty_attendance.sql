-- Armed-forces members on duty (đảng viên trong lực lượng vũ trang đi làm nhiệm vụ): HD 12
-- records them apart at the roll call and leaves them out of the attendance ratio, like
-- the exempted. A roll-call status of its own, chosen by the secretary.
alter table meeting_attendance drop constraint meeting_attendance_status_check;
alter table meeting_attendance add constraint meeting_attendance_status_check
  check (status in ('present', 'absent_excused', 'absent_unexcused', 'on_duty'));

-- The per-meeting facts leave members on duty out of `expected`: compute_meeting_facts, in
-- 20261130T0902, counts them so (no row could hold 'on_duty' before this constraint).

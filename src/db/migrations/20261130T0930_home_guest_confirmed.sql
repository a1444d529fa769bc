-- "Tôi sẽ dự": a guest assigned to attend a cell's meeting (a commune committee member)
-- says in one tap that they will come; the cell sees who confirmed. Null: not confirmed.
alter table meeting_guests add column confirmed_at timestamptz;

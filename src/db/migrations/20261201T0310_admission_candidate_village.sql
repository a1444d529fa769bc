-- A candidate's village (issue 10 items 1 and 6): the admissions and villages tables were
-- written side by side; the key joins them now that both exist.
alter table admission_candidates
  add constraint admission_candidates_village_fk foreign key (village_id) references villages(id);

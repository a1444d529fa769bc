-- The member list walks members_sort_idx in the Vietnamese order and tests each row against
-- the caller's filters. A search whose matches sit late in that order ("nguyen van": the
-- first given names in the order are women's, none with "Văn") passes ~87,000 rows before
-- its first page at the nation; read from the table that was 420 ms warm and 5.5 s cold.
-- The index now carries the columns those tests read (status, cell, folded name, card), so
-- the walk is an index-only scan: ~30–60 ms. The list reads the page's other columns by id.
drop index members_sort_idx;
create index members_sort_idx on members (sort_key collate "C", id) include (status, unit_id, search_name, party_card_number);

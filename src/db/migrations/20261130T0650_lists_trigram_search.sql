-- Name search through trigram indexes (pg_trgm; PGlite loads the same extension in
-- src/db/connect.ts): `search_name like '%word%'` on the folded, diacritic-free name is
-- then an index scan instead of a scan of every member; the party card and unit search
-- likewise. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists pg_trgm;
create index members_search_trgm_idx on members using gin (search_name gin_trgm_ops);
create index members_card_trgm_idx on members using gin (party_card_number gin_trgm_ops);
create index units_search_trgm_idx on units using gin (search_name gin_trgm_ops);

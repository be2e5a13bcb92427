-- Archive search (lib/search). Index expressions must be IMMUTABLE, and unaccent(text) is only
-- STABLE because it looks its dictionary up through search_path; naming the schema and the
-- dictionary makes the result depend on the argument alone (the usual wrapper).
CREATE OR REPLACE FUNCTION public.f_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN public.unaccent('public.unaccent'::regdictionary, $1);--> statement-breakpoint

-- The weighted vector written by reindexRecord (title and number A, metadata B, body text C).
CREATE INDEX IF NOT EXISTS archive_records_search_idx ON archive_records USING gin (search);--> statement-breakpoint

-- Title, number and abstract alone, computed from the row: the candidates ranked first for a
-- query whose words are everywhere, without reading every matching record's full vector.
CREATE INDEX IF NOT EXISTS archive_records_head_search_idx ON archive_records USING gin (
  to_tsvector('simple'::regconfig, public.f_unaccent(coalesce(number_symbol, '') || ' ' || title || ' ' || coalesce(abstract, '')))
);--> statement-breakpoint

-- Numbers and symbols ("09-NQ/HU"): exact and prefix ("09-NQ", "09") through the pattern btree,
-- inside the symbol ("NQ/HU") through trigrams.
CREATE INDEX IF NOT EXISTS archive_records_number_key_prefix_idx ON archive_records (number_key text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS archive_records_number_key_trgm_idx ON archive_records USING gin (number_key gin_trgm_ops);--> statement-breakpoint

-- Typos in titles ("nghi quyet dai hoj"): trigram similarity on the folded title.
CREATE INDEX IF NOT EXISTS archive_records_title_trgm_idx ON archive_records USING gin (lower(public.f_unaccent(title)) gin_trgm_ops);--> statement-breakpoint

-- Browsing and the date sorts walk this index (forwards: newest, backwards: oldest) and stop after
-- one page when the query matches many records. The ORDER BY in lib/search/query.ts matches it.
CREATE INDEX IF NOT EXISTS archive_records_issued_on_idx ON archive_records (issued_on DESC NULLS LAST, created_at DESC);

-- The head indexes (title, number and abstract: migrations 0008 and 0015) move from expressions
-- computed from the row to the stored column search_head (0016), the same vector: a phrase or a
-- similar title is then checked, and ranked, on the stored value instead of computing it again.
CREATE INDEX IF NOT EXISTS archive_records_search_head_idx ON archive_records USING gin (search_head);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS archive_records_search_head_pairs_idx ON archive_records USING gin (public.word_pairs(search_head));--> statement-breakpoint
DROP INDEX IF EXISTS archive_records_head_search_idx;--> statement-breakpoint
DROP INDEX IF EXISTS archive_records_head_pairs_idx;

-- Phrases ("thương mại điện tử"): the words of a phrase are each common, so the records holding all
-- of them are tens of thousands, and checking the phrase reads each one's whole vector. An index
-- of ADJACENT WORD PAIRS ("thuong-mai", "mai-dien", "dien-tu"), taken from the positions of the
-- search vector itself (so exactly the words and adjacency the phrase operator sees), narrows a
-- phrase to the few records holding every pair; the phrase is then confirmed on those only.
-- COST: about a millisecond for a two-page document, so the planner must find the pairs through
-- the index and never compute them row by row for a filter.
CREATE OR REPLACE FUNCTION public.word_pairs(v tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT COST 10000 AS $$
  SELECT coalesce(array_to_tsvector(array_agg(pair)), ''::tsvector) FROM (
    SELECT lexeme || '-' || lead(lexeme) OVER w AS pair, lead(pos) OVER w - pos AS gap
    FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) words
    WINDOW w AS (ORDER BY pos)) pairs
  WHERE gap = 1
$$;--> statement-breakpoint
-- The pairs of a phrase as a query (every pair required); NULL for a phrase of one word.
CREATE OR REPLACE FUNCTION public.phrase_pairs(phrase text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT string_agg(quote_literal(replace(pair, '\', '')), ' & ')::tsquery FROM (
    SELECT lexeme || '-' || lead(lexeme) OVER w AS pair, lead(pos) OVER w - pos AS gap
    FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(to_tsvector('simple', public.f_unaccent(phrase)))) words
    WINDOW w AS (ORDER BY pos)) pairs
  WHERE gap = 1
$$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS archive_records_search_pairs_idx ON archive_records USING gin (public.word_pairs(search));--> statement-breakpoint
-- The same for the title, number and abstract (the head, migration 0008), where a phrase ranks first.
CREATE INDEX IF NOT EXISTS archive_records_head_pairs_idx ON archive_records USING gin (public.word_pairs(
  to_tsvector('simple'::regconfig, public.f_unaccent(coalesce(number_symbol, '') || ' ' || title || ' ' || coalesce(abstract, '')))));--> statement-breakpoint
-- Typos: the words of titles (archive_title_words), kept by this trigger. The old trigram index
-- over whole titles is dropped: matching a whole query against every title sharing a trigram
-- with it re-read tens of thousands of titles.
CREATE OR REPLACE FUNCTION public.archive_title_words_add() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_title_words (word)
    SELECT unnest(tsvector_to_array(to_tsvector('simple', public.f_unaccent(NEW.title))))
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS archive_records_title_words ON archive_records;--> statement-breakpoint
CREATE TRIGGER archive_records_title_words AFTER INSERT OR UPDATE OF title ON archive_records
  FOR EACH ROW EXECUTE FUNCTION public.archive_title_words_add();--> statement-breakpoint
INSERT INTO archive_title_words (word)
  SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', public.f_unaccent(title)))) FROM archive_records
  ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP INDEX IF EXISTS archive_records_title_trgm_idx;

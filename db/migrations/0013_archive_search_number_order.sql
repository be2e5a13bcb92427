-- Sort by number (lib/search/query.ts sortedPage, sort 'number'): the index follows the ORDER BY
-- exactly, so a query matching many records walks it and stops after one page instead of sorting
-- every match (and reading every match's search vector) first. numeric, not int: a number with
-- more digits than an int holds must not make saving its record fail.
CREATE INDEX IF NOT EXISTS archive_records_number_order_idx ON archive_records (
  (substring(number_key from '^[0-9]+')::numeric) ASC NULLS LAST, number_key ASC NULLS LAST,
  issued_on DESC NULLS LAST, created_at DESC, id
);

-- One body cannot hold two meetings at the same time (cancelled meetings free their slot).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE meetings ADD CONSTRAINT meetings_no_overlap
  EXCLUDE USING gist (body_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
  WHERE (status <> 'cancelled');

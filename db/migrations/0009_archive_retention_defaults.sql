-- Default retention by document type (years; NULL = permanent, "vĩnh viễn"). These are the
-- project's defaults, not a quotation of a regulation: the documents that found the Party
-- organisation's work (resolutions, directives, conclusions, decisions, working regulations,
-- minutes) are kept permanently; plans, guidance and reports 20 years; notices, letters and
-- programmes 10 years. Operators change them in this table; a record may override its own.
INSERT INTO "archive_retention_rules" ("type", "years") VALUES
  ('NQ', NULL), ('CT', NULL), ('KL', NULL), ('QĐ', NULL), ('QC', NULL), ('BB', NULL),
  ('HD', 20), ('KH', 20), ('BC', 20),
  ('TB', 10), ('CV', 10), ('CTr', 10), ('other', 10)
ON CONFLICT ("type") DO NOTHING;
--> statement-breakpoint
-- A record on legal hold can never be destroyed, and nothing is destroyed outside an approved
-- disposal list (lib/archive/disposition.ts); the database enforces both as well.
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_hold_never_destroyed"
  CHECK (NOT ("legal_hold" AND "status" = 'destroyed'));
--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_destroyed_by_disposal"
  CHECK ("status" <> 'destroyed' OR ("disposal_id" IS NOT NULL AND "destroyed_at" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_disposal_id_fk"
  FOREIGN KEY ("disposal_id") REFERENCES "archive_disposals"("id") ON DELETE RESTRICT;

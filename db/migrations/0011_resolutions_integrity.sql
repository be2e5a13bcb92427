-- Document numbers (Guidance 36-HD/VPTW) are never reused: a numbered document is never deleted
-- or renumbered, and an issued (or voided) one never changes at all. The application checks this
-- too; these hold for any client of the database.
CREATE OR REPLACE FUNCTION resolutions_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('issued', 'void') THEN
    RAISE EXCEPTION 'document % (%) is % and cannot be changed', OLD.number_symbol, OLD.id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.number IS NOT NULL THEN
      RAISE EXCEPTION 'document % holds number % and cannot be deleted (abandon the number instead)', OLD.id, OLD.number_symbol
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.number IS NOT NULL AND (
    NEW.number IS DISTINCT FROM OLD.number OR NEW.term_id IS DISTINCT FROM OLD.term_id
    OR NEW.series IS DISTINCT FROM OLD.series OR NEW.number_symbol IS DISTINCT FROM OLD.number_symbol
    OR NEW.organization_id IS DISTINCT FROM OLD.organization_id OR NEW.type IS DISTINCT FROM OLD.type
    OR NEW.congress IS DISTINCT FROM OLD.congress
  ) THEN
    RAISE EXCEPTION 'the number % of document % cannot be changed', OLD.number_symbol, OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint

CREATE TRIGGER resolutions_guard BEFORE UPDATE OR DELETE ON resolutions
FOR EACH ROW EXECUTE FUNCTION resolutions_guard();--> statement-breakpoint

-- A series counter only moves forward.
CREATE OR REPLACE FUNCTION document_number_series_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.last_number < OLD.last_number
     OR NEW.organization_id IS DISTINCT FROM OLD.organization_id OR NEW.term_id IS DISTINCT FROM OLD.term_id
     OR NEW.series IS DISTINCT FROM OLD.series THEN
    RAISE EXCEPTION 'document number series can only move forward'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint

CREATE TRIGGER document_number_series_forward BEFORE UPDATE OR DELETE ON document_number_series
FOR EACH ROW EXECUTE FUNCTION document_number_series_forward();--> statement-breakpoint

-- The terms of one organisation never overlap, so "the current term" is always one term.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE committee_terms ADD CONSTRAINT committee_terms_no_overlap
  EXCLUDE USING gist (organization_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&);

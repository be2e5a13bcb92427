-- Approved minutes are the record: once a version is approved, it can be neither changed nor
-- removed (a correction is a new version). The application checks this too; this holds for any
-- client of the database.
CREATE OR REPLACE FUNCTION minutes_approved_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'approved' THEN
    RAISE EXCEPTION 'approved minutes (meeting %, version %) cannot be changed', OLD.meeting_id, OLD.version
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;--> statement-breakpoint

CREATE TRIGGER minutes_approved_immutable BEFORE UPDATE OR DELETE ON minutes
FOR EACH ROW EXECUTE FUNCTION minutes_approved_immutable();

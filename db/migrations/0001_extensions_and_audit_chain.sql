-- Accent-insensitive and fuzzy search (used by the search features).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint

-- The hash of one audit row, chained to the previous row's hash. The verify command
-- (lib/audit/verify.ts) recomputes the chain with this same function.
CREATE OR REPLACE FUNCTION audit_row_hash(prev_hash text, e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    prev_hash || '|' || jsonb_build_array(
      e.id,
      (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
      e.actor_id, e.actor_name, e.action, e.organization_id, e.entity_type, e.entity_id,
      host(e.ip), e.user_agent, e.details
    )::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint

-- Ids and hashes are assigned under one transaction-scoped lock, so the chain order is the id
-- order even when transactions insert concurrently (the lock is held until commit).
-- Callers must use READ COMMITTED so that the previous row committed by another transaction is seen.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_events_chain'));
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  NEW.occurred_at := date_trunc('microseconds', clock_timestamp());
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;--> statement-breakpoint

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_chain();--> statement-breakpoint

CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE SEQUENCE IF NOT EXISTS audit_events_seq;
--> statement-breakpoint
-- Assigns the sequence number and chains the row to the one before it. The advisory lock,
-- held to the end of the transaction, serialises writers so that sequence order and chain
-- order are the same. The canonical text must match app/audit/verify-chain.server.ts.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    previous text;
  BEGIN
    PERFORM pg_advisory_xact_lock(7346213);
    SELECT hash INTO previous FROM audit_events ORDER BY seq DESC LIMIT 1;
    NEW.seq := nextval('audit_events_seq');
    NEW.occurred_at := clock_timestamp();
    NEW.prev_hash := coalesce(previous, repeat('0', 64));
    NEW.hash := encode(sha256(convert_to(concat_ws(E'\n',
      NEW.seq::text,
      NEW.id::text,
      to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(NEW.actor_user_id::text, ''),
      NEW.action,
      NEW.entity_type,
      coalesce(NEW.entity_id, ''),
      coalesce(NEW.subject_id::text, ''),
      coalesce(NEW.organisation_id::text, ''),
      coalesce(NEW.ip, ''),
      coalesce(NEW.request_id, ''),
      coalesce(NEW.reason, ''),
      NEW.details::text,
      NEW.prev_hash
    ), 'UTF8')), 'hex');
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- The "likely duplicate" flag is refreshed once per statement for inserts and deletes, with
-- transition tables, instead of once per row: a 1,000-row import batch refreshes once.
-- Updates keep row triggers (UPDATE OF cannot have transition tables, and updates are
-- single-row edits and merges).
DROP TRIGGER IF EXISTS applications_refresh_likely_duplicates ON applications;
--> statement-breakpoint
CREATE TRIGGER applications_refresh_likely_duplicates
  AFTER UPDATE OF applicant_id ON applications
  FOR EACH ROW EXECUTE FUNCTION applications_refresh_likely_duplicates();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION applications_refresh_likely_duplicates_inserted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    PERFORM refresh_likely_duplicates(ARRAY(SELECT DISTINCT applicant_id FROM new_rows));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER applications_refresh_likely_duplicates_inserted
  AFTER INSERT ON applications
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION applications_refresh_likely_duplicates_inserted();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION applications_refresh_likely_duplicates_deleted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    PERFORM refresh_likely_duplicates(ARRAY(SELECT DISTINCT applicant_id FROM old_rows));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER applications_refresh_likely_duplicates_deleted
  AFTER DELETE ON applications
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION applications_refresh_likely_duplicates_deleted();
--> statement-breakpoint
DROP TRIGGER IF EXISTS applicants_refresh_likely_duplicates ON applicants;
--> statement-breakpoint
CREATE TRIGGER applicants_refresh_likely_duplicates
  AFTER UPDATE OF prisoner_number, merged_into_id ON applicants
  FOR EACH ROW EXECUTE FUNCTION applicants_refresh_likely_duplicates();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION applicants_refresh_likely_duplicates_inserted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    -- New applicants have no applications yet; what can change is the flag of applications
    -- of earlier applicants who share a new prisoner number.
    PERFORM refresh_likely_duplicates(ARRAY(
      SELECT q.id FROM applicants q
      WHERE q.prisoner_number IN (
        SELECT DISTINCT n.prisoner_number FROM new_rows n WHERE n.prisoner_number IS NOT NULL)));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER applicants_refresh_likely_duplicates_inserted
  AFTER INSERT ON applicants
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION applicants_refresh_likely_duplicates_inserted();
--> statement-breakpoint
-- The queue's state-and-channel pages and their capped counts, read from the index alone.
CREATE INDEX IF NOT EXISTS applications_state_channel_idx
  ON applications (state, channel, received_on DESC NULLS LAST, id) INCLUDE (organisation_id);

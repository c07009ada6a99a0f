ALTER TABLE "applications" ADD COLUMN "likely_duplicate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Intake queue at network scale. See the queue's report: each part is measured on 1,000,000 applications.
-- 1. Row-level security evaluated once per statement instead of once per row: the organisations in
--    which the acting user holds a permission, as an array, called from a scalar subquery (an InitPlan).
CREATE OR REPLACE FUNCTION app_permitted_org_ids(perm text) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT coalesce(array_agg(DISTINCT m.organisation_id), '{}')
    FROM memberships m
    JOIN role_permissions rp ON rp.role_key = m.role_key
    JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
    WHERE m.user_id = app_user_id()
      AND rp.permission_key = perm
      AND m.starts_on <= current_date
      AND (m.ends_on IS NULL OR m.ends_on > current_date)
  $$;
--> statement-breakpoint
ALTER POLICY app_read ON applications
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:application:any'))::uuid[]));
--> statement-breakpoint
ALTER POLICY app_write ON applications
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:application:any'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:application:any'))::uuid[]));
--> statement-breakpoint
ALTER POLICY app_read ON applicants
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:application:any'))::uuid[]));
--> statement-breakpoint
ALTER POLICY app_write ON applicants
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:application:any'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:application:any'))::uuid[]));
--> statement-breakpoint
-- 2. Names through the trigram index. Under row-level security PostgreSQL uses an index only for
--    leakproof operators, and LIKE and pg_trgm's operators are not, so a name search as
--    clearname_app reads every applicant. These run as the owner and check the permission themselves.
CREATE OR REPLACE FUNCTION app_applicants_by_name(words text[], max_rows int) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.id FROM applicants a
    WHERE a.names_text LIKE '%' || words[1] || '%'
      AND a.names_text LIKE ALL (SELECT '%' || w || '%' FROM unnest(words) w)
      AND a.merged_into_id IS NULL
      AND a.organisation_id = ANY ((SELECT app_permitted_org_ids('view:application:any'))::uuid[])
    LIMIT max_rows
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_applicants_similar_to(phrase text, max_rows int) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.id FROM applicants a
    WHERE a.names_text %> phrase
      AND a.merged_into_id IS NULL
      AND a.organisation_id = ANY ((SELECT app_permitted_org_ids('view:application:any'))::uuid[])
    LIMIT max_rows
  $$;
--> statement-breakpoint
-- 3. Who applications can be assigned to, and the names of assignees, for anyone who may see
--    applications (an intake officer otherwise sees only their own user row).
CREATE OR REPLACE FUNCTION app_application_staff() RETURNS TABLE (id uuid, name text, current boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.name,
      u.disabled_at IS NULL AND bool_or(m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date))
    FROM users u
    JOIN memberships m ON m.user_id = u.id
    JOIN role_permissions rp ON rp.role_key = m.role_key AND rp.permission_key = 'view:application:any'
    WHERE app_has_permission('view:application:any')
    GROUP BY u.id, u.name, u.disabled_at
  $$;
--> statement-breakpoint
-- 4. Merging applicants re-files their correspondence and documents.
GRANT UPDATE (applicant_id) ON correspondence, documents TO clearname_app;
--> statement-breakpoint
CREATE POLICY app_refile ON correspondence FOR UPDATE TO clearname_app
  USING (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id))
  WITH CHECK (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
CREATE POLICY app_refile ON documents FOR UPDATE TO clearname_app
  USING (app_has_permission('manage:application:any')
    AND (EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id) OR EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id)))
  WITH CHECK (app_has_permission('manage:application:any')
    AND (EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id) OR EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id)));
--> statement-breakpoint
-- 5. Indexes for the queue's counts, sorts and filters.
DROP INDEX IF EXISTS applications_queue_idx;
--> statement-breakpoint
CREATE INDEX applications_queue_idx ON applications (state, received_on DESC NULLS LAST, id) INCLUDE (organisation_id);
--> statement-breakpoint
CREATE INDEX applications_ack_due_idx ON applications (acknowledgement_due_on, id);
--> statement-breakpoint
CREATE INDEX applications_state_due_idx ON applications (state, acknowledgement_due_on, id);
--> statement-breakpoint
CREATE INDEX applications_ack_pending_idx ON applications (acknowledgement_due_on, id)
  WHERE acknowledged_on IS NULL AND state NOT IN ('assessed', 'closed');
--> statement-breakpoint
CREATE INDEX applicants_establishment_idx ON applicants (current_establishment_id);
--> statement-breakpoint
-- 6. "Has a likely duplicate", kept up to date so the queue can filter on it through an index:
--    the applicant has another application, or another unmerged applicant has the same prisoner number.
-- (the likely_duplicate column is added above)
SELECT 1;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_likely_duplicates(applicant_ids uuid[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE applications a SET likely_duplicate = d.dup
    FROM (
      SELECT p.id,
        EXISTS (SELECT 1 FROM applications o WHERE o.applicant_id = p.id OFFSET 1)
        OR (p.prisoner_number IS NOT NULL AND EXISTS (
          SELECT 1 FROM applicants q
          WHERE q.prisoner_number = p.prisoner_number AND q.id <> p.id AND q.merged_into_id IS NULL)) AS dup
      FROM applicants p WHERE p.id = ANY (applicant_ids)
    ) d
    WHERE a.applicant_id = d.id AND a.likely_duplicate IS DISTINCT FROM d.dup
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION applications_refresh_likely_duplicates() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    PERFORM refresh_likely_duplicates(array_remove(ARRAY[
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.applicant_id END,
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.applicant_id END], NULL));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER applications_refresh_likely_duplicates
  AFTER INSERT OR DELETE OR UPDATE OF applicant_id ON applications
  FOR EACH ROW EXECUTE FUNCTION applications_refresh_likely_duplicates();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION applicants_refresh_likely_duplicates() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    PERFORM refresh_likely_duplicates(ARRAY(
      SELECT q.id FROM applicants q
      WHERE q.id = NEW.id
         OR q.prisoner_number IN (NEW.prisoner_number, CASE WHEN TG_OP = 'UPDATE' THEN OLD.prisoner_number END)));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER applicants_refresh_likely_duplicates
  AFTER INSERT OR UPDATE OF prisoner_number, merged_into_id ON applicants
  FOR EACH ROW EXECUTE FUNCTION applicants_refresh_likely_duplicates();
--> statement-breakpoint
SELECT refresh_likely_duplicates(ARRAY(SELECT id FROM applicants));
--> statement-breakpoint
CREATE INDEX applications_duplicate_received_idx ON applications (received_on DESC NULLS LAST, id) WHERE likely_duplicate;
--> statement-breakpoint
CREATE INDEX applications_duplicate_queue_idx ON applications (state, received_on DESC NULLS LAST, id) WHERE likely_duplicate;

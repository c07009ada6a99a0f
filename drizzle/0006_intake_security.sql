-- Intake: row-level security, the names used for matching, and application references.
-- Applications and applicants belong to the network: its staff with the permission see them;
-- member projects see nothing here (a referred case is copied into the project later).
CREATE OR REPLACE FUNCTION applicants_names_text() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.names_text := lower(concat_ws(' ', NEW.full_name, array_to_string(NEW.aliases, ' ')));
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER applicants_names_text BEFORE INSERT OR UPDATE OF full_name, aliases ON applicants
  FOR EACH ROW EXECUTE FUNCTION applicants_names_text();
--> statement-breakpoint
-- The network organisation, whoever is asking (applications always belong to it).
CREATE OR REPLACE FUNCTION app_network_id() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM organisations WHERE kind = 'network' ORDER BY created_at LIMIT 1 $$;
--> statement-breakpoint
-- Hands out `n` consecutive numbers for `yr` and returns the first; atomic under concurrency.
CREATE OR REPLACE FUNCTION next_application_numbers(yr int, n int) RETURNS int
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    last_number int;
  BEGIN
    IF current_user = 'clearname_app' AND NOT app_has_permission('manage:application:any') THEN
      RAISE EXCEPTION 'not allowed to record applications' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO reference_counters (year, last) VALUES (yr, n)
      ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + n
      RETURNING last INTO last_number;
    RETURN last_number - n + 1;
  END
  $$;
--> statement-breakpoint
INSERT INTO settings (key, value) VALUES ('acknowledgement_target_working_days', '10') ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE establishments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE establishments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON establishments TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON establishments FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_write ON establishments FOR ALL TO clearname_app
  USING (app_has_permission('manage:establishment:any'))
  WITH CHECK (app_has_permission('manage:establishment:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON establishments TO clearname_app;
--> statement-breakpoint
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON settings TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON settings FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_write ON settings FOR ALL TO clearname_app
  USING (app_has_permission('manage:settings:any'))
  WITH CHECK (app_has_permission('manage:settings:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON settings TO clearname_app;
--> statement-breakpoint
ALTER TABLE applicants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applicants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON applicants TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON applicants FOR SELECT TO clearname_app
  USING (app_has_permission('view:application:any', organisation_id));
--> statement-breakpoint
CREATE POLICY app_write ON applicants FOR ALL TO clearname_app
  USING (app_has_permission('manage:application:any', organisation_id))
  WITH CHECK (app_has_permission('manage:application:any', organisation_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON applicants TO clearname_app;
--> statement-breakpoint
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON applications TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON applications FOR SELECT TO clearname_app
  USING (app_has_permission('view:application:any', organisation_id));
--> statement-breakpoint
CREATE POLICY app_write ON applications FOR ALL TO clearname_app
  USING (app_has_permission('manage:application:any', organisation_id))
  WITH CHECK (app_has_permission('manage:application:any', organisation_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON applications TO clearname_app;
--> statement-breakpoint
-- Tables that hang off an applicant or application follow their parent's visibility.
ALTER TABLE applicant_moves ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applicant_moves FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON applicant_moves TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON applicant_moves FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
CREATE POLICY app_write ON applicant_moves FOR ALL TO clearname_app
  USING (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id))
  WITH CHECK (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON applicant_moves TO clearname_app;
--> statement-breakpoint
ALTER TABLE representatives ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE representatives FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON representatives TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON representatives FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
CREATE POLICY app_write ON representatives FOR ALL TO clearname_app
  USING (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id))
  WITH CHECK (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON representatives TO clearname_app;
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON documents TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON documents FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id)
      OR EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id));
--> statement-breakpoint
CREATE POLICY app_insert ON documents FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('manage:application:any'));
--> statement-breakpoint
GRANT SELECT, INSERT ON documents TO clearname_app;
--> statement-breakpoint
ALTER TABLE application_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE application_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON application_links TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON application_links FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id));
--> statement-breakpoint
CREATE POLICY app_write ON application_links FOR ALL TO clearname_app
  USING (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id))
  WITH CHECK (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON application_links TO clearname_app;
--> statement-breakpoint
ALTER TABLE correspondence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE correspondence FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON correspondence TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON correspondence FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
CREATE POLICY app_insert ON correspondence FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('manage:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
GRANT SELECT, INSERT ON correspondence TO clearname_app;
--> statement-breakpoint
ALTER TABLE import_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE import_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON import_runs TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON import_runs FOR ALL TO clearname_app
  USING (app_has_permission('import:application:any'))
  WITH CHECK (app_has_permission('import:application:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON import_runs TO clearname_app;
--> statement-breakpoint
-- Online drafts and reference counters: the public application and the numbering run as
-- the owner (no one is signed in), so the app role gets nothing here.
ALTER TABLE application_drafts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE application_drafts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON application_drafts TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE reference_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reference_counters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON reference_counters TO CURRENT_USER USING (true) WITH CHECK (true);

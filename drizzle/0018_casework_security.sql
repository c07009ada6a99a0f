-- Casework. A project's leads ("manage:case:own") see and run all its cases; a caseworker
-- ("view:case:own") sees only the cases whose team they are on today. The working file (lines,
-- evidence, papers, chronology, people, notes, reviews, time, correspondence, applications) is
-- read and written by those who see the case in their own project; the network never sees it.
UPDATE case_lines SET status = CASE status WHEN 'open' THEN 'not_started' WHEN 'dropped' THEN 'abandoned' ELSE status END
  WHERE status IN ('open', 'dropped');
--> statement-breakpoint
-- Whether the acting user is on a case's team today (bypasses case_team's own policies,
-- which look at cases: a policy on cases cannot query case_team under RLS without recursing).
CREATE OR REPLACE FUNCTION app_on_case_team(case_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM case_team t
      WHERE t.case_id = app_on_case_team.case_id AND t.user_id = app_user_id()
        AND t.starts_on <= current_date AND (t.ends_on IS NULL OR t.ends_on > current_date))
  $$;
--> statement-breakpoint
ALTER POLICY app_read ON cases
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])
      OR (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) AND app_on_case_team(id))
      OR cardinality((SELECT app_permitted_org_ids('view:application:any'))::uuid[]) > 0);
--> statement-breakpoint
ALTER TABLE case_team ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_team FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_team TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_team FOR SELECT TO clearname_app
  USING (user_id = app_user_id() OR EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_team FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_team TO clearname_app;
--> statement-breakpoint
ALTER TABLE evidence_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE evidence_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON evidence_items TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON evidence_items FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON evidence_items FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON evidence_items TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_papers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_papers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_papers TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_papers FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_papers FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_papers TO clearname_app;
--> statement-breakpoint
ALTER TABLE paper_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE paper_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON paper_requests TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON paper_requests FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON paper_requests FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON paper_requests TO clearname_app;
--> statement-breakpoint
ALTER TABLE chronology_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE chronology_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON chronology_events TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON chronology_events FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON chronology_events FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON chronology_events TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_people FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_people TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_people FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_people FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_people TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_notes TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_notes FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_notes FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_notes TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_reviews TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_reviews FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_reviews FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_reviews TO clearname_app;
--> statement-breakpoint
ALTER TABLE time_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE time_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON time_entries TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON time_entries FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON time_entries FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON time_entries TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_correspondence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_correspondence FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_correspondence TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_correspondence FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_correspondence FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_correspondence TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_stage_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_stage_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_stage_events TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_stage_events FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON case_stage_events FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_stage_events TO clearname_app;
--> statement-breakpoint
ALTER TABLE review_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE review_applications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON review_applications TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON review_applications FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_write ON review_applications FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON review_applications TO clearname_app;
--> statement-breakpoint
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE people FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON people TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON people FOR SELECT TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]));
--> statement-breakpoint
CREATE POLICY app_write ON people FOR ALL TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON people TO clearname_app;
--> statement-breakpoint
-- The team works the lines of investigation and adds documents, not only the leads.
CREATE POLICY app_team_write ON case_lines FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]))) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_team_write ON case_documents FOR INSERT TO clearname_app
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_team_write ON cases FOR UPDATE TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) AND app_on_case_team(id))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) AND app_on_case_team(id));
--> statement-breakpoint
GRANT DELETE ON case_lines TO clearname_app;
--> statement-breakpoint
-- Only a lead signs off a note, and a signed-off note does not change.
CREATE OR REPLACE FUNCTION case_notes_sign_off_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    org uuid;
  BEGIN
    IF current_user <> 'clearname_app' THEN RETURN NEW; END IF;
    SELECT organisation_id INTO org FROM cases WHERE id = NEW.case_id;
    IF TG_OP = 'UPDATE' AND OLD.signed_off_at IS NOT NULL THEN
      RAISE EXCEPTION 'a signed-off note cannot be changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.signed_off_by IS NOT NULL AND (NEW.signed_off_by <> app_user_id()
        OR NOT app_has_permission('manage:case:own', org)) THEN
      RAISE EXCEPTION 'only a lead signs off notes' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER case_notes_sign_off_guard BEFORE INSERT OR UPDATE ON case_notes
  FOR EACH ROW EXECUTE FUNCTION case_notes_sign_off_guard();
--> statement-breakpoint
-- Full-text search over what the team wrote and the documents' text.
ALTER TABLE case_documents ADD COLUMN search tsvector GENERATED ALWAYS AS
  (to_tsvector('english', coalesce(filename, '') || ' ' || coalesce(description, '') || ' ' || coalesce(extracted_text, ''))) STORED;
--> statement-breakpoint
CREATE INDEX case_documents_search_idx ON case_documents USING gin (search);
--> statement-breakpoint
ALTER TABLE case_notes ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED;
--> statement-breakpoint
CREATE INDEX case_notes_search_idx ON case_notes USING gin (search);
--> statement-breakpoint
ALTER TABLE evidence_items ADD COLUMN search tsvector GENERATED ALWAYS AS
  (to_tsvector('english', description || ' ' || source || ' ' || how_challenged)) STORED;
--> statement-breakpoint
CREATE INDEX evidence_items_search_idx ON evidence_items USING gin (search);
--> statement-breakpoint
ALTER TABLE chronology_events ADD COLUMN search tsvector GENERATED ALWAYS AS
  (to_tsvector('english', description || ' ' || source)) STORED;
--> statement-breakpoint
CREATE INDEX chronology_events_search_idx ON chronology_events USING gin (search);
--> statement-breakpoint
-- The names of a case's team, for those who see the case (a caseworker cannot read other
-- users' rows).
CREATE OR REPLACE FUNCTION app_case_team_names(case_id uuid) RETURNS TABLE (user_id uuid, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.name FROM case_team t JOIN users u ON u.id = t.user_id
    WHERE t.case_id = app_case_team_names.case_id
      AND (app_on_case_team(app_case_team_names.case_id)
        OR app_has_permission('manage:case:own',
             (SELECT c.organisation_id FROM cases c WHERE c.id = app_case_team_names.case_id)))
  $$;

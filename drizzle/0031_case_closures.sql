CREATE TABLE "case_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reasons" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"from_stage" text NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reopened_by" uuid,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text
);
--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_closures_case_idx" ON "case_closures" USING btree ("case_id","closed_at");--> statement-breakpoint
-- Closing a case (docs/decisions/027-closing-a-case.md). The project's leads write closings
-- and reopenings; whoever sees the case in their own project reads them.
ALTER TABLE case_closures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_closures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_closures TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_closures FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_insert ON case_closures FOR INSERT TO clearname_app
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_update ON case_closures FOR UPDATE TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_closures TO clearname_app;
--> statement-breakpoint
-- Whether a case is closed, read past row-level security (the trigger below must see the case
-- whoever writes).
CREATE OR REPLACE FUNCTION app_case_is_closed(case_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = app_case_is_closed.case_id AND c.stage = 'closed') $$;
--> statement-breakpoint
-- A closed case's working file is read-only for the application: no row of it is added,
-- changed or removed. Work done with owner rights (erasure at the end of retention, migrations)
-- is not the application's and passes. Not SECURITY DEFINER: it asks who is writing.
CREATE OR REPLACE FUNCTION app_refuse_closed_case_write() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
  DECLARE
    target uuid;
  BEGIN
    IF current_user <> 'clearname_app' THEN
      RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'DELETE' THEN target := OLD.case_id; ELSE target := NEW.case_id; END IF;
    IF app_case_is_closed(target) OR (TG_OP = 'UPDATE' AND app_case_is_closed(OLD.case_id)) THEN
      RAISE EXCEPTION 'case % is closed: its file cannot change until a lead reopens it', target
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN COALESCE(NEW, OLD);
  END;
  $$;
--> statement-breakpoint
CREATE TRIGGER case_team_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_team FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER evidence_items_closed_case BEFORE INSERT OR UPDATE OR DELETE ON evidence_items FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_papers_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_papers FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER paper_requests_closed_case BEFORE INSERT OR UPDATE OR DELETE ON paper_requests FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER chronology_events_closed_case BEFORE INSERT OR UPDATE OR DELETE ON chronology_events FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_people_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_people FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_notes_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_notes FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_reviews_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_reviews FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER time_entries_closed_case BEFORE INSERT OR UPDATE OR DELETE ON time_entries FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_correspondence_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_correspondence FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_stage_events_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_stage_events FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER review_applications_closed_case BEFORE INSERT OR UPDATE OR DELETE ON review_applications FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_reports_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_reports FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_lines_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_lines FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
CREATE TRIGGER case_documents_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_documents FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
-- The case row itself: only a lead of its project closes it, and a closed case changes only
-- by a lead's reopening (its stage leaves "closed").
CREATE OR REPLACE FUNCTION app_guard_case_closing() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
  DECLARE
    leads boolean;
  BEGIN
    IF current_user <> 'clearname_app' THEN
      RETURN NEW;
    END IF;
    IF OLD.stage <> 'closed' AND NEW.stage <> 'closed' THEN
      RETURN NEW;
    END IF;
    leads := NEW.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[]);
    IF OLD.stage = 'closed' AND NEW.stage = 'closed' THEN
      RAISE EXCEPTION 'case % is closed: it cannot change until a lead reopens it', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF NOT leads THEN
      RAISE EXCEPTION 'only a lead of the case''s project can close or reopen case %', OLD.id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END;
  $$;
--> statement-breakpoint
CREATE TRIGGER cases_guard_closing BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION app_guard_case_closing();

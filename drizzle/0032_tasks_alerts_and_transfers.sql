CREATE TABLE "quiet_case_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"quiet_since" timestamp with time zone NOT NULL,
	"days" integer NOT NULL,
	"alerted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"application_id" uuid,
	"case_id" uuid,
	"assignee_id" uuid NOT NULL,
	"set_by" uuid,
	"what" text NOT NULL,
	"due_on" date NOT NULL,
	"source" text DEFAULT 'person' NOT NULL,
	"reminded_for" date,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tasks_one_subject" CHECK (("tasks"."application_id" is null) <> ("tasks"."case_id" is null))
);
--> statement-breakpoint
CREATE TABLE "case_client_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"establishment_id" uuid,
	"establishment_name" text,
	"postal_address" text,
	"from_date" date NOT NULL,
	"source" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applicant_moves" ADD COLUMN "source" text DEFAULT 'network' NOT NULL;--> statement-breakpoint
ALTER TABLE "quiet_case_alerts" ADD CONSTRAINT "quiet_case_alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_client_moves" ADD CONSTRAINT "case_client_moves_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_client_moves" ADD CONSTRAINT "case_client_moves_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_client_moves" ADD CONSTRAINT "case_client_moves_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quiet_case_alerts_key" ON "quiet_case_alerts" USING btree ("case_id","quiet_since");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id","due_on");--> statement-breakpoint
CREATE INDEX "tasks_application_idx" ON "tasks" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "tasks_case_idx" ON "tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_client_moves_case_idx" ON "case_client_moves" USING btree ("case_id","from_date");--> statement-breakpoint
-- Tasks (docs/decisions/029-tasks-alerts-and-transfers.md). A task is the work of one
-- organisation: only its current members see it, and of them only the assignee, whoever set
-- it, and those who see its application or case. It is set by a member for a colleague in
-- the same organisation, on that organisation's application or case.
CREATE OR REPLACE FUNCTION app_user_in_org(person uuid, org uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
      WHERE m.user_id = person AND m.organisation_id = org
        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date))
  $$;
--> statement-breakpoint
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON tasks TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON tasks FOR SELECT TO clearname_app
  USING (organisation_id IN (SELECT app_member_org_ids())
    AND (assignee_id = app_user_id() OR set_by = app_user_id()
      OR (case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id
            AND c.organisation_id = tasks.organisation_id
            AND (app_has_permission('manage:case:own', c.organisation_id) OR app_on_case_team(c.id))))
      OR (application_id IS NOT NULL AND app_has_permission('view:application:any', organisation_id))));
--> statement-breakpoint
CREATE POLICY app_insert ON tasks FOR INSERT TO clearname_app
  WITH CHECK (set_by = app_user_id()
    AND organisation_id IN (SELECT app_member_org_ids())
    AND app_user_in_org(assignee_id, organisation_id)
    AND ((case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = tasks.organisation_id))
      OR (application_id IS NOT NULL AND EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id AND a.organisation_id = tasks.organisation_id))));
--> statement-breakpoint
CREATE POLICY app_update ON tasks FOR UPDATE TO clearname_app
  USING (organisation_id IN (SELECT app_member_org_ids()) AND (assignee_id = app_user_id() OR set_by = app_user_id()))
  WITH CHECK (organisation_id IN (SELECT app_member_org_ids()) AND app_user_in_org(assignee_id, organisation_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON tasks TO clearname_app;
--> statement-breakpoint
-- Who a task on this application or case may be set for: current members of the organisation
-- who can see it (on a case: its leads and its team today; on an application: the network's
-- staff who view applications). Only a member of the organisation may ask.
CREATE OR REPLACE FUNCTION app_task_assignees(org uuid, on_case uuid) RETURNS TABLE (id uuid, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT u.id, u.name
    FROM memberships m
    JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
    JOIN role_permissions rp ON rp.role_key = m.role_key
    WHERE app_user_in_org(app_user_id(), org)
      AND m.organisation_id = org
      AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
      AND CASE WHEN on_case IS NULL THEN rp.permission_key = 'view:application:any'
        ELSE rp.permission_key = 'manage:case:own'
          OR (rp.permission_key = 'view:case:own' AND EXISTS (SELECT 1 FROM case_team t
            WHERE t.case_id = on_case AND t.user_id = u.id
              AND t.starts_on <= current_date AND (t.ends_on IS NULL OR t.ends_on > current_date)))
        END
  $$;
--> statement-breakpoint
-- Tells a task's assignee it was set: a notification in the app, and their name and address
-- for the e-mail beside it. Only whoever set the task may ask.
CREATE OR REPLACE FUNCTION app_notify_task(task uuid, title text, body text, link text) RETURNS TABLE (email text, name text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    t tasks;
  BEGIN
    SELECT * INTO t FROM tasks WHERE tasks.id = task;
    IF t.id IS NULL OR t.set_by IS DISTINCT FROM app_user_id() THEN
      RAISE EXCEPTION 'not allowed to notify of this task' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO notifications (user_id, title, body, link) VALUES (t.assignee_id, title, body, link);
    RETURN QUERY SELECT u.email, u.name FROM users u WHERE u.id = t.assignee_id AND u.disabled_at IS NULL;
  END
  $$;
--> statement-breakpoint
-- Quiet-case alerts are kept by the housekeeping alone.
ALTER TABLE quiet_case_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE quiet_case_alerts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON quiet_case_alerts TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
-- A client's moves as the case knows them: read by those who see the case's working file;
-- written by the project's team, and by the disclosure functions below.
ALTER TABLE case_client_moves ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_client_moves FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_client_moves TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_client_moves FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT ON case_client_moves TO clearname_app;
--> statement-breakpoint
-- Passes a client's move to every active case of the applicant: the case's copy of where they
-- are (and their postal address, when one is given) and a line of history. Called only by the
-- two functions below, never by the app directly.
CREATE OR REPLACE FUNCTION client_move_to_cases(person uuid, place uuid, address text, from_day date,
    came_from text, by_user uuid) RETURNS TABLE (case_id uuid, organisation_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    place_name text;
  BEGIN
    SELECT e.name INTO place_name FROM establishments e WHERE e.id = place;
    RETURN QUERY
    WITH moved AS (
      UPDATE cases k
        SET applicant = k.applicant
          || jsonb_build_object('establishment', place_name, 'establishmentId', place)
          || CASE WHEN address IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('postalAddress', address) END,
          updated_at = now(), version = k.version + 1
      FROM applications a
      WHERE a.id = k.application_id AND a.applicant_id = person
        AND k.stage IN ('open', 'investigating', 'application_drafted', 'submitted', 'acknowledged',
          'under_review', 'provisional_statement', 'review_decided', 'appeal', 'concluded')
      RETURNING k.id, k.organisation_id
    ), logged AS (
      INSERT INTO case_client_moves (case_id, establishment_id, establishment_name, postal_address, from_date, source, recorded_by)
        SELECT moved.id, place, place_name, address, from_day, came_from, by_user FROM moved
    )
    SELECT moved.id, moved.organisation_id FROM moved;
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION client_move_to_cases(uuid, uuid, text, date, text, uuid) FROM PUBLIC;
--> statement-breakpoint
-- The network recorded a move on its applicant (intake, which may change applicants): each
-- project working a case of theirs is told where they are now. Reads the move from the
-- applicant's own record, so only what the network holds is passed on.
CREATE OR REPLACE FUNCTION app_disclose_move_to_projects(person uuid, from_day date)
    RETURNS TABLE (case_id uuid, organisation_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    p applicants;
  BEGIN
    SELECT * INTO p FROM applicants WHERE applicants.id = person;
    IF p.id IS NULL OR NOT app_has_permission('manage:application:any', p.organisation_id) THEN
      RAISE EXCEPTION 'not allowed to pass on this move' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY SELECT * FROM client_move_to_cases(p.id, p.current_establishment_id,
      CASE WHEN p.current_establishment_id IS NULL THEN p.postal_address END, from_day, 'network', app_user_id());
  END
  $$;
--> statement-breakpoint
-- A project's team recorded a move on its case's client: the network's applicant follows (its
-- current establishment, a line in its moves, the postal address when released), and so does
-- every other active case of theirs. Returns the applicant and the network for the audit trail.
CREATE OR REPLACE FUNCTION app_disclose_move_to_network(on_case uuid, place uuid, address text, from_day date)
    RETURNS TABLE (applicant_id uuid, network_id uuid, case_ids uuid[])
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    c cases;
    person uuid;
    net uuid;
    last_move date;
    reached uuid[];
  BEGIN
    SELECT * INTO c FROM cases WHERE cases.id = on_case;
    IF c.id IS NULL OR NOT (app_has_permission('manage:case:own', c.organisation_id)
        OR (app_has_permission('view:case:own', c.organisation_id) AND app_on_case_team(c.id))) THEN
      RAISE EXCEPTION 'not allowed to record a move on this case' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT a.applicant_id, a.organisation_id INTO person, net FROM applications a WHERE a.id = c.application_id;
    SELECT max(m.from_date) INTO last_move FROM applicant_moves m WHERE m.applicant_id = person;
    IF last_move IS NOT NULL AND from_day < last_move THEN
      RAISE EXCEPTION 'move before the last recorded move, on %', last_move USING ERRCODE = 'check_violation';
    END IF;
    UPDATE applicants SET current_establishment_id = place,
        postal_address = coalesce(address, postal_address),
        updated_at = now(), version = version + 1
      WHERE id = person;
    UPDATE applicant_moves SET to_date = from_day WHERE applicant_moves.applicant_id = person AND to_date IS NULL;
    IF place IS NOT NULL THEN
      INSERT INTO applicant_moves (applicant_id, establishment_id, from_date, source)
        VALUES (person, place, from_day, 'project');
    END IF;
    SELECT array_agg(m.case_id) INTO reached
      FROM client_move_to_cases(person, place, address, from_day, 'project', app_user_id()) m;
    RETURN QUERY SELECT person, net, coalesce(reached, '{}'::uuid[]);
  END
  $$;
--> statement-breakpoint
-- The names of people in the viewer's own organisations (who set a task, who it is for): the
-- users table itself stays closed to caseworkers.
CREATE OR REPLACE FUNCTION app_colleague_names(ids uuid[]) RETURNS TABLE (user_id uuid, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.name FROM users u
    WHERE u.id = ANY (ids)
      AND EXISTS (SELECT 1 FROM memberships m
        WHERE m.user_id = u.id AND m.organisation_id IN (SELECT app_member_org_ids()))
  $$;

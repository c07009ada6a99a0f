-- Row-level security: requests run as clearname_app with app.user_id set per transaction.
-- The owning role (migrations, sign-in, jobs) keeps full access through its own policy,
-- so FORCE does not lock it out. Every table in this schema is listed here; a test
-- (tests/integration/row-level-security.test.ts) fails if a table is left without RLS.
-- Reference tables: readable by everyone signed in, written only by the owner.
ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE roles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON roles TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON roles FOR SELECT TO clearname_app USING (true);
--> statement-breakpoint
GRANT SELECT ON roles TO clearname_app;
--> statement-breakpoint
ALTER TABLE permissions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE permissions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON permissions TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON permissions FOR SELECT TO clearname_app USING (true);
--> statement-breakpoint
GRANT SELECT ON permissions TO clearname_app;
--> statement-breakpoint
ALTER TABLE role_permissions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE role_permissions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON role_permissions TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON role_permissions FOR SELECT TO clearname_app USING (true);
--> statement-breakpoint
GRANT SELECT ON role_permissions TO clearname_app;
--> statement-breakpoint
-- Organisations: network staff see every organisation, anyone else those they belong to
-- (the same rule as app/organisations/policies.ts). The network's administrators create
-- and change any, a project's lead or administrator their own.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON organisations TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON organisations FOR SELECT TO clearname_app
  USING (app_has_permission('view:organisation:any') OR id IN (SELECT app_member_org_ids()));
--> statement-breakpoint
CREATE POLICY app_insert ON organisations FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('manage:organisation:any'));
--> statement-breakpoint
CREATE POLICY app_update ON organisations FOR UPDATE TO clearname_app
  USING (app_has_permission('manage:organisation:any') OR app_has_permission('manage:organisation:own', id))
  WITH CHECK (app_has_permission('manage:organisation:any') OR app_has_permission('manage:organisation:own', id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON organisations TO clearname_app;
--> statement-breakpoint
-- Memberships: your own, all of them for the network's administrators, and those of
-- an organisation where you may see its members.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON memberships TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON memberships FOR SELECT TO clearname_app
  USING (
    user_id = app_user_id()
    OR app_has_permission('manage:membership:any')
    OR app_has_permission('view:membership:own', organisation_id)
  );
--> statement-breakpoint
CREATE POLICY app_write ON memberships FOR ALL TO clearname_app
  USING (app_has_permission('manage:membership:any') OR app_has_permission('manage:membership:own', organisation_id))
  WITH CHECK (app_has_permission('manage:membership:any') OR app_has_permission('manage:membership:own', organisation_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO clearname_app;
--> statement-breakpoint
-- Users: yourself; everyone for the network's administrators; the members of an
-- organisation where you may see its members. Creating users is for those who manage
-- memberships; changing a user is for themselves and the network's administrators.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON users TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON users FOR SELECT TO clearname_app
  USING (
    id = app_user_id()
    OR app_has_permission('manage:user:any')
    OR EXISTS (
      SELECT 1 FROM memberships m
      WHERE m.user_id = users.id AND app_has_permission('view:membership:own', m.organisation_id)
    )
  );
--> statement-breakpoint
CREATE POLICY app_insert ON users FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('manage:user:any') OR app_has_permission('manage:membership:own'));
--> statement-breakpoint
CREATE POLICY app_update ON users FOR UPDATE TO clearname_app
  USING (id = app_user_id() OR app_has_permission('manage:user:any'))
  WITH CHECK (id = app_user_id() OR app_has_permission('manage:user:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO clearname_app;
--> statement-breakpoint
-- Audit trail: anyone acting may append events in their own name; only the network's
-- administrators and data-protection officer read it. No UPDATE or DELETE grant exists,
-- and a trigger refuses them for the owner too.
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON audit_events TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON audit_events FOR SELECT TO clearname_app
  USING (app_has_permission('view:audit:any'));
--> statement-breakpoint
CREATE POLICY app_append ON audit_events FOR INSERT TO clearname_app
  WITH CHECK (actor_user_id IS NOT DISTINCT FROM app_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO clearname_app;
--> statement-breakpoint
-- Outbox: anyone acting may queue mail; only the network's administrators read it.
ALTER TABLE email_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON email_outbox TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON email_outbox FOR SELECT TO clearname_app
  USING (app_has_permission('view:outbox:any'));
--> statement-breakpoint
CREATE POLICY app_queue ON email_outbox FOR INSERT TO clearname_app
  WITH CHECK (app_user_id() IS NOT NULL);
--> statement-breakpoint
GRANT SELECT, INSERT ON email_outbox TO clearname_app;
--> statement-breakpoint
-- Sign-in machinery: the owner only (sign-in happens before anyone is acting).
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON sessions TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE password_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE password_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON password_tokens TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE sign_in_failures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sign_in_failures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON sign_in_failures TO CURRENT_USER USING (true) WITH CHECK (true);

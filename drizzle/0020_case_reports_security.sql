-- Annual case reports: the project's leads write them; the case's team reads them; the
-- network reads every one sent, for its oversight. A sent report is never changed or removed.
ALTER TABLE case_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_reports TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_reports FOR SELECT TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])
      OR (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) AND app_on_case_team(case_id))
      OR cardinality((SELECT app_permitted_org_ids('view:application:any'))::uuid[]) > 0);
--> statement-breakpoint
CREATE POLICY app_insert ON case_reports FOR INSERT TO clearname_app
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])
      AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = case_reports.organisation_id));
--> statement-breakpoint
GRANT SELECT, INSERT ON case_reports TO clearname_app;
--> statement-breakpoint
-- Reminders are sent by the housekeeping, as the owner; the app itself never reads them.
ALTER TABLE case_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_reminders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_reminders TO CURRENT_USER USING (true) WITH CHECK (true);

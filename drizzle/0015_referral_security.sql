-- Eligibility: a decided assessment is the record of a decision and does not change again.
-- The app role may set its decision letter once, in the decision's own transaction.
CREATE OR REPLACE FUNCTION assessments_decided_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status = 'decided' AND current_user = 'clearname_app'
       AND NOT (OLD.decision_letter_id IS NULL
                AND to_jsonb(NEW) - 'decision_letter_id' = to_jsonb(OLD) - 'decision_letter_id') THEN
      RAISE EXCEPTION 'a decided assessment cannot be changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER assessments_decided_immutable BEFORE UPDATE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessments_decided_immutable();
--> statement-breakpoint
-- Referral: the network's offers of eligible cases to member projects, and the projects'
-- cases made from them. A project sees only the offers made to it and the cases it owns.
SELECT 1;
--> statement-breakpoint
ALTER TABLE referral_offers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referral_offers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON referral_offers TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON referral_offers FOR SELECT TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:application:any'))::uuid[])
      OR project_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[]));
--> statement-breakpoint
CREATE POLICY app_network_write ON referral_offers FOR ALL TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('refer:application:any'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('refer:application:any'))::uuid[]));
--> statement-breakpoint
CREATE POLICY app_project_respond ON referral_offers FOR UPDATE TO clearname_app
  USING (project_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[]))
  WITH CHECK (project_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON referral_offers TO clearname_app;
--> statement-breakpoint
ALTER TABLE referral_offer_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referral_offer_documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON referral_offer_documents TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON referral_offer_documents FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM referral_offers o WHERE o.id = offer_id));
--> statement-breakpoint
CREATE POLICY app_write ON referral_offer_documents FOR INSERT TO clearname_app
  WITH CHECK (EXISTS (SELECT 1 FROM referral_offers o WHERE o.id = offer_id
    AND o.organisation_id = ANY ((SELECT app_permitted_org_ids('refer:application:any'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT ON referral_offer_documents TO clearname_app;
--> statement-breakpoint
-- The case pack: a project's lead may read the documents of an offer made to it while it is open.
CREATE POLICY app_case_pack ON documents FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM referral_offer_documents d JOIN referral_offers o ON o.id = d.offer_id
    WHERE d.document_id = documents.id AND o.status = 'offered'
      AND o.project_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[])));
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON cases TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON cases FOR SELECT TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) OR cardinality((SELECT app_permitted_org_ids('view:application:any'))::uuid[]) > 0);
--> statement-breakpoint
CREATE POLICY app_project_write ON cases FOR ALL TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[]));
--> statement-breakpoint
CREATE POLICY app_network_return ON cases FOR UPDATE TO clearname_app
  USING (cardinality((SELECT app_permitted_org_ids('refer:application:any'))::uuid[]) > 0 OR cardinality((SELECT app_permitted_org_ids('manage:organisation:any'))::uuid[]) > 0)
  WITH CHECK (cardinality((SELECT app_permitted_org_ids('refer:application:any'))::uuid[]) > 0 OR cardinality((SELECT app_permitted_org_ids('manage:organisation:any'))::uuid[]) > 0);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON cases TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_lines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_lines TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_lines FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id
      AND (c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) OR (c.shared_with_network AND cardinality((SELECT app_permitted_org_ids('view:application:any'))::uuid[]) > 0))));
--> statement-breakpoint
CREATE POLICY app_write ON case_lines FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_lines TO clearname_app;
--> statement-breakpoint
ALTER TABLE case_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_documents TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_documents FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id
      AND (c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[]) OR (c.shared_with_network AND cardinality((SELECT app_permitted_org_ids('view:application:any'))::uuid[]) > 0))));
--> statement-breakpoint
CREATE POLICY app_write ON case_documents FOR ALL TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('respond:referral:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON case_documents TO clearname_app;
--> statement-breakpoint
-- When a project closes, its cases' documents go back to the network with the case.
CREATE POLICY app_closure_read ON case_documents FOR SELECT TO clearname_app
  USING (cardinality((SELECT app_permitted_org_ids('manage:organisation:any'))::uuid[]) > 0
    AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.stage = 'returned_on_closure'));
--> statement-breakpoint
ALTER TABLE project_term_breaks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE project_term_breaks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON project_term_breaks TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON project_term_breaks FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_write ON project_term_breaks FOR ALL TO clearname_app
  USING (cardinality((SELECT app_permitted_org_ids('manage:organisation:any'))::uuid[]) > 0 OR organisation_id = ANY ((SELECT app_permitted_org_ids('manage:organisation:own'))::uuid[]))
  WITH CHECK (cardinality((SELECT app_permitted_org_ids('manage:organisation:any'))::uuid[]) > 0 OR organisation_id = ANY ((SELECT app_permitted_org_ids('manage:organisation:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON project_term_breaks TO clearname_app;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON notifications TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_own ON notifications FOR SELECT TO clearname_app USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY app_mark_read ON notifications FOR UPDATE TO clearname_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
GRANT SELECT, UPDATE (read_at) ON notifications TO clearname_app;
--> statement-breakpoint
-- Notifies every current member of an organisation who holds a permission (e.g. a project's
-- leads of an offer). Callers must hold some permission in the network or the organisation.
CREATE OR REPLACE FUNCTION app_notify(org uuid, perm text, title text, body text, link text) RETURNS int
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    n int;
  BEGIN
    IF current_user = 'clearname_app' AND app_user_id() IS NULL THEN
      RAISE EXCEPTION 'not signed in' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO notifications (user_id, title, body, link)
      SELECT DISTINCT m.user_id, title, body, link
      FROM memberships m
      JOIN role_permissions rp ON rp.role_key = m.role_key AND rp.permission_key = perm
      JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
      WHERE m.organisation_id = org
        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
  END
  $$;
--> statement-breakpoint
-- The e-mail addresses of the same people, for the e-mail beside the notification.
CREATE OR REPLACE FUNCTION app_member_emails(org uuid, perm text) RETURNS TABLE (email text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT u.email, u.name
    FROM memberships m
    JOIN role_permissions rp ON rp.role_key = m.role_key AND rp.permission_key = perm
    JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
    WHERE app_user_id() IS NOT NULL AND m.organisation_id = org
      AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
  $$;

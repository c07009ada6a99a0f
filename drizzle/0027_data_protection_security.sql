-- Data protection: each organisation is the controller of what it holds. Its officer (anyone
-- holding protect:data:own there) reads and writes its own rows only; the owner (housekeeping,
-- the sweep runner) works past row-level security.
--> statement-breakpoint
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE legal_holds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON legal_holds TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON legal_holds TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON legal_holds TO clearname_app;
--> statement-breakpoint
ALTER TABLE retention_rules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_rules FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON retention_rules TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON retention_rules TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON retention_rules TO clearname_app;
--> statement-breakpoint
ALTER TABLE retention_sweeps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_sweeps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON retention_sweeps TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON retention_sweeps TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON retention_sweeps TO clearname_app;
--> statement-breakpoint
ALTER TABLE data_subject_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE data_subject_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON data_subject_requests TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON data_subject_requests TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON data_subject_requests TO clearname_app;
--> statement-breakpoint
ALTER TABLE data_subject_request_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE data_subject_request_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON data_subject_request_items TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON data_subject_request_items TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON data_subject_request_items TO clearname_app;
--> statement-breakpoint
ALTER TABLE data_subject_bundles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE data_subject_bundles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON data_subject_bundles TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON data_subject_bundles TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT ON data_subject_bundles TO clearname_app;
--> statement-breakpoint
ALTER TABLE data_breaches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE data_breaches FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON data_breaches TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON data_breaches TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON data_breaches TO clearname_app;
--> statement-breakpoint
ALTER TABLE policy_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE policy_documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON policy_documents TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON policy_documents TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT ON policy_documents TO clearname_app;
--> statement-breakpoint
ALTER TABLE retention_sweep_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_sweep_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON retention_sweep_items TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON retention_sweep_items TO clearname_app
  USING (EXISTS (SELECT 1 FROM retention_sweeps s WHERE s.id = sweep_id))
  WITH CHECK (EXISTS (SELECT 1 FROM retention_sweeps s WHERE s.id = sweep_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON retention_sweep_items TO clearname_app;
--> statement-breakpoint
-- The list of exemptions is the network's: every officer reads it, the network's officers and
-- administrators keep it.
--> statement-breakpoint
ALTER TABLE disclosure_exemptions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disclosure_exemptions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON disclosure_exemptions TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON disclosure_exemptions FOR SELECT TO clearname_app
  USING (cardinality((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]) > 0);
--> statement-breakpoint
CREATE POLICY app_write ON disclosure_exemptions TO clearname_app
  USING (app_network_id() = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]) OR app_has_permission('manage:settings:any'))
  WITH CHECK (app_network_id() = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]) OR app_has_permission('manage:settings:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON disclosure_exemptions TO clearname_app;
--> statement-breakpoint
-- Runs of the chain check: read and recorded by whoever may read the whole trail.
--> statement-breakpoint
ALTER TABLE audit_chain_checks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_chain_checks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON audit_chain_checks TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON audit_chain_checks FOR SELECT TO clearname_app USING (app_has_permission('view:audit:any'));
--> statement-breakpoint
CREATE POLICY app_insert ON audit_chain_checks FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('view:audit:any') AND checked_by IS NOT DISTINCT FROM app_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_chain_checks TO clearname_app;
--> statement-breakpoint
-- A member project's officer reads the events about its own organisation's records.
--> statement-breakpoint
ALTER POLICY app_read ON audit_events
  USING (app_has_permission('view:audit:any')
      OR organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
-- The exemptions most relied on in answering subject access requests (DPA 2018 Sch 2-3).
--> statement-breakpoint
INSERT INTO disclosure_exemptions (label, description, sort_order) VALUES
  ('Crime and taxation', 'Disclosure would be likely to prejudice the prevention or detection of crime or the apprehension or prosecution of offenders (DPA 2018 Sch 2 para 2).', 1),
  ('Legal professional privilege', 'Information subject to legal professional privilege (DPA 2018 Sch 2 para 19).', 2),
  ('Third-party data', 'Information about another person who has not consented, where it is not reasonable to disclose it without their consent (DPA 2018 Sch 2 para 16).', 3),
  ('Management forecasts', 'Information processed for management forecasting or planning, where disclosure would prejudice the conduct of the business (DPA 2018 Sch 2 para 22).', 4),
  ('Negotiations', 'Records of the organisation''s intentions in negotiations with the requester (DPA 2018 Sch 2 para 23).', 5),
  ('Confidential references', 'References given in confidence (DPA 2018 Sch 2 para 24).', 6)
ON CONFLICT (label) DO NOTHING;

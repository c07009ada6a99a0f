-- Eligibility: assessments belong to the network like the applications they assess. Staff who
-- may see applications read them; assessors ("assess:application:any") write them, move the
-- application through assessment, and file decision letters and their correspondence.
UPDATE applications SET state = 'under_assessment' WHERE state = 'assessed';
--> statement-breakpoint
DROP INDEX IF EXISTS applications_ack_pending_idx;
--> statement-breakpoint
CREATE INDEX applications_ack_pending_idx ON applications (acknowledgement_due_on, id)
  WHERE acknowledged_on IS NULL AND state IN ('received', 'acknowledged', 'awaiting_information', 'ready_for_assessment');
--> statement-breakpoint
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE assessments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON assessments TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON assessments FOR SELECT TO clearname_app USING (organisation_id = ANY ((SELECT app_permitted_org_ids('view:application:any'))::uuid[]));
--> statement-breakpoint
CREATE POLICY app_write ON assessments FOR ALL TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('assess:application:any'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('assess:application:any'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON assessments TO clearname_app;
--> statement-breakpoint
ALTER TABLE investigation_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE investigation_lines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON investigation_lines TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON investigation_lines FOR SELECT TO clearname_app USING (EXISTS (SELECT 1 FROM assessments s WHERE s.id = assessment_id));
--> statement-breakpoint
CREATE POLICY app_write ON investigation_lines FOR ALL TO clearname_app
  USING (app_has_permission('assess:application:any') AND EXISTS (SELECT 1 FROM assessments s WHERE s.id = assessment_id))
  WITH CHECK (app_has_permission('assess:application:any') AND EXISTS (SELECT 1 FROM assessments s WHERE s.id = assessment_id));
--> statement-breakpoint
ALTER TABLE assessment_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE assessment_reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON assessment_reviews TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON assessment_reviews FOR SELECT TO clearname_app USING (EXISTS (SELECT 1 FROM assessments s WHERE s.id = assessment_id));
--> statement-breakpoint
CREATE POLICY app_write ON assessment_reviews FOR ALL TO clearname_app
  USING (app_has_permission('assess:application:any') AND EXISTS (SELECT 1 FROM assessments s WHERE s.id = assessment_id))
  WITH CHECK (app_has_permission('assess:application:any') AND EXISTS (SELECT 1 FROM assessments s WHERE s.id = assessment_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON investigation_lines TO clearname_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON assessment_reviews TO clearname_app;
--> statement-breakpoint
ALTER TABLE suspected_causes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE suspected_causes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON suspected_causes TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON suspected_causes FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_write ON suspected_causes FOR ALL TO clearname_app
  USING (app_has_permission('manage:settings:any'))
  WITH CHECK (app_has_permission('manage:settings:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON suspected_causes TO clearname_app;
--> statement-breakpoint
ALTER TABLE ineligibility_reasons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ineligibility_reasons FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON ineligibility_reasons TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON ineligibility_reasons FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_write ON ineligibility_reasons FOR ALL TO clearname_app
  USING (app_has_permission('manage:settings:any'))
  WITH CHECK (app_has_permission('manage:settings:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON ineligibility_reasons TO clearname_app;
--> statement-breakpoint
ALTER TABLE investigation_categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE investigation_categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON investigation_categories TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON investigation_categories FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_write ON investigation_categories FOR ALL TO clearname_app
  USING (app_has_permission('manage:settings:any'))
  WITH CHECK (app_has_permission('manage:settings:any'));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON investigation_categories TO clearname_app;
--> statement-breakpoint
CREATE POLICY app_assess ON applications FOR UPDATE TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('assess:application:any'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('assess:application:any'))::uuid[]));
--> statement-breakpoint
CREATE POLICY app_assessor_insert ON documents FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('assess:application:any') AND EXISTS (SELECT 1 FROM applications p WHERE p.id = application_id));
--> statement-breakpoint
CREATE POLICY app_assessor_insert ON correspondence FOR INSERT TO clearname_app
  WITH CHECK (app_has_permission('assess:application:any') AND EXISTS (SELECT 1 FROM applicants a WHERE a.id = applicant_id));
--> statement-breakpoint
-- Who may assess now: for handing over and assigning assessments (assessors cannot read
-- other users' memberships themselves).
CREATE OR REPLACE FUNCTION app_assessors() RETURNS TABLE (id uuid, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT u.id, u.name
    FROM users u
    JOIN memberships m ON m.user_id = u.id
    JOIN role_permissions rp ON rp.role_key = m.role_key AND rp.permission_key = 'assess:application:any'
    WHERE app_has_permission('view:application:any')
      AND u.disabled_at IS NULL
      AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
  $$;
--> statement-breakpoint
INSERT INTO suspected_causes (key, label, description, position) VALUES
  ('mistaken_identification', 'Mistaken witness identification', '', 0),
  ('identification_procedure', 'Identification procedure breaches', 'Breaches of PACE Code D: parades, video identification, street identification.', 1),
  ('false_confession', 'False or unreliable confession', '', 2),
  ('perjury_false_accusation', 'Perjury or false accusation', '', 3),
  ('misleading_forensics', 'False or misleading forensic evidence', '', 4),
  ('unreliable_expert', 'Unreliable expert evidence', '', 5),
  ('official_misconduct', 'Official misconduct', 'Witness tampering, interrogation misconduct, fabricated evidence, concealed exculpatory evidence, misconduct at trial.', 6),
  ('non_disclosure', 'Non-disclosure', 'Material that should have been disclosed to the defence and was not.', 7),
  ('inadequate_defence', 'Inadequate legal defence', '', 8),
  ('joint_enterprise', 'Joint enterprise', 'Secondary liability as the law stood before R v Jogee [2016] UKSC 8.', 9),
  ('unreliable_informant', 'Unreliable informant', '', 10),
  ('dna', 'DNA involved', 'DNA evidence was part of the case or could be tested now.', 11)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
INSERT INTO ineligibility_reasons (key, label, letter_text, requires_review, position) VALUES
  ('no_factual_innocence', 'Does not claim factual innocence', 'You do not say that you did not commit the offence. Our members can only look at cases where the person says they are innocent of the crime, not cases about self-defence, consent, a lesser offence or a legal technicality.', true, 0),
  ('appeal_pending', 'Appeal pending', 'You have an appeal that has not yet been decided. Your lawyers are the right people to help while it is going on. You can write to us again when it is decided.', true, 1),
  ('already_represented', 'Already represented', 'You already have a lawyer working on your case. Our members cannot work on a case at the same time as another lawyer. If that changes, you can write to us again.', true, 2),
  ('no_line_of_investigation', 'No line of investigation', 'We could not find anything that our members could investigate now that might show whether you are innocent, such as evidence to test again or a witness to trace.', true, 3),
  ('outside_jurisdiction', 'Outside the jurisdiction', 'Your conviction was not in a court in England, Wales, Northern Ireland or Scotland, so our members cannot look at it.', true, 4),
  ('not_yet_convicted', 'Not yet convicted', 'You have not yet been convicted. While your case is going on, your solicitor is the right person to help you.', true, 5)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
INSERT INTO investigation_categories (key, label, position) VALUES
  ('forensic_retesting', 'Forensic re-testing', 0),
  ('witness', 'Tracing or re-interviewing a witness', 1),
  ('alibi', 'Alibi', 2),
  ('expert_review', 'Expert review', 3),
  ('disclosure', 'Disclosure', 4),
  ('digital', 'Digital, phone or CCTV evidence', 5),
  ('identification', 'Identification procedure', 6),
  ('confession', 'Confession reliability', 7),
  ('legal_argument', 'Legal argument', 8),
  ('other', 'Other', 9)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
INSERT INTO settings (key, value) VALUES ('eligible_requires_review', 'false') ON CONFLICT DO NOTHING;

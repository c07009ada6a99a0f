CREATE TABLE "case_progress_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"since" date NOT NULL,
	"template_version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"prepared_by" uuid,
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"sent_on" date,
	"document_id" uuid,
	"docx_document_id" uuid,
	"correspondence_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_progress_letters_sent_is_filed" CHECK ("case_progress_letters"."status" = 'draft' OR ("case_progress_letters"."approved_by" IS NOT NULL AND "case_progress_letters"."sent_on" IS NOT NULL AND "case_progress_letters"."document_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "case_progress_letters" ADD CONSTRAINT "case_progress_letters_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress_letters" ADD CONSTRAINT "case_progress_letters_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress_letters" ADD CONSTRAINT "case_progress_letters_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress_letters" ADD CONSTRAINT "case_progress_letters_document_id_case_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress_letters" ADD CONSTRAINT "case_progress_letters_docx_document_id_case_documents_id_fk" FOREIGN KEY ("docx_document_id") REFERENCES "public"."case_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress_letters" ADD CONSTRAINT "case_progress_letters_correspondence_id_case_correspondence_id_fk" FOREIGN KEY ("correspondence_id") REFERENCES "public"."case_correspondence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_progress_letters_case_idx" ON "case_progress_letters" USING btree ("case_id","sent_on");--> statement-breakpoint
CREATE UNIQUE INDEX "case_progress_letters_one_draft" ON "case_progress_letters" USING btree ("case_id") WHERE "case_progress_letters"."status" = 'draft';--> statement-breakpoint
-- Progress letters (docs/decisions/032-progress-letters.md). Whoever sees the case in their own
-- project (its leads, its team) reads its progress letters and writes drafts; only a lead of the
-- project files one as sent, as themselves. A sent letter never changes, and nothing is deleted
-- but a draft.
ALTER TABLE case_progress_letters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_progress_letters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_progress_letters TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_progress_letters FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_insert ON case_progress_letters FOR INSERT TO clearname_app
  WITH CHECK (status = 'draft' AND prepared_by = app_user_id()
    AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_update ON case_progress_letters FOR UPDATE TO clearname_app
  USING (status = 'draft'
    AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
  WITH CHECK (
    (status = 'draft' AND approved_by IS NULL
      AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])))
    OR (status = 'sent' AND approved_by = app_user_id()
      AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[]))));
--> statement-breakpoint
CREATE POLICY app_delete ON case_progress_letters FOR DELETE TO clearname_app
  USING (status = 'draft'
    AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON case_progress_letters TO clearname_app;
--> statement-breakpoint
CREATE TRIGGER case_progress_letters_closed_case BEFORE INSERT OR UPDATE OR DELETE ON case_progress_letters FOR EACH ROW EXECUTE FUNCTION app_refuse_closed_case_write();
--> statement-breakpoint
-- A project's own letters (the progress letter): its leads publish versions for their own
-- project only, as themselves, and only the project's members read them. The network's
-- templates stay readable by every signed-in user (their rows are the network's: see app_insert).
DROP POLICY app_read ON letter_templates;
--> statement-breakpoint
CREATE POLICY app_read ON letter_templates FOR SELECT TO clearname_app
  USING (app_user_id() IS NOT NULL
    AND (key <> 'progress_letter'
      OR organisation_id = ANY ((SELECT app_permitted_org_ids('view:case:own'))::uuid[])));
--> statement-breakpoint
CREATE POLICY app_insert_project ON letter_templates FOR INSERT TO clearname_app
  WITH CHECK (published_by = app_user_id()
    AND key = 'progress_letter'
    AND app_has_permission('manage:case:own', organisation_id)
    AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = organisation_id AND o.kind = 'project'));

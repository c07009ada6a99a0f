CREATE TABLE "case_document_redactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"original_id" uuid NOT NULL,
	"redacted_id" uuid NOT NULL,
	"passages" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_document_redactions" ADD CONSTRAINT "case_document_redactions_original_id_case_documents_id_fk" FOREIGN KEY ("original_id") REFERENCES "public"."case_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_document_redactions" ADD CONSTRAINT "case_document_redactions_redacted_id_case_documents_id_fk" FOREIGN KEY ("redacted_id") REFERENCES "public"."case_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_document_redactions" ADD CONSTRAINT "case_document_redactions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_document_redactions_redacted_key" ON "case_document_redactions" USING btree ("redacted_id");--> statement-breakpoint
CREATE INDEX "case_document_redactions_original_idx" ON "case_document_redactions" USING btree ("original_id");--> statement-breakpoint
-- Seen with the original document (its own policies decide); made only by the case's
-- project's leads, whatever the page checks.
ALTER TABLE case_document_redactions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_document_redactions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON case_document_redactions TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON case_document_redactions FOR SELECT TO clearname_app
  USING (EXISTS (SELECT 1 FROM case_documents d WHERE d.id = original_id));
--> statement-breakpoint
CREATE POLICY app_lead_insert ON case_document_redactions FOR INSERT TO clearname_app
  WITH CHECK (EXISTS (SELECT 1 FROM case_documents d JOIN cases c ON c.id = d.case_id
    WHERE d.id = original_id
      AND c.organisation_id = ANY ((SELECT app_permitted_org_ids('manage:case:own'))::uuid[])));
--> statement-breakpoint
GRANT SELECT, INSERT ON case_document_redactions TO clearname_app;

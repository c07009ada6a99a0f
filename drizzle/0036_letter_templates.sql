CREATE TABLE "letter_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"change_note" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "letter_templates_version_after_code" CHECK ("letter_templates"."version" > 1)
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "letter_template" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "letter_template_version" integer;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "letter_templates_version_key" ON "letter_templates" USING btree ("organisation_id","key","version");--> statement-breakpoint
CREATE INDEX "letter_templates_key_idx" ON "letter_templates" USING btree ("key","version");--> statement-breakpoint
-- Letter templates (docs/decisions/030-letter-templates-as-data.md). Every signed-in user may
-- read them: intake, assessors, referrals and a project's lead accepting a case all make
-- letters from them. Only the network's administrators publish, as themselves, for the
-- network; a published version is never changed or deleted.
ALTER TABLE letter_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE letter_templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON letter_templates TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON letter_templates FOR SELECT TO clearname_app USING (app_user_id() IS NOT NULL);
--> statement-breakpoint
CREATE POLICY app_insert ON letter_templates FOR INSERT TO clearname_app
  WITH CHECK (published_by = app_user_id()
    AND app_has_permission('manage:settings:any', organisation_id)
    AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = organisation_id AND o.kind = 'network'));
--> statement-breakpoint
GRANT SELECT, INSERT ON letter_templates TO clearname_app;

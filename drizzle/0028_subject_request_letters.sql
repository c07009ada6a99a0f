CREATE TABLE "data_subject_request_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"byte_size" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_subject_request_letters" ADD CONSTRAINT "data_subject_request_letters_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_request_letters" ADD CONSTRAINT "data_subject_request_letters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_request_letters" ADD CONSTRAINT "data_subject_request_letters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_subject_request_letters_request_idx" ON "data_subject_request_letters" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE data_subject_request_letters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE data_subject_request_letters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON data_subject_request_letters TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_all ON data_subject_request_letters TO clearname_app
  USING (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_permitted_org_ids('protect:data:own'))::uuid[]));
--> statement-breakpoint
GRANT SELECT, INSERT ON data_subject_request_letters TO clearname_app;

CREATE TABLE "scan_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid,
	"case_document_id" uuid,
	"status" text DEFAULT 'waiting' NOT NULL,
	"pages" integer,
	"pages_done" integer DEFAULT 0 NOT NULL,
	"pages_by_ocr" integer DEFAULT 0 NOT NULL,
	"confidence" integer,
	"note" text,
	"text" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scan_readings_one_document" CHECK (num_nonnulls(document_id, case_document_id) = 1)
);
--> statement-breakpoint
ALTER TABLE "scan_readings" ADD CONSTRAINT "scan_readings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_readings" ADD CONSTRAINT "scan_readings_case_document_id_case_documents_id_fk" FOREIGN KEY ("case_document_id") REFERENCES "public"."case_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scan_readings_document_key" ON "scan_readings" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_readings_case_document_key" ON "scan_readings" USING btree ("case_document_id");--> statement-breakpoint
CREATE INDEX "scan_readings_waiting_idx" ON "scan_readings" USING btree ("created_at") WHERE status = 'waiting';--> statement-breakpoint
-- An intake document's OCR text is searched by network staff (the queue's search box).
ALTER TABLE scan_readings ADD COLUMN search tsvector GENERATED ALWAYS AS
  (to_tsvector('english', coalesce(text, ''))) STORED;
--> statement-breakpoint
CREATE INDEX scan_readings_search_idx ON scan_readings USING gin (search);
--> statement-breakpoint
-- Readings are written only by the server's own reader (as the owner); a user sees the
-- reading of a document they may see, by that document's own policies.
ALTER TABLE scan_readings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE scan_readings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON scan_readings TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY app_read ON scan_readings FOR SELECT TO clearname_app
  USING ((document_id IS NOT NULL AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id))
      OR (case_document_id IS NOT NULL AND EXISTS (SELECT 1 FROM case_documents d WHERE d.id = case_document_id)));
--> statement-breakpoint
GRANT SELECT ON scan_readings TO clearname_app;

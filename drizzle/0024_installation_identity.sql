CREATE TABLE "installation" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "installation_one_row" CHECK ("installation"."singleton")
);
--> statement-breakpoint
-- The row is made with the schema: a database created from nothing gets a new identity, and
-- a copy or restore of an existing one keeps the one it has.
INSERT INTO installation DEFAULT VALUES;
--> statement-breakpoint
-- Read by the housekeeping as the owner; requests have nothing to do with it.
ALTER TABLE installation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE installation FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON installation TO CURRENT_USER USING (true) WITH CHECK (true);

CREATE TABLE "rate_limit_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_hits_key_idx" ON "rate_limit_hits" USING btree ("key","at");--> statement-breakpoint
-- Written by public pages as the owner (no one is signed in); the app role gets nothing.
ALTER TABLE rate_limit_hits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE rate_limit_hits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON rate_limit_hits TO CURRENT_USER USING (true) WITH CHECK (true);

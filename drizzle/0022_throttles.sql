CREATE TABLE "throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"resets_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Both tables counted with a read and then a write, which concurrent attempts raced past.
-- What they held was only ever a recent count, so nothing of value is lost.
DROP TABLE "sign_in_failures" CASCADE;--> statement-breakpoint
DROP TABLE "rate_limit_hits" CASCADE;--> statement-breakpoint
CREATE INDEX "throttles_resets_at_idx" ON "throttles" USING btree ("resets_at");--> statement-breakpoint
-- Written as the owner (no one is signed in at sign-in or on the public pages); the app role
-- reaches it only through app_count_invitation below.
ALTER TABLE throttles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE throttles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY owner_all ON throttles TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
-- Counts one attempt against each key, in one statement: the insert or the increment of a
-- key's row is atomic, and a concurrent attempt on the same key waits for the row and then
-- increments what that one wrote, under READ COMMITTED too. Keys are taken in sorted order
-- so that two attempts sharing keys cannot deadlock. A window starts at a key's first hit
-- and ends `window_seconds` later; the first hit after that starts a new one.
-- Input: [{"key": "...", "window_seconds": 900}, ...]. See docs/decisions/012-throttles.md.
CREATE OR REPLACE FUNCTION app_count_attempt(attempts jsonb)
  RETURNS TABLE (throttle_key text, counted integer, seconds_left integer)
  LANGUAGE sql VOLATILE SET search_path = public, pg_temp
  AS $$
    INSERT INTO throttles AS t (key, hits, resets_at)
    SELECT a.key, 1, now() + make_interval(secs => a.window_seconds)
      FROM jsonb_to_recordset(attempts) AS a(key text, window_seconds integer)
      ORDER BY a.key
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN t.resets_at <= now() THEN 1 ELSE t.hits + 1 END,
      resets_at = CASE WHEN t.resets_at <= now() THEN excluded.resets_at ELSE t.resets_at END
    RETURNING t.key, t.hits, ceil(extract(epoch FROM t.resets_at - now()))::integer
  $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_count_attempt(jsonb) FROM PUBLIC;
--> statement-breakpoint
-- Invitations are sent inside the inviting user's transaction, as the app role: this counts
-- one against that user's own key only (the key comes from app.user_id, not the caller).
CREATE OR REPLACE FUNCTION app_count_invitation(window_seconds integer)
  RETURNS TABLE (counted integer, seconds_left integer)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT c.counted, c.seconds_left
      FROM app_count_attempt(jsonb_build_array(jsonb_build_object(
        'key', 'invitation:' || app_user_id()::text,
        'window_seconds', window_seconds))) AS c
  $$;

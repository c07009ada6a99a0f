import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, type Queryable, queryRows, toInt } from "~/db/database.server";

/**
 * Throttles kept in the database, so that every app process shares the count. Each attempt is
 * counted by one statement (`app_count_attempt`, drizzle/0022_throttles.sql) that inserts or
 * increments the key's row and returns the new count, so concurrent attempts each see a
 * different count and no more than the limit get through — on a PostgreSQL server with many
 * connections as on PGlite. Why and the limits: docs/decisions/012-throttles.md.
 */

export interface ThrottleRule {
  limit: number;
  windowMinutes: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/** How often an attempt also clears rows whose window has ended (they count for nothing). */
const PURGE_CHANCE = 0.02;

/**
 * Keys carry what someone typed (an e-mail address): a long one, or one with a character the
 * database cannot store (NUL), is stored by its hash, so no input can make counting fail.
 */
function storedKey(key: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  const plain = key.length <= 200 && !/[\u0000-\u001f]/.test(key);
  return plain ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

type Counted = { throttle_key: string; counted: unknown; seconds_left: unknown };

/**
 * A window's time left is measured from the statement's transaction start (`now()`), which for a
 * transaction that began a moment before the window's first hit is a second or two earlier: the
 * time left is capped at the window so that the wait told is never longer than the window.
 */
function verdictOf(
  rows: Counted[],
  ruleOf: (key: string) => ThrottleRule | undefined,
): ThrottleVerdict {
  const over = rows.filter((r) => toInt(r.counted) > (ruleOf(r.throttle_key)?.limit ?? 0));
  if (over.length === 0) return { allowed: true };
  const seconds = Math.max(
    ...over.map((r) =>
      Math.min(toInt(r.seconds_left), (ruleOf(r.throttle_key)?.windowMinutes ?? 0) * 60),
    ),
  );
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil(seconds / 60)) };
}

/**
 * Counts one attempt against every key and allows it only if each is within its limit. The
 * attempt counts even when refused, so hammering a key keeps it refused until its window ends.
 * Call it outside any longer transaction: the count must stand whatever happens next.
 */
export async function countAttempt(
  db: Db,
  attempts: ReadonlyArray<{ key: string } & ThrottleRule>,
): Promise<ThrottleVerdict> {
  const byKey = new Map(attempts.map((a) => [storedKey(a.key), a]));
  const json = JSON.stringify(
    [...byKey].map(([key, a]) => ({ key, window_seconds: a.windowMinutes * 60 })),
  );
  const rows = await queryRows<Counted>(db, sql`select * from app_count_attempt(${json}::jsonb)`);
  if (Math.random() < PURGE_CHANCE) await purgeThrottles(db);
  return verdictOf(rows, (key) => byKey.get(key));
}

/** One key's throttle: counts a hit against `key`, allowing `limit` hits per `windowMinutes`. */
export async function hitRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMinutes: number,
): Promise<{ allowed: boolean; retryAfterMinutes: number }> {
  const verdict = await countAttempt(db, [{ key, limit, windowMinutes }]);
  return verdict.allowed
    ? { allowed: true, retryAfterMinutes: 0 }
    : { allowed: false, retryAfterMinutes: verdict.retryAfterMinutes };
}

/**
 * Counts an invitation against the acting user, inside their transaction (as the app role,
 * through a function that can only count against that user's own key). The count commits or
 * rolls back with the invitation.
 */
export async function countInvitation(tx: Queryable, rule: ThrottleRule): Promise<ThrottleVerdict> {
  const rows = await queryRows<Omit<Counted, "throttle_key">>(
    tx,
    sql`select * from app_count_invitation(${rule.windowMinutes * 60})`,
  );
  return verdictOf(
    rows.map((r) => ({ ...r, throttle_key: "invitation" })),
    () => rule,
  );
}

/**
 * Takes back one counted attempt that turned out to be good (a right password), so that only
 * failures and attempts still being checked hold a key back.
 */
export async function giveBackAttempt(tx: Queryable, key: string): Promise<void> {
  await tx.execute(
    sql`update throttles set hits = hits - 1
        where key = ${storedKey(key)} and hits > 0 and resets_at > now()`,
  );
}

/** Forgets a key's count, e.g. an account's failed passwords once its owner has signed in. */
export async function forgetAttempts(tx: Queryable, key: string): Promise<void> {
  await tx.execute(sql`delete from throttles where key = ${storedKey(key)}`);
}

/** Removes rows whose window has ended: a key with no row starts afresh, exactly as they would. */
export async function purgeThrottles(db: Queryable): Promise<number> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from throttles where resets_at <= now() returning key`,
  );
  return rows.length;
}

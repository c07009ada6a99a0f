import { and, eq, gt, sql } from "drizzle-orm";
import { asSystem, type Db, toInt } from "~/db/database.server";
import { rateLimitHits } from "~/db/schema";

/**
 * Counts a hit against `key` and says whether it is within `limit` hits per `windowMinutes`.
 * Kept in the database, so every app process shares the count.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMinutes: number,
): Promise<{ allowed: boolean; retryAfterMinutes: number }> {
  const since = new Date(Date.now() - windowMinutes * 60_000);
  return asSystem(db, async (tx) => {
    const [row] = await tx
      .select({ n: sql`count(*)` })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.at, since)));
    if (toInt(row?.n ?? 0) >= limit) return { allowed: false, retryAfterMinutes: windowMinutes };
    await tx.insert(rateLimitHits).values({ key });
    // Now and then, forget hits older than a day.
    if (Math.random() < 0.01) {
      await tx.execute(sql`delete from rate_limit_hits where at < now() - interval '1 day'`);
    }
    return { allowed: true, retryAfterMinutes: 0 };
  });
}

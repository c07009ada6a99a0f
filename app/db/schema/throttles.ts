import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Attempts counted against a throttle: one row per key (e.g. `sign-in:account:<e-mail>`),
 * counting hits in a window that starts at the first hit and ends at `resets_at`. A single
 * upsert counts each attempt, so concurrent attempts cannot all read the same count
 * (docs/decisions/012-throttles.md). Rows past `resets_at` mean nothing and are purged.
 */
export const throttles = pgTable(
  "throttles",
  {
    key: text().primaryKey(),
    hits: integer().notNull(),
    resetsAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("throttles_resets_at_idx").on(t.resetsAt)],
);

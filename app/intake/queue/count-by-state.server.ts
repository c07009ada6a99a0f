import { type SQL, sql } from "drizzle-orm";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import type { ApplicationState } from "../transitions";
import type { StateCounts } from "./counts";
import { and } from "./queue-sql.server";

/**
 * Counting a million rows on every request is what makes list pages slow: counts stop at
 * this many and show as "5,000+" (docs/benchmarks.md: 10,000 cost 20 ms more per page at 1,000,000).
 */
export const COUNT_CAP = 5_000;

/**
 * Counts are a guide, the page is the work: with a filter that matches few rows of a large
 * state (a rare channel among closed applications, say) a capped count can still read the
 * whole state, so the counts get this long on PostgreSQL and are left out if they need more.
 * (PGlite has no statement timeout; there the counts always finish.)
 */
export const COUNT_BUDGET_MS = 150;

const QUERY_CANCELED = "57014";

function wasCanceled(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error || (e && typeof e === "object"); ) {
    if ((e as { code?: unknown }).code === QUERY_CANCELED) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

type Row = { state: ApplicationState; n: number | string };

/**
 * The counts per state for the filters in `base`, in at most two statements:
 * 1. every state at once, reading at most `cap` + 1 matching rows in whatever order is
 *    cheapest. When fewer match (a search, an establishment, overdue, a month…), these counts
 *    are exact and that is all;
 * 2. otherwise one capped count per state (LIMIT COUNT_CAP + 1 over applications_queue_idx,
 *    whose leading column is the state), so no state is read past COUNT_CAP + 1 rows.
 * States the filters rule out (`impossible`) are not read at all. Null when the counts did
 * not finish within COUNT_BUDGET_MS.
 */
export async function countByState(
  tx: Queryable,
  states: readonly ApplicationState[],
  base: SQL[],
  impossible: ReadonlySet<ApplicationState>,
  cap = COUNT_CAP,
): Promise<StateCounts | null> {
  const counts = Object.fromEntries(states.map((s) => [s, { n: 0, more: false }])) as StateCounts;
  const counted = states.filter((s) => !impossible.has(s));
  if (counted.length === 0) return counts;
  const limit = cap + 1;
  try {
    // A savepoint, so that a cancelled count leaves the request's transaction usable.
    const rows = await tx.transaction(async (sp) => {
      const [previous] = await queryRows<{ t: string }>(
        sp,
        sql`select current_setting('statement_timeout') as t`,
      );
      await sp.execute(
        sql`select set_config('statement_timeout', ${String(COUNT_BUDGET_MS)}, true)`,
      );
      let result = await queryRows<Row>(
        sp,
        sql`select c.state, count(*) as n from (
          select a.state from applications a where ${and(base)} limit ${limit}
        ) c group by c.state`,
      );
      if (result.reduce((t, r) => t + toInt(r.n), 0) >= limit) {
        const branches = counted.map(
          (s) => sql`select ${s}::text as state, count(*) as n from (
            select 1 from applications a where a.state = ${s} and ${and(base)} limit ${limit}
          ) c`,
        );
        result = await queryRows<Row>(sp, sql.join(branches, sql` union all `));
      }
      await sp.execute(sql`select set_config('statement_timeout', ${previous?.t ?? "0"}, true)`);
      return result;
    });
    for (const r of rows) {
      const n = toInt(r.n);
      if (r.state in counts) counts[r.state] = { n: Math.min(n, cap), more: n > cap };
    }
    return counts;
  } catch (error) {
    if (wasCanceled(error)) return null;
    throw error;
  }
}

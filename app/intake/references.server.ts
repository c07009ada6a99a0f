import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";

/** CN-2026-00042: the network's prefix, the year received, and a number within the year. */
export function formatReference(year: number, n: number): string {
  return `CN-${year}-${String(n).padStart(5, "0")}`;
}

/** Hands out `count` consecutive references for the year; safe under concurrent use. */
export async function allocateReferences(
  tx: Queryable,
  year: number,
  count = 1,
): Promise<string[]> {
  const [row] = await queryRows<{ first: number }>(
    tx,
    sql`select next_application_numbers(${year}, ${count}) as first`,
  );
  const first = Number(row?.first);
  return Array.from({ length: count }, (_, i) => formatReference(year, first + i));
}

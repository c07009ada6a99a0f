import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";

/**
 * Names of staff who can see applications, past and present, by user id: for naming the
 * assessor, reviewers and decider on an assessment (an assessor cannot read other users'
 * rows directly; `app_application_staff()` gives the names to anyone who may see applications).
 */
export async function staffNames(tx: Queryable): Promise<Record<string, string>> {
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from app_application_staff()`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

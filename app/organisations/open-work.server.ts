import { sql } from "drizzle-orm";
import { type Queryable, queryRows, toInt } from "~/db/database.server";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";

/** A project's cases still with it and the offers waiting for its answer, as the caller sees them. */
export async function countOpenWork(
  tx: Queryable,
  projectId: string,
): Promise<{ cases: number; offers: number }> {
  const [row] = await queryRows<{ cases: number | string; offers: number | string }>(
    tx,
    sql`select
      (select count(*) from cases where organisation_id = ${projectId}::uuid
         and stage = any(${`{${ACTIVE_CASE_STAGES.join(",")}}`}::text[])) as cases,
      (select count(*) from referral_offers where project_id = ${projectId}::uuid
         and status = 'offered') as offers`,
  );
  return { cases: toInt(row?.cases ?? 0), offers: toInt(row?.offers ?? 0) };
}

import { desc, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { type Queryable, queryRows } from "~/db/database.server";
import { auditChainChecks } from "~/db/schema";
import { canCheckAuditChain } from "./audit-scope";

/** The latest run of the chain check, from the page or the command; null if none, or not theirs to see. */
export async function getLastChainCheck(tx: Queryable, acting: Acting) {
  if (!canCheckAuditChain(acting.viewer)) return null;
  const [last] = await tx
    .select()
    .from(auditChainChecks)
    .orderBy(desc(auditChainChecks.checkedAt))
    .limit(1);
  if (!last) return null;
  const [who] = last.checkedBy
    ? await queryRows<{ name: string }>(
        tx,
        sql`select name from app_audit_actor_names(array[${last.checkedBy}]::uuid[])`,
      )
    : [];
  return {
    checkedAt: last.checkedAt,
    ok: last.ok,
    checked: last.checked,
    problem: last.problem,
    by: last.checkedBy ? (who?.name ?? "someone") : "the audit:verify command",
  };
}

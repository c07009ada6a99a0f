import { type Acting, actorOf } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { auditChainChecks } from "~/db/schema";
import { forbidden } from "~/errors/app-error";
import { canCheckAuditChain } from "./audit-scope";
import { recordAuditEvent } from "./record-audit-event.server";
import { type ChainVerdict, verifyAuditChain } from "./verify-chain.server";

/** The problem a failed check found, as kept with the run: the event and what is wrong with it. */
export function chainProblem(verdict: ChainVerdict): string | null {
  return verdict.ok ? null : `event #${verdict.seq} (${verdict.id}) ${verdict.problem}`;
}

/** Keeps one run of the check: from the page (by whom) or from `npm run audit:verify` (null). */
export async function recordChainCheck(
  tx: Queryable,
  verdict: ChainVerdict,
  checkedBy: string | null,
): Promise<void> {
  await tx.insert(auditChainChecks).values({
    checkedBy,
    ok: verdict.ok,
    checked: verdict.checked,
    problem: chainProblem(verdict),
  });
}

/**
 * Checks the audit trail's hash chain from the audit tool, and keeps the run and its result.
 * It reads every event, so it is for readers of the whole trail.
 */
export async function runChainCheck(tx: Queryable, acting: Acting): Promise<ChainVerdict> {
  if (!canCheckAuditChain(acting.viewer))
    throw forbidden("Only those who read the whole audit trail can check its chain.");
  const verdict = await verifyAuditChain(tx);
  await recordChainCheck(tx, verdict, acting.viewer.id);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "audit.chain_checked",
    entityType: "audit_trail",
    details: {
      ok: verdict.ok,
      checked: verdict.checked,
      brokenAt: verdict.ok ? null : verdict.seq,
    },
  });
  return verdict;
}

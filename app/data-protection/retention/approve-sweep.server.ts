import { and, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { retentionSweeps } from "~/db/schema";
import { conflict, notFound } from "~/errors/app-error";
import { canApproveSweep } from "./rules";

/**
 * The officer approves a dry run of their own organisation: from the commit on, the sweep
 * runner erases what it listed (holds placed since are checked again, record by record).
 */
export async function approveSweep(tx: Tx, acting: Acting, sweepId: string) {
  // Row-level security: another organisation's sweep is not found.
  const [sweep] = await tx.select().from(retentionSweeps).where(eq(retentionSweeps.id, sweepId));
  if (!sweep) throw notFound("sweep");
  const controllerOf = acting.viewer.memberships
    .map((m) => m.organisationId)
    .filter((id) => can(acting.viewer, "protect:data:own", id));
  if (!canApproveSweep(sweep, controllerOf))
    throw conflict("This sweep is no longer a dry run to approve.");
  const done = await tx
    .update(retentionSweeps)
    .set({ status: "approved", approvedBy: acting.viewer.id, approvedAt: new Date() })
    .where(and(eq(retentionSweeps.id, sweepId), eq(retentionSweeps.status, "dry_run")))
    .returning({ id: retentionSweeps.id });
  if (done.length === 0) throw conflict("This sweep is no longer a dry run to approve.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "retention_sweep.approved",
    entityType: "retention_sweep",
    entityId: sweepId,
    organisationId: sweep.organisationId,
    details: { counts: sweep.counts, total: sweep.total },
  });
  return { id: sweepId };
}

import { and, eq, isNull } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { legalHolds } from "~/db/schema";
import { conflict, notFound } from "~/errors/app-error";
import { requireController } from "../controller";
import type { ReleaseHoldInput } from "./schemas";

/** Releases a hold, with the reason: its records fall back under the schedule. */
export async function releaseHold(tx: Tx, acting: Acting, input: ReleaseHoldInput) {
  // Row-level security shows the officer their own organisation's holds only.
  const [hold] = await tx.select().from(legalHolds).where(eq(legalHolds.id, input.holdId));
  if (!hold) throw notFound("hold");
  requireController(acting, hold.organisationId);
  const released = await tx
    .update(legalHolds)
    .set({
      releasedAt: new Date(),
      releasedBy: acting.viewer.id,
      releaseReason: input.releaseReason,
    })
    .where(and(eq(legalHolds.id, hold.id), isNull(legalHolds.releasedAt)))
    .returning({ id: legalHolds.id });
  if (released.length === 0) throw conflict("This hold has already been released.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "legal_hold.released",
    entityType: "legal_hold",
    entityId: hold.id,
    organisationId: hold.organisationId,
    details: { targetType: hold.targetType, targetId: hold.targetId },
  });
}

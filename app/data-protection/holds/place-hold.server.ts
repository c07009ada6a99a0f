import type { Acting } from "~/access/acting";
import { actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { legalHolds } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { requireController } from "../controller";
import { withOwnerRights } from "../owner-rights.server";
import { resolveHoldTarget } from "./resolve-hold-target.server";
import type { PlaceHoldInput } from "./schemas";

/**
 * Places a legal hold on one of the organisation's applicants, applications or cases: from
 * now until it is released or lapses, no sweep or erasure touches it or what hangs off it.
 */
export async function placeHold(tx: Tx, acting: Acting, input: PlaceHoldInput) {
  const organisationId = requireController(acting);
  if (input.until !== undefined && input.until < today())
    throw invalid("The hold must last until today or later.", { field: "until" });
  const target = await withOwnerRights(tx, () =>
    resolveHoldTarget(tx, organisationId, input.targetType, input.reference),
  );
  const [hold] = await tx
    .insert(legalHolds)
    .values({
      organisationId,
      targetType: target.type,
      targetId: target.id,
      reason: input.reason,
      until: input.until ?? null,
      placedBy: acting.viewer.id,
    })
    .returning({ id: legalHolds.id });
  if (!hold) throw new Error("the hold was not saved");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "legal_hold.placed",
    entityType: "legal_hold",
    entityId: hold.id,
    organisationId,
    subjectId: target.type === "applicant" ? target.id : null,
    details: { targetType: target.type, targetId: target.id, until: input.until ?? null },
  });
  return hold;
}

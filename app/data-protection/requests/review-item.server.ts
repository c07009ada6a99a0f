import { and, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataSubjectRequestItems, disclosureExemptions } from "~/db/schema";
import { invalid, notFound } from "~/errors/app-error";
import { requireRequest } from "./require-request.server";
import { isOpen, passagesOf } from "./rules";
import type { ReviewInput } from "./schemas";

/**
 * The officer's decision on one item found for a request: released whole, withheld under an
 * exemption from the list, or released with passages removed (typed one to a line). The
 * decision and who made it are kept; the audit trail records the decision, never the passages.
 */
export async function reviewItem(
  tx: Queryable,
  acting: Acting,
  requestId: string,
  input: ReviewInput,
): Promise<void> {
  const request = await requireRequest(tx, acting, requestId);
  if (!isOpen(request.status)) throw invalid("The request is closed: its items are as released.");
  const [item] = await tx
    .select({ id: dataSubjectRequestItems.id, itemType: dataSubjectRequestItems.itemType })
    .from(dataSubjectRequestItems)
    .where(
      and(
        eq(dataSubjectRequestItems.id, input.itemId),
        eq(dataSubjectRequestItems.requestId, requestId),
      ),
    );
  if (!item) throw notFound("item");
  let exemptionId: string | null = null;
  if (input.decision === "withheld") {
    const [exemption] = await tx
      .select({ id: disclosureExemptions.id, active: disclosureExemptions.active })
      .from(disclosureExemptions)
      .where(eq(disclosureExemptions.id, input.exemptionId ?? ""));
    if (!exemption?.active)
      throw invalid("Choose an exemption from the list.", { field: "exemptionId" });
    exemptionId = exemption.id;
  }
  const redactions = input.decision === "redacted" ? passagesOf(input.redactions) : [];
  await tx
    .update(dataSubjectRequestItems)
    .set({
      decision: input.decision,
      exemptionId,
      redactions,
      note: input.note || null,
      decidedBy: acting.viewer.id,
      decidedAt: new Date(),
    })
    .where(eq(dataSubjectRequestItems.id, item.id));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.item_reviewed",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: {
      itemId: item.id,
      itemType: item.itemType,
      decision: input.decision,
      exemptionId,
      passages: redactions.length,
    },
  });
}

import { asc, desc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import {
  dataSubjectBundles,
  dataSubjectRequestItems,
  dataSubjectRequestLetters,
  users,
} from "~/db/schema";
import { today } from "~/shared/dates";
import { erasureRefusal } from "./erasure-check.server";
import { listExemptions } from "./exemptions.server";
import { requireRequest } from "./require-request.server";
import { effectiveDue, isOpen, isOverdue, latestExtension } from "./rules";

/** Where the record behind an item is corrected, for a rectification: its own page. */
export function recordLink(itemType: string, itemId: string, caseId?: string): string | null {
  switch (itemType) {
    case "applicant":
      return `/applicants/${itemId}`;
    case "application":
      return `/applications/${itemId}`;
    case "case":
      return `/cases/${itemId}`;
    default:
      return caseId ? `/cases/${caseId}` : null;
  }
}

/**
 * One request of the officer's organisation with everything its page shows: the items found
 * and the decisions on them, the exemptions to choose from, the bundles released, the letters
 * written, and for an erasure whether anything requires the records to be kept. Opening it
 * shows what was found about the person, so it is audited as a view.
 */
export async function getRequest(tx: Tx, acting: Acting, requestId: string) {
  const request = await requireRequest(tx, acting, requestId);
  const items = await tx
    .select()
    .from(dataSubjectRequestItems)
    .where(eq(dataSubjectRequestItems.requestId, requestId))
    .orderBy(
      asc(dataSubjectRequestItems.foundAs),
      asc(dataSubjectRequestItems.itemType),
      asc(dataSubjectRequestItems.title),
      asc(dataSubjectRequestItems.id),
    );
  const bundles = await tx
    .select({
      id: dataSubjectBundles.id,
      producedAt: dataSubjectBundles.producedAt,
      itemCount: dataSubjectBundles.itemCount,
      byteSize: dataSubjectBundles.byteSize,
      producedBy: users.name,
    })
    .from(dataSubjectBundles)
    .innerJoin(users, eq(users.id, dataSubjectBundles.producedBy))
    .where(eq(dataSubjectBundles.requestId, requestId))
    .orderBy(desc(dataSubjectBundles.producedAt));
  const letters = await tx
    .select()
    .from(dataSubjectRequestLetters)
    .where(eq(dataSubjectRequestLetters.requestId, requestId))
    .orderBy(desc(dataSubjectRequestLetters.createdAt));
  const day = today();
  const open = isOpen(request.status);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.viewed",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: { items: items.length },
  });
  return {
    request,
    due: effectiveDue(request),
    overdue: isOverdue(request, day),
    open,
    latestExtension: latestExtension(request.receivedOn),
    items: items.map((i) => ({
      ...i,
      decidedAt: i.decidedAt?.toISOString() ?? null,
      link: recordLink(i.itemType, i.itemId),
    })),
    pending: items.filter((i) => i.decision === "pending").length,
    exemptions: await listExemptions(tx),
    bundles: bundles.map((b) => ({ ...b, producedAt: b.producedAt.toISOString() })),
    letters,
    erasureRefusal: request.kind === "erasure" && open ? await erasureRefusal(tx, request) : null,
  };
}

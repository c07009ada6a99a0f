import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { dataSubjectRequests } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { carryOutErasure } from "./carry-out-erasure.server";
import { erasureRefusal, erasureTargets } from "./erasure-check.server";
import { requireRequest } from "./require-request.server";
import { isOpen } from "./rules";
import type { CloseInput } from "./schemas";

/**
 * Closes a request with the decision and its reasons: completed (answered, corrected, or
 * erased), refused, or withdrawn by the requester. An erasure is completed only when nothing
 * requires the records to be kept, and is then carried out; otherwise it must be refused
 * with that reason. Returns the files of erased records, to destroy once committed.
 */
export async function closeRequest(
  tx: Tx,
  acting: Acting,
  requestId: string,
  input: CloseInput,
): Promise<{ erasedFiles: string[] }> {
  const request = await requireRequest(tx, acting, requestId);
  if (!isOpen(request.status)) throw invalid("The request is already closed.");
  let erasedFiles: string[] = [];
  if (request.kind === "erasure" && input.outcome === "completed") {
    const refusal = await erasureRefusal(tx, request);
    if (refusal)
      throw invalid(`${refusal} Refuse the erasure, with this reason, instead.`, {
        field: "outcome",
      });
    erasedFiles = await carryOutErasure(tx, acting, request, await erasureTargets(tx, request));
  }
  const updated = await tx
    .update(dataSubjectRequests)
    .set({
      status: input.outcome,
      decision: input.decision,
      completedOn: today(),
      updatedAt: new Date(),
      version: sql`${dataSubjectRequests.version} + 1`,
    })
    .where(
      and(eq(dataSubjectRequests.id, requestId), eq(dataSubjectRequests.version, request.version)),
    )
    .returning({ id: dataSubjectRequests.id });
  if (updated.length === 0) throw conflict("Someone changed this request meanwhile.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: `subject_request.${input.outcome}`,
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: { kind: request.kind, reference: request.reference },
  });
  return { erasedFiles };
}

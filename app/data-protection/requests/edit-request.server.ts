import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataSubjectRequests } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { requireApplicantSeen } from "./log-request.server";
import { requireRequest } from "./require-request.server";
import { dueDate, isOpen } from "./rules";
import type { EditRequestInput } from "./schemas";

/**
 * Corrects what was logged about an open request. A changed day of receipt moves the due
 * date with it; a change made meanwhile by someone else is refused, never overwritten.
 */
export async function editRequest(
  tx: Queryable,
  acting: Acting,
  requestId: string,
  input: EditRequestInput,
): Promise<void> {
  const request = await requireRequest(tx, acting, requestId);
  if (!isOpen(request.status)) throw invalid("A closed request cannot be changed.");
  await requireApplicantSeen(tx, input.applicantId);
  const { version, ...values } = input;
  const changed = Object.keys(values).filter(
    (k) => values[k as keyof typeof values] !== request[k as keyof typeof request],
  );
  const updated = await tx
    .update(dataSubjectRequests)
    .set({
      ...values,
      dueOn: dueDate(input.receivedOn),
      updatedAt: new Date(),
      version: sql`${dataSubjectRequests.version} + 1`,
    })
    .where(and(eq(dataSubjectRequests.id, requestId), eq(dataSubjectRequests.version, version)))
    .returning({ id: dataSubjectRequests.id });
  if (updated.length === 0)
    throw conflict("Someone changed this request meanwhile: the page now shows their version.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.changed",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: input.applicantId ?? request.applicantId,
    organisationId: request.organisationId,
    details: { fields: changed },
  });
}

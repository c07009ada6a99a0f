import { and, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { representatives } from "~/db/schema";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

/** Removes a representative from an applicant; the audit trail keeps who they were. */
export async function removeRepresentative(
  tx: Queryable,
  acting: Acting,
  applicantId: string,
  representativeId: string,
): Promise<void> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can change an applicant's representatives.");
  if (!isId(applicantId) || !isId(representativeId)) throw notFound("representative");
  const [row] = await tx
    .delete(representatives)
    .where(
      and(eq(representatives.id, representativeId), eq(representatives.applicantId, applicantId)),
    )
    .returning({ id: representatives.id });
  if (!row) throw notFound("representative");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.representative_removed",
    entityType: "representative",
    entityId: representativeId,
    subjectId: applicantId,
  });
}

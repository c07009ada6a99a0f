import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications } from "~/db/schema";
import { conflict, forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

/**
 * Ends data entry: the application stops being a draft and takes its place in the queue.
 * Its answers can still be corrected afterwards.
 */
export async function finishApplicationEntry(
  tx: Queryable,
  acting: Acting,
  applicationId: string,
  version: number,
): Promise<void> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can enter applications.");
  if (!isId(applicationId)) throw notFound("application");
  const [current] = await tx
    .select({
      isDraft: applications.isDraft,
      version: applications.version,
      applicantId: applications.applicantId,
      organisationId: applications.organisationId,
    })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!current) throw notFound("application");
  if (!current.isDraft) return;
  const [row] = await tx
    .update(applications)
    .set({ isDraft: false, updatedAt: new Date(), version: sql`${applications.version} + 1` })
    .where(and(eq(applications.id, applicationId), eq(applications.version, version)))
    .returning({ id: applications.id });
  if (!row)
    throw conflict(
      "Someone else saved this application since you opened this page. Check the answers, then finish again.",
    );
  await recordAuditEvent(tx, actorOf(acting), {
    action: "application.entry_finished",
    entityType: "application",
    entityId: applicationId,
    subjectId: current.applicantId,
    organisationId: current.organisationId,
  });
}

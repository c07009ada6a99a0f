import { eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { assessments } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { applicantOf } from "./applicant-of.server";
import { requireAssess } from "./guard";
import { loadAssessment } from "./load-assessment.server";

/** Users who may assess now, for the hand-over and bulk-assign lists. */
export async function listAssessors(tx: Queryable): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select a.id, a.name from app_assessors() a order by a.name`,
  );
}

/**
 * Hands an open assessment to another assessor (or takes it over): any assessor may, since
 * work must not wait for someone who is away. The draft and its history go with it.
 */
export async function handOverAssessment(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: { assessorId: string; version?: number; note?: string },
): Promise<void> {
  requireAssess(acting);
  const loaded = await loadAssessment(tx, id, { forUpdate: true });
  const a = loaded.assessment;
  if (a.status === "decided") throw invalid("A decided assessment cannot be handed over.");
  if (input.version !== undefined && input.version !== a.version)
    throw conflict(
      "This assessment changed after you opened it. Check it, then hand it over again.",
    );
  const assessors = await listAssessors(tx);
  if (!assessors.some((s) => s.id === input.assessorId))
    throw invalid("Choose someone who can assess applications.", { field: "assessorId" });
  if (a.assessorId === input.assessorId) return;
  await tx
    .update(assessments)
    .set({
      assessorId: input.assessorId,
      updatedAt: new Date(),
      updatedBy: acting.viewer.id,
      version: a.version + 1,
    })
    .where(eq(assessments.id, id));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.handed_over",
    entityType: "assessment",
    entityId: id,
    organisationId: a.organisationId,
    subjectId: await applicantOf(tx, a.applicationId),
    details: { from: a.assessorId, to: input.assessorId, withNote: Boolean(input.note) },
  });
}

import { desc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications, assessments } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { requireAssess } from "./guard";
import { loadAssessment } from "./load-assessment.server";
import { reconsiderationRefusal } from "./rules";
import { copyAnswers, copyLines } from "./start-assessment.server";

/**
 * The applicant asks for reconsideration: a new draft assessment opens with the decided
 * one's answers and lines, linked to it; the decided one is kept as it was. The application
 * goes back to "under assessment".
 */
export async function reconsider(
  tx: Queryable,
  acting: Acting,
  decidedId: string,
  input: { reason: string },
): Promise<{ id: string }> {
  requireAssess(acting);
  const loaded = await loadAssessment(tx, decidedId, { forUpdate: true });
  const a = loaded.assessment;
  const [latest] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(eq(assessments.applicationId, a.applicationId))
    .orderBy(desc(assessments.createdAt))
    .limit(1);
  const refusal = reconsiderationRefusal({ status: a.status, isLatest: latest?.id === a.id });
  if (refusal) throw invalid(refusal);
  const [application] = await tx
    .select()
    .from(applications)
    .where(eq(applications.id, a.applicationId))
    .for("update");
  if (!application) throw invalid("The application of this assessment is missing.");
  const [created] = await tx
    .insert(assessments)
    .values({
      organisationId: a.organisationId,
      applicationId: a.applicationId,
      assessorId: acting.viewer.id,
      updatedBy: acting.viewer.id,
      previousAssessmentId: a.id,
      reconsiderationReason: input.reason,
      ...copyAnswers(a),
    })
    .returning({ id: assessments.id });
  if (!created) throw new Error("the reconsideration was not created");
  await copyLines(tx, a.id, created.id);
  await tx
    .update(applications)
    .set({
      state: "under_assessment",
      closedReason: null,
      updatedAt: new Date(),
      version: application.version + 1,
    })
    .where(eq(applications.id, application.id));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.reconsideration_opened",
    entityType: "assessment",
    entityId: created.id,
    organisationId: a.organisationId,
    subjectId: application.applicantId,
    reason: input.reason,
    details: { reconsiders: a.id, earlierOutcome: a.recommendation, from: application.state },
  });
  return { id: created.id };
}

import { and, eq, isNull } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { assessmentReviews, assessments } from "~/db/schema";
import { forbidden } from "~/errors/app-error";
import { applicantOf } from "./applicant-of.server";
import { requireAssess } from "./guard";
import { loadAssessment } from "./load-assessment.server";
import { reviewRefusal } from "./rules";
import type { ReviewInput } from "./schemas";

/**
 * A second reviewer agrees with a recommendation (it can then be recorded as the decision)
 * or returns it with a comment (the assessor revises it). Nobody reviews their own.
 */
export async function reviewRecommendation(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: ReviewInput,
): Promise<{ status: "agreed" | "returned" }> {
  requireAssess(acting);
  const loaded = await loadAssessment(tx, id, { forUpdate: true });
  const a = loaded.assessment;
  const refusal = reviewRefusal(acting.viewer.id, a);
  if (refusal) throw forbidden(refusal);
  const status = input.outcome;
  await tx
    .update(assessmentReviews)
    .set({
      reviewerId: acting.viewer.id,
      outcome: input.outcome,
      comment: input.comment ?? null,
      reviewedAt: new Date(),
    })
    .where(and(eq(assessmentReviews.assessmentId, id), isNull(assessmentReviews.outcome)));
  await tx
    .update(assessments)
    .set({ status, updatedAt: new Date(), updatedBy: acting.viewer.id, version: a.version + 1 })
    .where(eq(assessments.id, id));
  await recordAuditEvent(tx, actorOf(acting), {
    action: input.outcome === "agreed" ? "assessment.review_agreed" : "assessment.review_returned",
    entityType: "assessment",
    entityId: id,
    organisationId: a.organisationId,
    subjectId: await applicantOf(tx, a.applicationId),
    details: { recommendation: a.recommendation, withComment: Boolean(input.comment) },
  });
  return { status };
}

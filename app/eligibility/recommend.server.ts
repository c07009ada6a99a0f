import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { assessmentReviews, assessments } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { applicantOf } from "./applicant-of.server";
import { requireAssess } from "./guard";
import { loadAssessment } from "./load-assessment.server";
import { assessmentOptions, reviewPolicy } from "./reference-data.server";
import { missingForRecommendation, needsReview } from "./rules";
import { requireAssignedAssessor } from "./save-assessment.server";
import type { RecommendationFormInput } from "./schemas";

/**
 * The assessor's recommendation. Refused, naming each thing missing, on an incomplete
 * assessment (`details.missing`). It goes to a second reviewer when the review policy says
 * so ("in review"); otherwise it is agreed and the decision can be recorded.
 */
export async function recommend(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: RecommendationFormInput,
): Promise<{ status: "in_review" | "agreed"; version: number }> {
  requireAssess(acting);
  const loaded = await loadAssessment(tx, id, { forUpdate: true });
  requireAssignedAssessor(acting, loaded);
  const a = loaded.assessment;
  if (a.version !== input.version)
    throw conflict(
      "Someone else saved this assessment after you opened it. Check the assessment, then recommend again.",
      { version: a.version },
    );
  const ineligibleReasons = input.recommendation === "ineligible" ? input.ineligibleReasons : [];
  const { reasons } = await assessmentOptions(tx);
  const known = new Set(reasons.filter((r) => r.active).map((r) => r.key));
  if (ineligibleReasons.some((r) => !known.has(r)))
    throw invalid("Choose reasons from the list.", { field: "ineligibleReasons" });
  const missing = missingForRecommendation(
    { ...a, lineCount: loaded.lines.length },
    { ...input, ineligibleReasons },
  );
  if (missing.length > 0)
    throw invalid("This assessment is not complete enough for that recommendation.", {
      missing,
    });

  const review = needsReview(
    { recommendation: input.recommendation, ineligibleReasons },
    await reviewPolicy(tx),
  );
  const status = review ? "in_review" : "agreed";
  const next = a.version + 1;
  await tx
    .update(assessments)
    .set({
      status,
      recommendation: input.recommendation,
      ineligibleReasons,
      recommendationNotes: input.recommendationNotes ?? null,
      informationRequested:
        input.recommendation === "more_information" ? (input.informationRequested ?? null) : null,
      chaseOn: input.recommendation === "more_information" ? (input.chaseOn ?? null) : null,
      recommendedBy: acting.viewer.id,
      recommendedAt: new Date(),
      updatedAt: new Date(),
      updatedBy: acting.viewer.id,
      version: next,
    })
    .where(eq(assessments.id, id));
  if (review)
    await tx.insert(assessmentReviews).values({
      assessmentId: id,
      recommendation: input.recommendation,
      requestedBy: acting.viewer.id,
    });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.recommended",
    entityType: "assessment",
    entityId: id,
    organisationId: a.organisationId,
    subjectId: await applicantOf(tx, a.applicationId),
    details: { recommendation: input.recommendation, ineligibleReasons, review },
  });
  return { status, version: next };
}

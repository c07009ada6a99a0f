import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications, assessments } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, invalid } from "~/errors/app-error";
import type { ApplicationState, ClosedReason } from "~/intake/transitions";
import { setChaseTask } from "~/tasks/chase-task.server";
import { fileDecisionLetter } from "./decision-letter.server";
import { requireAssess } from "./guard";
import { loadAssessment } from "./load-assessment.server";
import { decisionRefusal, missingForRecommendation, type Recommendation } from "./rules";
import type { DecisionInput } from "./schemas";

/** Where each outcome leaves the application. */
export const OUTCOME_STATE: Record<
  Recommendation,
  { state: ApplicationState; closedReason: ClosedReason | null }
> = {
  eligible: { state: "awaiting_referral", closedReason: null },
  ineligible: { state: "closed", closedReason: "ineligible" },
  more_information: { state: "awaiting_information", closedReason: null },
  withdrawn: { state: "closed", closedReason: "withdrawn" },
};

/**
 * Records the decision: final from here. The application moves on (eligible → awaiting
 * referral with its lines of investigation; ineligible or withdrawn → closed; more
 * information → awaiting information with the chase date), and the decision letter is
 * produced and filed in the same transaction, so there is never a decision without its letter.
 */
export async function recordDecision(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  id: string,
  input: DecisionInput,
): Promise<{ documentId: string; outcome: Recommendation }> {
  requireAssess(acting);
  const loaded = await loadAssessment(tx, id, { forUpdate: true });
  const a = loaded.assessment;
  if (a.version !== input.version)
    throw conflict(
      "This assessment changed after you opened it. Check it, then record the decision again.",
    );
  const refusal = decisionRefusal(a);
  if (refusal || !a.recommendation) throw invalid(refusal ?? "Make a recommendation first.");
  const outcome = a.recommendation;
  // An agreed assessment cannot be edited, so this holds unless the rules changed since.
  const missing = missingForRecommendation(
    { ...a, lineCount: loaded.lines.length },
    { ...a, recommendation: outcome },
  );
  if (missing.length > 0)
    throw invalid("This assessment is not complete enough for its recommendation.", { missing });
  const [application] = await tx
    .select()
    .from(applications)
    .where(eq(applications.id, a.applicationId))
    .for("update");
  if (!application) throw invalid("The application of this assessment is missing.");

  const decidedAt = new Date();
  await tx
    .update(assessments)
    .set({
      status: "decided",
      decidedBy: acting.viewer.id,
      decidedAt,
      largePrintLetter: input.largePrint,
      updatedAt: decidedAt,
      updatedBy: acting.viewer.id,
      version: a.version + 1,
    })
    .where(eq(assessments.id, id));
  const { state, closedReason } = OUTCOME_STATE[outcome];
  await tx
    .update(applications)
    .set({
      state,
      closedReason,
      chaseOn: outcome === "more_information" ? a.chaseOn : application.chaseOn,
      updatedAt: decidedAt,
      version: application.version + 1,
    })
    .where(eq(applications.id, application.id));
  if (outcome === "more_information" && a.chaseOn)
    await setChaseTask(tx, acting, {
      organisationId: application.organisationId,
      applicationId: application.id,
      applicantId: application.applicantId,
      reference: application.reference,
      requestedBy: a.recommendedBy,
      chaseOn: a.chaseOn,
      informationRequested: a.informationRequested,
    });
  const decided = await loadAssessment(tx, id);
  const { documentId } = await fileDecisionLetter(tx, acting, store, decided, {
    largePrint: input.largePrint,
    includeNotes: input.includeNotes ?? false,
  });
  await tx.update(assessments).set({ decisionLetterId: documentId }).where(eq(assessments.id, id));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.decided",
    entityType: "assessment",
    entityId: id,
    organisationId: a.organisationId,
    subjectId: application.applicantId,
    details: {
      outcome,
      ineligibleReasons: a.ineligibleReasons,
      applicationState: { from: application.state, to: state },
      documentId,
      largePrint: input.largePrint,
      notesInLetter: outcome === "ineligible" && (input.includeNotes ?? false),
    },
  });
  return { documentId, outcome };
}

import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { assessments, investigationLines } from "~/db/schema";
import { conflict, forbidden, invalid } from "~/errors/app-error";
import { jurisdictionOfCourt } from "~/intake/court-jurisdiction";
import { applicantOf } from "./applicant-of.server";
import { type AssessmentAnswers, diffAnswers } from "./diff";
import { requireAssess } from "./guard";
import { answersOf, type LoadedAssessment, loadAssessment } from "./load-assessment.server";
import { assessmentOptions } from "./reference-data.server";
import { isEditable, STATUS_LABELS } from "./rules";
import type { AssessmentInput } from "./schemas";

/** Only the assessor it is assigned to changes an assessment; others take it over first. */
export function requireAssignedAssessor(acting: Acting, loaded: LoadedAssessment): void {
  const a = loaded.assessment;
  if (a.assessorId !== acting.viewer.id)
    throw forbidden(
      "This assessment is assigned to another assessor. Ask them to hand it to you, or take it over from the assessment queue.",
    );
  if (!isEditable(a.status))
    throw invalid(
      `This assessment cannot be changed: it is ${STATUS_LABELS[a.status].toLowerCase()}.`,
    );
}

/**
 * Throws a conflict naming each field that differs when someone else saved since this form
 * was loaded; nothing is overwritten. `details.differences` lists them for the page.
 */
export function requireCurrentVersion(
  loaded: LoadedAssessment,
  version: number,
  yours: AssessmentAnswers,
) {
  if (loaded.assessment.version === version) return;
  throw conflict(
    "Someone else saved this assessment after you opened it. Your changes are not saved: compare them with what is saved now, then save again.",
    {
      version: loaded.assessment.version,
      differences: diffAnswers(answersOf(loaded), yours),
    },
  );
}

/** Saves the assessment's answers as a draft (partial answers are fine). */
export async function saveAssessment(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: AssessmentInput,
): Promise<{ version: number; changed: string[] }> {
  requireAssess(acting);
  const loaded = await loadAssessment(tx, id, { forUpdate: true });
  requireAssignedAssessor(acting, loaded);
  const { version, ...answers } = input;
  requireCurrentVersion(loaded, version, answers);
  await requireKnownOptions(tx, answers);

  const changed = diffAnswers(answersOf(loaded), answers).map((d) => d.field);
  const next = loaded.assessment.version + 1;
  // Left empty, the court's type and jurisdiction are what its name implies (the assessor can change them).
  const inferred = jurisdictionOfCourt(answers.courtName);
  await tx
    .update(assessments)
    .set({
      offences: answers.offences ?? null,
      offenceType: answers.offenceType ?? null,
      courtType: answers.courtType ?? inferred?.courtType ?? null,
      courtName: answers.courtName ?? null,
      jurisdiction: answers.jurisdiction ?? inferred?.jurisdiction ?? null,
      offenceDate: answers.offenceDate ?? null,
      convictionDate: answers.convictionDate ?? null,
      sentenceDate: answers.sentenceDate ?? null,
      plea: answers.plea ?? null,
      sentence: answers.sentence ?? null,
      tariff: answers.tariff ?? null,
      coDefendants: answers.coDefendants ?? null,
      appealStages: answers.appealStages,
      priorReviews: answers.priorReviews,
      claimsFactualInnocence: answers.claimsFactualInnocence ?? null,
      couldBeInnocent: answers.couldBeInnocent ?? null,
      couldBeInnocentReasons: answers.couldBeInnocentReasons ?? null,
      canBeInvestigated: answers.canBeInvestigated ?? null,
      canBeInvestigatedReasons: answers.canBeInvestigatedReasons ?? null,
      suspectedCauses: answers.suspectedCauses,
      flags: answers.flags,
      updatedAt: new Date(),
      updatedBy: acting.viewer.id,
      version: next,
    })
    .where(eq(assessments.id, id));
  if (changed.includes("lines")) {
    await tx.delete(investigationLines).where(eq(investigationLines.assessmentId, id));
    if (answers.lines.length > 0)
      await tx.insert(investigationLines).values(
        answers.lines.map((l, position) => ({
          assessmentId: id,
          position,
          category: l.category,
          description: l.description,
          rationale: l.rationale ?? "",
          priority: l.priority,
        })),
      );
  }
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.saved",
    entityType: "assessment",
    entityId: id,
    organisationId: loaded.assessment.organisationId,
    subjectId: await applicantOf(tx, loaded.assessment.applicationId),
    details: { changed, version: next },
  });
  return { version: next, changed };
}

/** Causes and categories must come from the lists (an inactive one already saved may stay). */
async function requireKnownOptions(tx: Queryable, answers: AssessmentAnswers) {
  const { causes, categories } = await assessmentOptions(tx);
  const causeKeys = new Set(causes.map((c) => c.key));
  const unknownCause = answers.suspectedCauses.find((c) => !causeKeys.has(c));
  if (unknownCause)
    throw invalid("Choose suspected causes from the list.", { field: "suspectedCauses" });
  const categoryKeys = new Set(categories.map((c) => c.key));
  const badLine = answers.lines.findIndex((l) => !categoryKeys.has(l.category));
  if (badLine >= 0)
    throw invalid("Choose a category from the list for each line of investigation.", {
      field: `lines[${badLine}].category`,
    });
}

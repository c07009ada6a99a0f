import { and, desc, eq, ne } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications, assessments, investigationLines } from "~/db/schema";
import { invalid, notFound } from "~/errors/app-error";
import { jurisdictionOfCourt } from "~/intake/court-jurisdiction";
import type { Questionnaire } from "~/intake/questionnaire";
import { STATE_LABELS } from "~/intake/transitions";
import { requireAssess } from "./guard";
import { listAssessors } from "./hand-over.server";
import { answersOf, loadAssessment } from "./load-assessment.server";

/** The states from which an application can be taken for assessment. */
export const ASSESSABLE_STATES = ["ready_for_assessment", "awaiting_information"] as const;

const isoOrNull = (v: unknown) =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
const textOrNull = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * Takes an application for assessment: opens a draft assessed by the acting assessor, or by
 * `options.assessorId` when someone assigns it (the bulk assignment of the assessment queue),
 * or returns the one already open, and moves the application to "under assessment". The
 * conviction is pre-filled from the questionnaire (the court's type and jurisdiction as its
 * name implies: app/intake/court-jurisdiction.ts); when the application was waiting for
 * information after an earlier assessment, that assessment's answers and lines carry over.
 */
export async function startAssessment(
  tx: Queryable,
  acting: Acting,
  applicationId: string,
  options: { assessorId?: string } = {},
): Promise<{ id: string; created: boolean }> {
  requireAssess(acting);
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) throw notFound("application");
  const assessorId = options.assessorId ?? acting.viewer.id;
  if (
    assessorId !== acting.viewer.id &&
    !(await listAssessors(tx)).some((s) => s.id === assessorId)
  )
    throw invalid("Choose someone who can assess applications.", { field: "assessorId" });
  const [application] = await tx
    .select()
    .from(applications)
    .where(eq(applications.id, applicationId))
    .for("update");
  if (!application) throw notFound("application");
  const [open] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.applicationId, applicationId), ne(assessments.status, "decided")));
  if (open) return { id: open.id, created: false };
  if (application.isDraft)
    throw invalid("This application is still a draft: intake must finish entering it first.");
  if (!(ASSESSABLE_STATES as readonly string[]).includes(application.state))
    throw invalid(
      `An application that is ${STATE_LABELS[application.state].toLowerCase()} cannot be assessed. It must be ready for assessment.`,
    );

  const [previous] = await tx
    .select({ id: assessments.id, recommendation: assessments.recommendation })
    .from(assessments)
    .where(eq(assessments.applicationId, applicationId))
    .orderBy(desc(assessments.createdAt))
    .limit(1);
  const carried =
    previous?.recommendation === "more_information" ? await loadAssessment(tx, previous.id) : null;
  const q = application.questionnaire as Questionnaire;
  const [created] = await tx
    .insert(assessments)
    .values({
      organisationId: application.organisationId,
      applicationId,
      assessorId,
      updatedBy: acting.viewer.id,
      previousAssessmentId: carried?.assessment.id ?? null,
      ...(carried
        ? copyAnswers(carried.assessment)
        : {
            offences: textOrNull(q.offences),
            courtName: textOrNull(q.court),
            courtType: jurisdictionOfCourt(q.court)?.courtType ?? null,
            jurisdiction: jurisdictionOfCourt(q.court)?.jurisdiction ?? null,
            offenceDate: isoOrNull(q.offenceDate),
            convictionDate: isoOrNull(q.convictionDate),
            plea: textOrNull(q.plea),
            sentence: textOrNull(q.sentence),
          }),
    })
    .returning({ id: assessments.id });
  if (!created) throw new Error("the assessment was not created");
  if (carried) await copyLines(tx, carried.assessment.id, created.id);
  await tx
    .update(applications)
    .set({ state: "under_assessment", updatedAt: new Date(), version: application.version + 1 })
    .where(eq(applications.id, applicationId));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.started",
    entityType: "assessment",
    entityId: created.id,
    subjectId: application.applicantId,
    organisationId: application.organisationId,
    details: {
      applicationId,
      reference: application.reference,
      from: application.state,
      continues: carried?.assessment.id ?? null,
      ...(assessorId !== acting.viewer.id ? { assessorId } : {}),
    },
  });
  return { id: created.id, created: true };
}

type Row = Awaited<ReturnType<typeof loadAssessment>>["assessment"];

/** The answers of an earlier assessment, for one that continues it. */
export function copyAnswers(a: Row) {
  return {
    offences: a.offences,
    offenceType: a.offenceType,
    courtType: a.courtType,
    courtName: a.courtName,
    jurisdiction: a.jurisdiction,
    offenceDate: a.offenceDate,
    convictionDate: a.convictionDate,
    sentenceDate: a.sentenceDate,
    plea: a.plea,
    sentence: a.sentence,
    tariff: a.tariff,
    coDefendants: a.coDefendants,
    appealStages: a.appealStages,
    priorReviews: a.priorReviews,
    claimsFactualInnocence: a.claimsFactualInnocence,
    couldBeInnocent: a.couldBeInnocent,
    couldBeInnocentReasons: a.couldBeInnocentReasons,
    canBeInvestigated: a.canBeInvestigated,
    canBeInvestigatedReasons: a.canBeInvestigatedReasons,
    suspectedCauses: a.suspectedCauses,
    flags: a.flags,
  };
}

export async function copyLines(tx: Queryable, fromId: string, toId: string): Promise<void> {
  const lines = answersOf(await loadAssessment(tx, fromId)).lines;
  if (lines.length === 0) return;
  await tx.insert(investigationLines).values(
    lines.map((l, position) => ({
      assessmentId: toId,
      position,
      category: l.category,
      description: l.description,
      rationale: l.rationale ?? "",
      priority: l.priority,
    })),
  );
}

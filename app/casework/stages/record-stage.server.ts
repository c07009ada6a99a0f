import { asc, desc, eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseStageEvents, cases } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { auditCase, leadsCase, mustLead, openCase } from "../case-access.server";
import type { RecordStage } from "./schemas";
import {
  APPEAL_OUTCOME_LABELS,
  addDays,
  DECISION_LABELS,
  REPRESENTATION_DAYS,
  REVIEW_BODY_LABELS,
  STEP_STAGE,
} from "./steps";

/** The note and the deadline a step writes, from what the lead entered. */
export function describeStep(input: RecordStage): {
  note: string;
  deadlineOn: string | null;
  deadlineWhat: string | null;
} {
  const extra = input.note?.trim() ?? "";
  const join = (...parts: (string | null | undefined)[]) =>
    parts.filter((p): p is string => Boolean(p)).join("\n");
  switch (input.step) {
    case "under_review":
      return {
        note: join(`Case review manager: ${input.reviewManager}`, extra),
        deadlineOn: input.deadlineOn ?? null,
        deadlineWhat: input.deadlineOn ? "Under review: follow up" : null,
      };
    case "provisional_statement": {
      const body = input.body ?? "ccrc";
      return {
        note: join(`${REVIEW_BODY_LABELS[body]} provisional statement of reasons`, extra),
        deadlineOn: input.deadlineOn ?? addDays(input.occurredOn, REPRESENTATION_DAYS[body]),
        deadlineWhat: `Representations on the ${REVIEW_BODY_LABELS[body]}'s provisional statement of reasons`,
      };
    }
    case "review_decided":
      return {
        note: join(`Decision: ${input.decision ? DECISION_LABELS[input.decision] : ""}`, extra),
        deadlineOn: input.deadlineOn ?? null,
        deadlineWhat: input.deadlineOn ? "After the review decision" : null,
      };
    case "appeal_hearing":
      return {
        note: join(`Appeal hearing on ${input.hearingOn}`, extra),
        deadlineOn: input.hearingOn ?? null,
        deadlineWhat: "Appeal hearing",
      };
    case "appeal_outcome":
      return {
        note: join(
          `Outcome: ${input.appealOutcome ? APPEAL_OUTCOME_LABELS[input.appealOutcome] : ""}`,
          extra,
        ),
        deadlineOn: null,
        deadlineWhat: null,
      };
    case "concluded":
      return { note: join(input.outcomeReason, extra), deadlineOn: null, deadlineWhat: null };
    default:
      return {
        note: extra,
        deadlineOn: input.deadlineOn ?? null,
        deadlineWhat: input.deadlineOn ? "Next step" : null,
      };
  }
}

/**
 * A lead records a step of the case: a stage event (with the deadline it sets, if any), and
 * the case moves to the step's stage. Concluding sets the outcome and its reasons. Audited.
 */
export async function recordStage(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: RecordStage,
): Promise<{ eventId: string }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustLead(acting, c, "record the case's stages");
  if (!(ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage))
    throw invalid("The case is no longer with the project.");
  const stage = STEP_STAGE[input.step];
  const { note, deadlineOn, deadlineWhat } = describeStep(input);
  const [event] = await tx
    .insert(caseStageEvents)
    .values({
      caseId: c.id,
      stage: input.step,
      occurredOn: input.occurredOn,
      note,
      deadlineOn,
      deadlineWhat,
      recordedBy: acting.viewer.id,
    })
    .returning({ id: caseStageEvents.id });
  if (!event) throw invalid("The step could not be recorded.");
  await tx
    .update(cases)
    .set({
      stage,
      ...(input.step === "concluded"
        ? { outcome: input.outcome ?? null, outcomeReason: input.outcomeReason ?? null }
        : {}),
      lastActivityAt: new Date(),
      updatedAt: new Date(),
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, c.id));
  await auditCase(tx, acting, c, "case_stage.recorded", {
    step: input.step,
    from: c.stage,
    to: stage,
    occurredOn: input.occurredOn,
    deadlineOn,
    ...(input.step === "concluded" ? { outcome: input.outcome } : {}),
  });
  return { eventId: event.id };
}

/** The stages page: the steps so far, newest first, and whether the user may record one. */
export async function getCaseStages(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const events = await tx
    .select()
    .from(caseStageEvents)
    .where(eq(caseStageEvents.caseId, c.id))
    .orderBy(
      desc(caseStageEvents.occurredOn),
      desc(caseStageEvents.createdAt),
      asc(caseStageEvents.id),
    );
  await auditCase(tx, acting, c, "case_stages.viewed");
  const active = (ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage);
  const jurisdiction = (c.conviction as { jurisdiction?: string }).jurisdiction;
  return {
    case: {
      id: c.id,
      reference: c.reference,
      applicantName: c.applicant.fullName,
      stage: c.stage,
      outcome: c.outcome,
      outcomeReason: c.outcomeReason,
      reviewBody: jurisdiction === "scotland" ? ("sccrc" as const) : ("ccrc" as const),
    },
    events: events.map((e) => ({
      id: e.id,
      step: e.stage,
      occurredOn: e.occurredOn,
      note: e.note,
      deadlineOn: e.deadlineOn,
      deadlineWhat: e.deadlineWhat,
    })),
    can: { record: leadsCase(acting, c) && active },
  };
}

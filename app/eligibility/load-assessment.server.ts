import { asc, desc, eq } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { assessmentReviews, assessments, investigationLines } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import type { AssessmentAnswers } from "./diff";

export type AssessmentRow = typeof assessments.$inferSelect;
export type LineRow = typeof investigationLines.$inferSelect;
export type ReviewRow = typeof assessmentReviews.$inferSelect;

export interface LoadedAssessment {
  assessment: AssessmentRow;
  lines: LineRow[];
  reviews: ReviewRow[];
}

/** One assessment with its lines and review rounds, as row-level security lets the user see it. */
export async function loadAssessment(
  tx: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedAssessment> {
  if (!isId(id)) throw notFound("assessment");
  const query = tx.select().from(assessments).where(eq(assessments.id, id));
  const [assessment] = options.forUpdate ? await query.for("update") : await query;
  if (!assessment) throw notFound("assessment");
  const lines = await tx
    .select()
    .from(investigationLines)
    .where(eq(investigationLines.assessmentId, id))
    .orderBy(asc(investigationLines.position));
  const reviews = await tx
    .select()
    .from(assessmentReviews)
    .where(eq(assessmentReviews.assessmentId, id))
    .orderBy(desc(assessmentReviews.requestedAt));
  return { assessment, lines, reviews };
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** The saved assessment in the shape of the form, for filling it and for comparing saves. */
export function answersOf({ assessment: a, lines }: LoadedAssessment): AssessmentAnswers {
  return {
    offences: orUndefined(a.offences),
    offenceType: orUndefined(a.offenceType),
    courtType: orUndefined(a.courtType),
    courtName: orUndefined(a.courtName),
    jurisdiction: orUndefined(a.jurisdiction),
    offenceDate: orUndefined(a.offenceDate),
    convictionDate: orUndefined(a.convictionDate),
    sentenceDate: orUndefined(a.sentenceDate),
    plea: orUndefined(a.plea),
    sentence: orUndefined(a.sentence),
    tariff: orUndefined(a.tariff),
    coDefendants: orUndefined(a.coDefendants),
    appealStages: a.appealStages.map((s) => ({
      stage: s.stage,
      date: s.date,
      outcome: s.outcome,
      grounds: s.grounds,
    })),
    priorReviews: a.priorReviews.map((r) => ({
      body: r.body,
      reference: r.reference,
      appliedOn: r.appliedOn,
      decision: r.decision,
      decidedOn: r.decidedOn,
    })),
    claimsFactualInnocence: orUndefined(a.claimsFactualInnocence),
    couldBeInnocent: orUndefined(a.couldBeInnocent),
    couldBeInnocentReasons: orUndefined(a.couldBeInnocentReasons),
    canBeInvestigated: orUndefined(a.canBeInvestigated),
    canBeInvestigatedReasons: orUndefined(a.canBeInvestigatedReasons),
    lines: lines.map((l) => ({
      category: l.category,
      description: l.description,
      rationale: l.rationale || undefined,
      priority: l.priority,
    })),
    suspectedCauses: a.suspectedCauses,
    flags: a.flags,
  };
}

import { and, count, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import {
  type ClosingChecklist,
  caseClosures,
  caseCorrespondence,
  caseDocuments,
  caseLines,
  caseStageEvents,
  cases,
  paperRequests,
} from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { today } from "~/shared/dates";
import { auditCase, type CaseRow, leadsCase, mustLead, openCase } from "../case-access.server";
import type { CloseCase, ReopenCase } from "./closing-schemas";
import { CONCLUSIONS, OUTCOME_LABELS } from "./steps";

const isActive = (c: CaseRow) => (ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage);

/**
 * What the closing checklist shows, from the case as it is: lines of investigation still open,
 * papers requested and not answered, documents the project received from someone (originals
 * to send back), and the last letter sent out (the client's closing letter).
 */
async function closingChecklist(tx: Queryable, caseId: string): Promise<ClosingChecklist> {
  const [lines] = await tx
    .select({ n: count() })
    .from(caseLines)
    .where(
      and(eq(caseLines.caseId, caseId), inArray(caseLines.status, ["not_started", "in_progress"])),
    );
  const [papers] = await tx
    .select({ n: count() })
    .from(paperRequests)
    .where(and(eq(paperRequests.caseId, caseId), eq(paperRequests.status, "sent")));
  const [documents] = await tx
    .select({ n: count() })
    .from(caseDocuments)
    .where(
      and(
        eq(caseDocuments.caseId, caseId),
        isNull(caseDocuments.sourceDocumentId),
        ne(sql`coalesce(${caseDocuments.receivedFrom}, '')`, ""),
      ),
    );
  const [letter] = await tx
    .select({ on: caseCorrespondence.occurredOn })
    .from(caseCorrespondence)
    .where(
      and(
        eq(caseCorrespondence.caseId, caseId),
        eq(caseCorrespondence.direction, "out"),
        eq(caseCorrespondence.kind, "letter"),
      ),
    )
    .orderBy(desc(caseCorrespondence.occurredOn), desc(caseCorrespondence.createdAt))
    .limit(1);
  return {
    openLines: lines?.n ?? 0,
    papersOutstanding: papers?.n ?? 0,
    documentsToReturn: documents?.n ?? 0,
    lastLetterToClientOn: letter?.on ?? null,
  };
}

async function latestClosure(tx: Queryable, caseId: string) {
  const [row] = await tx
    .select()
    .from(caseClosures)
    .where(eq(caseClosures.caseId, caseId))
    .orderBy(desc(caseClosures.closedAt))
    .limit(1);
  return row ?? null;
}

/** The closing page: the checklist for an open case, or the closing of a closed one. Audited. */
export async function getCaseClosing(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const checklist = await closingChecklist(tx, c.id);
  const closure = await latestClosure(tx, c.id);
  await auditCase(tx, acting, c, "case_closing.viewed");
  const lead = leadsCase(acting, c);
  return {
    case: {
      id: c.id,
      reference: c.reference,
      applicantName: c.applicant.fullName,
      stage: c.stage,
      outcome: c.outcome,
    },
    checklist,
    closure: closure
      ? {
          outcome: closure.outcome,
          reasons: closure.reasons,
          closedAt: closure.closedAt.toISOString(),
          reopenedAt: closure.reopenedAt?.toISOString() ?? null,
          reopenReason: closure.reopenReason,
        }
      : null,
    can: { lead, close: lead && isActive(c), reopen: lead && c.stage === "closed" },
  };
}

/**
 * The lead closes the case after confirming the checklist: a "closed" step on its stages, the
 * closing kept with the checklist's figures and the stage it left, and the case's stage,
 * outcome and reasons set. A closed case no longer counts as active: it leaves the project's
 * capacity, its reminders and what blocks the project's closure. Audited.
 */
export async function closeCase(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: CloseCase,
): Promise<{ closureId: string }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustLead(acting, c, "close a case");
  if (!isActive(c)) throw invalid("This case is no longer open with the project.");
  const checklist = await closingChecklist(tx, c.id);
  // The step goes in while the case is still open: the database refuses it afterwards.
  await tx.insert(caseStageEvents).values({
    caseId: c.id,
    stage: "closed",
    occurredOn: today(),
    note: `${OUTCOME_LABELS[input.outcome]}\n${input.reasons}`,
    recordedBy: acting.viewer.id,
  });
  const [closure] = await tx
    .insert(caseClosures)
    .values({
      caseId: c.id,
      outcome: input.outcome,
      reasons: input.reasons,
      checklist,
      fromStage: c.stage,
      closedBy: acting.viewer.id,
    })
    .returning({ id: caseClosures.id });
  if (!closure) throw invalid("The case could not be closed.");
  await tx
    .update(cases)
    .set({
      stage: "closed",
      outcome: input.outcome,
      outcomeReason: input.reasons,
      endedAt: new Date(),
      lastActivityAt: new Date(),
      updatedAt: new Date(),
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, c.id));
  await auditCase(tx, acting, c, "case.closed", {
    from: c.stage,
    outcome: input.outcome,
    checklist,
  });
  return { closureId: closure.id };
}

/**
 * The lead reopens a closed case, with the reason: it returns to the stage it was closed from,
 * active again. A conclusion on the claim stays; an outcome that only said why it closed
 * (handed back, withdrew, died) is cleared. Audited.
 */
export async function reopenCase(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: ReopenCase,
): Promise<void> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustLead(acting, c, "reopen a case");
  if (c.stage !== "closed") throw invalid("This case is not closed.");
  const closure = await latestClosure(tx, c.id);
  const to = closure?.fromStage ?? "investigating";
  const keepsOutcome = (CONCLUSIONS as readonly string[]).includes(c.outcome ?? "");
  await tx
    .update(cases)
    .set({
      stage: to,
      ...(keepsOutcome ? {} : { outcome: null, outcomeReason: null }),
      endedAt: null,
      lastActivityAt: new Date(),
      updatedAt: new Date(),
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, c.id));
  if (closure)
    await tx
      .update(caseClosures)
      .set({ reopenedAt: new Date(), reopenedBy: acting.viewer.id, reopenReason: input.reason })
      .where(eq(caseClosures.id, closure.id));
  await tx.insert(caseStageEvents).values({
    caseId: c.id,
    stage: "reopened",
    occurredOn: today(),
    note: input.reason,
    recordedBy: acting.viewer.id,
  });
  await auditCase(tx, acting, c, "case.reopened", { to, reason: input.reason });
}

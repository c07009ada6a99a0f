import { and, eq, gt, inArray, isNotNull, lte } from "drizzle-orm";
import { addDays } from "~/casework/stages/steps";
import type { Queryable } from "~/db/database.server";
import { caseStageEvents, cases } from "~/db/schema";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import type { DueDeadline } from "./reminder-notice";

/** A case's people are reminded of a deadline this many days before it falls due. */
export const REMINDER_WINDOW_DAYS = 7;

/**
 * A stage step's deadline that passed more than this many days ago is not reminded any
 * more: the case page stops listing a step's deadline once it has passed, and without this
 * someone newly put on a case would be told of every deadline in its history. The annual
 * report and the progress letter stay due until the project moves their date on, so they
 * are reminded however late they are.
 */
export const STEP_LOOKBACK_DAYS = 7;

/**
 * The deadlines of every active case that fall due within REMINDER_WINDOW_DAYS of `day`
 * or have already passed: the annual report to the network, the next progress letter to
 * the client, and deadlines set by stage steps. Read as the owner, for the housekeeping.
 */
export async function dueDeadlines(tx: Queryable, day: string): Promise<DueDeadline[]> {
  const horizon = addDays(day, REMINDER_WINDOW_DAYS);
  const active = inArray(cases.stage, [...ACTIVE_CASE_STAGES]);
  const caseFields = {
    caseId: cases.id,
    organisationId: cases.organisationId,
    reference: cases.reference,
  };
  const reports = await tx
    .select({ ...caseFields, on: cases.annualReportDueOn })
    .from(cases)
    .where(and(active, lte(cases.annualReportDueOn, horizon)));
  const letters = await tx
    .select({ ...caseFields, on: cases.nextProgressLetterOn })
    .from(cases)
    .where(
      and(active, isNotNull(cases.nextProgressLetterOn), lte(cases.nextProgressLetterOn, horizon)),
    );
  const steps = await tx
    .select({ ...caseFields, on: caseStageEvents.deadlineOn, what: caseStageEvents.deadlineWhat })
    .from(caseStageEvents)
    .innerJoin(cases, eq(cases.id, caseStageEvents.caseId))
    .where(
      and(
        active,
        isNotNull(caseStageEvents.deadlineOn),
        lte(caseStageEvents.deadlineOn, horizon),
        gt(caseStageEvents.deadlineOn, addDays(day, -STEP_LOOKBACK_DAYS)),
      ),
    );
  const due: DueDeadline[] = [
    ...reports.map((r) => ({
      ...r,
      kind: "annual_report" as const,
      what: "Annual case report to the network",
    })),
    ...letters.flatMap((r) =>
      r.on
        ? [
            {
              ...r,
              on: r.on,
              kind: "progress_letter" as const,
              what: "Progress letter to the client",
            },
          ]
        : [],
    ),
    ...steps.flatMap((s) =>
      s.on ? [{ ...s, on: s.on, kind: "deadline" as const, what: s.what ?? "Deadline" }] : [],
    ),
  ];
  return due.sort((a, b) => a.on.localeCompare(b.on) || a.reference.localeCompare(b.reference));
}

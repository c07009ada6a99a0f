import { and, asc, gte, inArray, isNotNull } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { caseStageEvents, cases } from "~/db/schema";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";

export interface Deadline {
  caseId: string;
  reference: string;
  on: string;
  what: string;
}

/**
 * The coming deadlines of the given cases, soonest first: deadlines set by stage steps that
 * have not passed, the annual report to the network, and the next progress letter to the
 * client. Reads under row-level security, so a case the user may not see gives nothing.
 */
export async function caseDeadlines(
  tx: Queryable,
  caseIds: readonly string[],
  from: string,
): Promise<Deadline[]> {
  if (caseIds.length === 0) return [];
  const rows = await tx
    .select({
      id: cases.id,
      reference: cases.reference,
      stage: cases.stage,
      annualReportDueOn: cases.annualReportDueOn,
      nextProgressLetterOn: cases.nextProgressLetterOn,
    })
    .from(cases)
    .where(inArray(cases.id, [...caseIds]));
  const active = rows.filter((r) => (ACTIVE_CASE_STAGES as readonly string[]).includes(r.stage));
  const reference = new Map(active.map((r) => [r.id, r.reference]));
  const deadlines: Deadline[] = [];
  for (const r of active) {
    deadlines.push({
      caseId: r.id,
      reference: r.reference,
      on: r.annualReportDueOn,
      what: "Annual case report to the network",
    });
    if (r.nextProgressLetterOn)
      deadlines.push({
        caseId: r.id,
        reference: r.reference,
        on: r.nextProgressLetterOn,
        what: "Progress letter to the client",
      });
  }
  if (active.length > 0) {
    const steps = await tx
      .select({
        caseId: caseStageEvents.caseId,
        on: caseStageEvents.deadlineOn,
        what: caseStageEvents.deadlineWhat,
      })
      .from(caseStageEvents)
      .where(
        and(
          inArray(caseStageEvents.caseId, [...reference.keys()]),
          isNotNull(caseStageEvents.deadlineOn),
          gte(caseStageEvents.deadlineOn, from),
        ),
      )
      .orderBy(asc(caseStageEvents.deadlineOn));
    for (const s of steps)
      if (s.on)
        deadlines.push({
          caseId: s.caseId,
          reference: reference.get(s.caseId) ?? "",
          on: s.on,
          what: s.what ?? "Deadline",
        });
  }
  return deadlines.sort(
    (a, b) => a.on.localeCompare(b.on) || a.reference.localeCompare(b.reference),
  );
}

/**
 * The home page's "Your deadlines": those of the active cases the user sees in their own
 * projects (a lead: all the project's; a caseworker: the cases they are on), up to `limit`.
 */
export async function myDeadlines(
  tx: Queryable,
  acting: Acting,
  from: string,
  limit = 10,
): Promise<Deadline[]> {
  const visible = await tx
    .select({ id: cases.id, organisationId: cases.organisationId })
    .from(cases)
    .where(inArray(cases.stage, [...ACTIVE_CASE_STAGES]));
  const mine = visible
    .filter((c) => can(acting.viewer, "view:case:own", c.organisationId))
    .map((c) => c.id);
  return (await caseDeadlines(tx, mine, from)).slice(0, limit);
}

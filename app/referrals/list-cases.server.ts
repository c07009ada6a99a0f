import { and, asc, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { cases, organisations } from "~/db/schema";
import type { CASE_STAGES } from "~/db/schema/referrals";
import { forbidden } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES } from "./case-returns.server";
import { caseProjectIds } from "./project-scope";

export interface CaseListItem {
  id: string;
  reference: string;
  applicantName: string;
  projectName: string;
  stage: (typeof CASE_STAGES)[number];
  acceptedOn: string;
  lastActivityOn: string;
  annualReportDueOn: string;
  endedOn: string | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The cases of the projects the user works in (leads and caseworkers): those still with the
 * project first, the annual report soonest due first; then those that left it.
 */
export async function listCases(
  tx: Queryable,
  acting: Acting,
): Promise<{ active: CaseListItem[]; ended: CaseListItem[] }> {
  const projects = caseProjectIds(acting.viewer);
  if (projects.length === 0) throw forbidden("Only a project's members see its cases.");
  const columns = {
    id: cases.id,
    reference: cases.reference,
    applicantName: sql<string>`${cases.applicant}->>'fullName'`,
    projectName: organisations.name,
    stage: cases.stage,
    createdAt: cases.createdAt,
    lastActivityAt: cases.lastActivityAt,
    annualReportDueOn: cases.annualReportDueOn,
    endedAt: cases.endedAt,
  };
  const mine = inArray(cases.organisationId, projects);
  const active = await tx
    .select(columns)
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(mine, inArray(cases.stage, [...ACTIVE_CASE_STAGES])))
    .orderBy(asc(cases.annualReportDueOn), asc(cases.reference));
  const ended = await tx
    .select(columns)
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(mine, notInArray(cases.stage, [...ACTIVE_CASE_STAGES])))
    .orderBy(desc(cases.endedAt), asc(cases.reference))
    .limit(200);
  const shape = (r: (typeof active)[number]): CaseListItem => ({
    id: r.id,
    reference: r.reference,
    applicantName: r.applicantName,
    projectName: r.projectName,
    stage: r.stage,
    acceptedOn: day(r.createdAt),
    lastActivityOn: day(r.lastActivityAt),
    annualReportDueOn: r.annualReportDueOn,
    endedOn: r.endedAt ? day(r.endedAt) : null,
  });
  return { active: active.map(shape), ended: ended.map(shape) };
}

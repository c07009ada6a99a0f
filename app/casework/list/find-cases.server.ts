import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { cases, caseTeam, organisations, users } from "~/db/schema";
import type { CASE_OUTCOMES } from "~/db/schema/referrals";
import { forbidden } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { caseProjectIds } from "~/referrals/project-scope";
import { addDays, today as todayIso } from "~/shared/dates";
import { CASE_LIST_LIMIT, type CaseListFilters, type CaseStage } from "./case-list-params";

export interface FoundCase {
  id: string;
  reference: string;
  applicantName: string;
  projectName: string;
  stage: CaseStage;
  outcome: (typeof CASE_OUTCOMES)[number] | null;
  lastActivityOn: string;
  /** The soonest deadline still to meet: overdue ones count; none once the case is not open. */
  nextDeadlineOn: string | null;
  endedOn: string | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const active = [...ACTIVE_CASE_STAGES];

/**
 * The cases of the projects the user works in (a lead: all the project's; a caseworker: the
 * cases they are on, by row-level security), filtered as the list's form asks: open (the
 * default), closed or left; by stage, by a member of the team today, by the next deadline,
 * and by how long the case has been quiet. Open cases soonest deadline first; others most
 * recently ended first. Also the team members the user can filter by.
 */
export async function findCases(
  tx: Queryable,
  acting: Acting,
  filters: CaseListFilters,
  options: { today?: string } = {},
): Promise<{
  cases: FoundCase[];
  members: { id: string; name: string }[];
  truncated: boolean;
  today: string;
}> {
  const projects = caseProjectIds(acting.viewer);
  if (projects.length === 0) throw forbidden("Only a project's members see its cases.");
  const today = options.today ?? todayIso();
  const isActive = inArray(cases.stage, active);
  // The soonest of the annual report, the progress letter and any stage deadline not yet past;
  // nothing for a case that is not open.
  const nextDeadline = sql<string | null>`case when ${isActive} then least(
      ${cases.annualReportDueOn}, ${cases.nextProgressLetterOn},
      (select min(e.deadline_on) from case_stage_events e
        where e.case_id = ${cases.id} and e.deadline_on >= ${today}::date)
    )::text end`;
  const where: SQL[] = [inArray(cases.organisationId, projects)];
  if (filters.status === "open") where.push(isActive);
  if (filters.status === "closed") where.push(eq(cases.stage, "closed"));
  if (filters.status === "left")
    where.push(notInArray(cases.stage, [...active, "closed"] as CaseStage[]));
  if (filters.stage) where.push(eq(cases.stage, filters.stage));
  if (filters.memberId)
    where.push(sql`exists (select 1 from case_team t where t.case_id = ${cases.id}
      and t.user_id = ${filters.memberId}::uuid and t.starts_on <= ${today}::date
      and (t.ends_on is null or t.ends_on > ${today}::date))`);
  if (filters.deadline === "overdue") where.push(sql`${nextDeadline} < ${today}`);
  else if (filters.deadline)
    where.push(sql`${nextDeadline} <= ${addDays(today, Number(filters.deadline))}`);
  if (filters.quietDays)
    where.push(sql`${cases.lastActivityAt} < ${addDays(today, -filters.quietDays)}::date`);
  const rows = await tx
    .select({
      id: cases.id,
      reference: cases.reference,
      applicantName: sql<string>`${cases.applicant}->>'fullName'`,
      projectName: organisations.name,
      stage: cases.stage,
      outcome: cases.outcome,
      lastActivityAt: cases.lastActivityAt,
      nextDeadlineOn: nextDeadline,
      endedAt: cases.endedAt,
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(...where))
    .orderBy(sql`${nextDeadline} asc nulls last`, desc(cases.endedAt), asc(cases.reference))
    .limit(CASE_LIST_LIMIT + 1);
  const members = await tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(caseTeam)
    .innerJoin(users, eq(users.id, caseTeam.userId))
    .innerJoin(cases, eq(cases.id, caseTeam.caseId))
    .where(
      and(
        inArray(cases.organisationId, projects),
        sql`${caseTeam.startsOn} <= ${today}::date`,
        sql`(${caseTeam.endsOn} is null or ${caseTeam.endsOn} > ${today}::date)`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  return {
    today,
    truncated: rows.length > CASE_LIST_LIMIT,
    members,
    cases: rows.slice(0, CASE_LIST_LIMIT).map((r) => ({
      id: r.id,
      reference: r.reference,
      applicantName: r.applicantName,
      projectName: r.projectName,
      stage: r.stage,
      outcome: r.outcome,
      lastActivityOn: day(r.lastActivityAt),
      nextDeadlineOn: r.nextDeadlineOn,
      endedOn: r.endedAt ? day(r.endedAt) : null,
    })),
  };
}

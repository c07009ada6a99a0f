import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { caseReports, cases, organisations } from "~/db/schema";
import type { CASE_OUTCOMES, CASE_STAGES } from "~/db/schema/referrals";
import { forbidden, notFound } from "~/errors/app-error";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { today as todayIso } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { readSentReport, type SentCaseReport } from "./case-report.server";

export interface NetworkCaseFilters {
  projectId?: string;
  stage?: (typeof CASE_STAGES)[number];
}

export interface NetworkCase {
  id: string;
  reference: string;
  applicantName: string;
  projectId: string;
  projectName: string;
  stage: (typeof CASE_STAGES)[number];
  outcome: (typeof CASE_OUTCOMES)[number] | null;
  lastActivityOn: string;
  /** Null once the case has left the project: no report is due then. */
  annualReportDueOn: string | null;
  reportOverdue: boolean;
  lastReport: { id: string; sentOn: string; periodFrom: string; periodTo: string } | null;
}

function mustOversee(acting: Acting): void {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Only the network's case staff can see the projects' cases.");
}

/**
 * The network's oversight of the cases at its member projects: each case's stage and
 * outcome, when it was last worked on, when its annual report is due and the last one sent.
 * Nothing of the working file is read: only the `cases` row and the reports the projects sent.
 */
export async function listNetworkCases(
  tx: Queryable,
  acting: Acting,
  filters: NetworkCaseFilters = {},
  options: { today?: string } = {},
): Promise<{ cases: NetworkCase[]; projects: { id: string; name: string }[]; today: string }> {
  mustOversee(acting);
  const today = options.today ?? todayIso();
  const where: SQL[] = [];
  if (filters.projectId && isId(filters.projectId))
    where.push(eq(cases.organisationId, filters.projectId));
  if (filters.stage) where.push(eq(cases.stage, filters.stage));
  const rows = await tx
    .select({
      id: cases.id,
      reference: cases.reference,
      applicantName: sql<string>`${cases.applicant}->>'fullName'`,
      projectId: cases.organisationId,
      projectName: organisations.name,
      stage: cases.stage,
      outcome: cases.outcome,
      lastActivityAt: cases.lastActivityAt,
      annualReportDueOn: cases.annualReportDueOn,
    })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(organisations.name), asc(cases.reference));
  const latest =
    rows.length === 0
      ? []
      : await tx
          .selectDistinctOn([caseReports.caseId], {
            caseId: caseReports.caseId,
            id: caseReports.id,
            sentAt: caseReports.sentAt,
            periodFrom: caseReports.periodFrom,
            periodTo: caseReports.periodTo,
          })
          .from(caseReports)
          .where(
            inArray(
              caseReports.caseId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(caseReports.caseId, desc(caseReports.sentAt));
  const lastOf = new Map(latest.map((r) => [r.caseId, r]));
  const projects = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, "project"))
    .orderBy(asc(organisations.name));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "cases.oversight_viewed",
    entityType: "case",
    details: { projectId: filters.projectId ?? null, stage: filters.stage ?? null },
  });
  return {
    today,
    projects,
    cases: rows.map((r) => {
      const active = (ACTIVE_CASE_STAGES as readonly string[]).includes(r.stage);
      const last = lastOf.get(r.id);
      return {
        id: r.id,
        reference: r.reference,
        applicantName: r.applicantName,
        projectId: r.projectId,
        projectName: r.projectName,
        stage: r.stage,
        outcome: r.outcome,
        lastActivityOn: r.lastActivityAt.toISOString().slice(0, 10),
        annualReportDueOn: active ? r.annualReportDueOn : null,
        reportOverdue: active && r.annualReportDueOn < today,
        lastReport: last
          ? {
              id: last.id,
              sentOn: last.sentAt.toISOString().slice(0, 10),
              periodFrom: last.periodFrom,
              periodTo: last.periodTo,
            }
          : null,
      };
    }),
  };
}

/**
 * A report a project sent, as the network reads it: the stored snapshot, never the file.
 * Audited as a view of the case's report.
 */
export async function openNetworkReport(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  reportId: string,
): Promise<SentCaseReport> {
  mustOversee(acting);
  if (!isId(caseId)) throw notFound("report");
  const [c] = await tx
    .select({ id: cases.id, reference: cases.reference, organisationId: cases.organisationId })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!c) throw notFound("report");
  const report = await readSentReport(tx, c.id, reportId);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "case.report.viewed_by_network",
    entityType: "case",
    entityId: c.id,
    organisationId: c.organisationId,
    details: { reference: c.reference, reportId: report.id },
  });
  return report;
}

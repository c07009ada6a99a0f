import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { addMonths } from "~/casework/correspondence/progress-letters";
import type { Queryable } from "~/db/database.server";
import { caseReports, cases } from "~/db/schema";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { today as todayIso } from "~/shared/dates";
import { isId } from "~/shared/ids";
import {
  auditCase,
  type CaseRow,
  leadsCase,
  mustBeOpen,
  mustLead,
  openCase,
} from "../case-access.server";
import {
  assembleCaseReport,
  defaultReportPeriod,
  type ReportPeriod,
} from "./assemble-report.server";
import { asReportContent, type CaseReportContent } from "./report-content";
import type { SendReportInput } from "./schemas";

/**
 * A digest of the content, so that what is sent is what the lead checked: the page carries it
 * and sending refuses when the file has changed since.
 */
export function reportFingerprint(content: CaseReportContent): string {
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** The period asked for, or the default one; a period that ends before it starts is refused. */
async function periodOf(
  tx: Queryable,
  c: CaseRow,
  asked: Partial<ReportPeriod>,
  today: string,
): Promise<ReportPeriod> {
  const fallback = await defaultReportPeriod(tx, c, today);
  const period = { from: asked.from ?? fallback.from, to: asked.to ?? fallback.to };
  if (period.to > today) throw invalid("The report's period cannot end after today.");
  if (period.from > period.to) throw invalid("The report's period must start before it ends.");
  return period;
}

async function sentReportsOf(tx: Queryable, c: CaseRow) {
  return tx
    .select({
      id: caseReports.id,
      periodFrom: caseReports.periodFrom,
      periodTo: caseReports.periodTo,
      sentAt: caseReports.sentAt,
    })
    .from(caseReports)
    .where(eq(caseReports.caseId, c.id))
    .orderBy(desc(caseReports.sentAt));
}

/**
 * The lead's page: the draft report for the period (by default since the last one), the
 * reports sent before, and whether the user may send it (the project's leads only). The team
 * may read the draft. Audited, as a view of the file.
 */
export async function getCaseReportDraft(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  asked: Partial<ReportPeriod> = {},
  options: { printed?: boolean; today?: string } = {},
) {
  const today = options.today ?? todayIso();
  const c = await openCase(tx, acting, caseId);
  const period = await periodOf(tx, c, asked, today);
  const content = await assembleCaseReport(tx, c, period, today);
  const sent = await sentReportsOf(tx, c);
  await auditCase(tx, acting, c, options.printed ? "case.report.printed" : "case.report.viewed", {
    periodFrom: period.from,
    periodTo: period.to,
  });
  return {
    case: {
      id: c.id,
      reference: c.reference,
      annualReportDueOn: c.annualReportDueOn,
    },
    content,
    fingerprint: reportFingerprint(content),
    sent: sent.map((r) => ({ ...r, sentOn: r.sentAt.toISOString().slice(0, 10) })),
    can: { send: leadsCase(acting, c) },
  };
}

export type CaseReportDraft = Awaited<ReturnType<typeof getCaseReportDraft>>;

/**
 * A lead sends the annual case report to the network: the content, drawn again from the file
 * and compared with what the lead checked, is kept as sent with the lead's comments; the next
 * report falls due a year after the date this one was due. Audited as a disclosure, since the
 * content leaves the project for the network.
 */
export async function sendCaseReport(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: SendReportInput,
  options: { today?: string } = {},
): Promise<{ reportId: string; nextDueOn: string }> {
  const today = options.today ?? todayIso();
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "send the annual case report");
  const period = await periodOf(tx, c, { from: input.periodFrom, to: input.periodTo }, today);
  const content = await assembleCaseReport(tx, c, period, today);
  if (reportFingerprint(content) !== input.fingerprint)
    throw conflict(
      "The case file has changed since you checked the report. Check the report again before sending it.",
    );
  const [row] = await tx
    .insert(caseReports)
    .values({
      caseId: c.id,
      organisationId: c.organisationId,
      periodFrom: period.from,
      periodTo: period.to,
      content: content as unknown as Record<string, unknown>,
      leadComment: input.comment,
      sentBy: acting.viewer.id,
    })
    .returning({ id: caseReports.id });
  if (!row) throw invalid("The report could not be sent.");
  const nextDueOn = addMonths(c.annualReportDueOn, 12);
  await tx
    .update(cases)
    .set({
      annualReportDueOn: nextDueOn,
      lastActivityAt: new Date(),
      updatedAt: new Date(),
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, c.id));
  await auditCase(tx, acting, c, "case.report_sent", {
    reportId: row.id,
    periodFrom: period.from,
    periodTo: period.to,
    dueOn: c.annualReportDueOn,
    nextDueOn,
    disclosure: true,
  });
  return { reportId: row.id, nextDueOn };
}

/** One sent report as stored: its content snapshot and the lead's comments. */
export interface SentCaseReport {
  id: string;
  caseId: string;
  content: CaseReportContent;
  comment: string;
  sentOn: string;
}

/** Reads one sent report of a case; one of another case, or not there, is "not found". */
export async function readSentReport(
  tx: Queryable,
  caseId: string,
  reportId: string,
): Promise<SentCaseReport> {
  if (!isId(reportId)) throw notFound("report");
  const [row] = await tx
    .select()
    .from(caseReports)
    .where(and(eq(caseReports.id, reportId), eq(caseReports.caseId, caseId)));
  if (!row) throw notFound("report");
  return {
    id: row.id,
    caseId: row.caseId,
    content: asReportContent(row.content),
    comment: row.leadComment,
    sentOn: row.sentAt.toISOString().slice(0, 10),
  };
}

/** A sent report, for the case's team and leads to print as it went; audited as a view. */
export async function openSentReportForCase(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  reportId: string,
): Promise<SentCaseReport> {
  const c = await openCase(tx, acting, caseId);
  const report = await readSentReport(tx, c.id, reportId);
  await auditCase(tx, acting, c, "case.report.printed", { reportId: report.id, sent: true });
  return report;
}

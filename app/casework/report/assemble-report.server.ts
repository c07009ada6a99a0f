import { and, asc, between, count, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { CaseRow } from "~/casework/case-access.server";
import { caseDeadlines } from "~/casework/overview/deadlines.server";
import { PAPER_KIND_LABELS } from "~/casework/papers/paper-schemas";
import { OUTCOME_LABELS, stepLabel } from "~/casework/stages/steps";
import type { Queryable } from "~/db/database.server";
import {
  caseDocuments,
  caseLines,
  casePapers,
  caseReports,
  caseReviews,
  caseStageEvents,
  investigationCategories,
  organisations,
  paperRequests,
  timeEntries,
  users,
} from "~/db/schema";
import {
  CASE_STAGE_LABELS,
  LINE_RESULT_LABELS,
  LINE_STATUS_LABELS,
} from "~/referrals/project-labels";
import { today as todayIso } from "~/shared/dates";
import type { CaseReportContent } from "./report-content";

export interface ReportPeriod {
  from: string;
  to: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function nextDay(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

const REQUEST_STATUS_LABELS = { sent: "Waiting", answered: "Answered", refused: "Refused" };

/**
 * The period a new report covers unless the lead says otherwise: from the end of the last
 * report sent on the case (or the day the case was accepted) to today.
 */
export async function defaultReportPeriod(
  tx: Queryable,
  c: CaseRow,
  today = todayIso(),
): Promise<ReportPeriod> {
  const [last] = await tx
    .select({ periodTo: caseReports.periodTo })
    .from(caseReports)
    .where(eq(caseReports.caseId, c.id))
    .orderBy(desc(caseReports.sentAt))
    .limit(1);
  const from = last?.periodTo ?? day(c.createdAt);
  // A case accepted, or a report period ending, later than today (clocks apart) starts today.
  if (from > today) return { from: today, to: today };
  return { from, to: today };
}

/**
 * Draws the annual case report from the file for the period: the case and where it stands,
 * every line of investigation, the work done in the period and what comes next. Reads as the
 * caller (row-level security applies); the caller has opened the case and decides who may.
 */
export async function assembleCaseReport(
  tx: Queryable,
  c: CaseRow,
  period: ReportPeriod,
  today = todayIso(),
): Promise<CaseReportContent> {
  const inPeriod = { from: period.from, to: period.to };
  const [project] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, c.organisationId));

  const categories = new Map(
    (await tx.select().from(investigationCategories)).map((k) => [k.key, k.label]),
  );
  const lineRows = await tx
    .select()
    .from(caseLines)
    .where(eq(caseLines.caseId, c.id))
    .orderBy(asc(caseLines.position), asc(caseLines.description));

  const time = await tx
    .select({ userId: timeEntries.userId, name: users.name, minutes: timeEntries.minutes })
    .from(timeEntries)
    .leftJoin(users, eq(users.id, timeEntries.userId))
    .where(
      and(eq(timeEntries.caseId, c.id), between(timeEntries.workedOn, inPeriod.from, inPeriod.to)),
    );
  const perPerson = new Map<string, { name: string; minutes: number }>();
  for (const t of time) {
    const p = perPerson.get(t.userId) ?? { name: t.name ?? "A former member", minutes: 0 };
    p.minutes += t.minutes;
    perPerson.set(t.userId, p);
  }

  const reviews = await tx
    .select({ heldOn: caseReviews.heldOn, decisions: caseReviews.decisions })
    .from(caseReviews)
    .where(
      and(eq(caseReviews.caseId, c.id), between(caseReviews.heldOn, inPeriod.from, inPeriod.to)),
    )
    .orderBy(asc(caseReviews.heldOn), asc(caseReviews.createdAt));

  const papers = await tx.select().from(casePapers).where(eq(casePapers.caseId, c.id));
  const paperName = new Map(
    papers.map((p) => [
      p.id,
      [PAPER_KIND_LABELS[p.kind], p.description].filter(Boolean).join(": "),
    ]),
  );
  const requests =
    papers.length === 0
      ? []
      : await tx
          .select()
          .from(paperRequests)
          .where(
            and(
              eq(paperRequests.caseId, c.id),
              inArray(
                paperRequests.paperId,
                papers.map((p) => p.id),
              ),
            ),
          )
          .orderBy(asc(paperRequests.requestedOn));
  const within = (on: string | null): on is string =>
    on !== null && on >= inPeriod.from && on <= inPeriod.to;
  const obtained = [
    ...papers
      .filter((p) => p.held && within(day(p.createdAt)))
      .map((p) => ({ on: day(p.createdAt), what: paperName.get(p.id) ?? "" })),
    ...requests
      .filter((r) => r.status === "answered" && within(r.repliedOn))
      .map((r) => ({ on: r.repliedOn ?? "", what: paperName.get(r.paperId) ?? "" })),
  ].sort((a, b) => a.on.localeCompare(b.on));
  const requested = requests
    .filter((r) => within(r.requestedOn))
    .map((r) => ({
      on: r.requestedOn,
      what: paperName.get(r.paperId) ?? "",
      from: r.recipient,
      status: REQUEST_STATUS_LABELS[r.status],
    }));

  const [documents] = await tx
    .select({ n: count() })
    .from(caseDocuments)
    .where(
      and(
        eq(caseDocuments.caseId, c.id),
        gte(caseDocuments.createdAt, new Date(`${inPeriod.from}T00:00:00Z`)),
        lt(caseDocuments.createdAt, nextDay(inPeriod.to)),
      ),
    );

  const steps = await tx
    .select()
    .from(caseStageEvents)
    .where(
      and(
        eq(caseStageEvents.caseId, c.id),
        between(caseStageEvents.occurredOn, inPeriod.from, inPeriod.to),
      ),
    )
    .orderBy(asc(caseStageEvents.occurredOn), asc(caseStageEvents.createdAt));

  const deadlines = (await caseDeadlines(tx, [c.id], today))
    .filter((d) => d.on >= today)
    .map((d) => ({ on: d.on, what: d.what }));

  return {
    format: 1,
    preparedOn: today,
    period: inPeriod,
    case: {
      reference: c.reference,
      applicantName: c.applicant.fullName,
      projectName: project?.name ?? "",
      acceptedOn: day(c.createdAt),
      stage: c.stage,
      stageLabel: CASE_STAGE_LABELS[c.stage],
      outcome: c.outcome,
      outcomeLabel: c.outcome ? OUTCOME_LABELS[c.outcome] : null,
      outcomeReason: c.outcomeReason,
    },
    lines: lineRows.map((l) => ({
      category: categories.get(l.category) ?? l.category,
      description: l.description,
      status: l.status,
      statusLabel: LINE_STATUS_LABELS[l.status],
      result: l.result,
      resultLabel: l.result ? LINE_RESULT_LABELS[l.result] : null,
      resultReason: l.resultReason,
    })),
    work: {
      time: {
        totalMinutes: time.reduce((sum, t) => sum + t.minutes, 0),
        byPerson: [...perPerson.values()].sort((a, b) => a.name.localeCompare(b.name)),
      },
      reviews,
      papers: { obtained, requested },
      documentsAdded: documents?.n ?? 0,
      stageSteps: steps.map((s) => ({
        on: s.occurredOn,
        label: stepLabel(s.stage),
        note: s.note,
      })),
    },
    nextSteps: {
      openLines: lineRows
        .filter((l) => l.status === "not_started" || l.status === "in_progress")
        .map((l) => l.description),
      deadlines,
    },
  };
}

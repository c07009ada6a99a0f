import { and, asc, eq, isNull } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { casePapers, evidenceItems, paperRequests, tasks } from "~/db/schema";
import { CASE_STAGE_LABELS, LINE_STATUS_LABELS } from "~/referrals/project-labels";
import { today } from "~/shared/dates";
import { auditCase, openCase } from "../case-access.server";
import { EVIDENCE_KIND_LABELS } from "../evidence/evidence-schemas";
import { getCaseOverview } from "../overview/get-overview.server";
import { PAPER_KIND_LABELS } from "../papers/paper-schemas";
import { teamOf } from "../team/case-team.server";
import { handoverNotesOf } from "./handover-note.server";

/**
 * Everything the next team needs to pick a case up, in one place: where it stands, the open
 * lines, the evidence, the papers still awaited, what is due, who is on it and the latest
 * hand-over notes. For anyone who may read the case (its team, the project's leads); the
 * reading is audited as the pack's printing.
 */
export async function getHandoverPack(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const overview = await getCaseOverview(tx, acting, caseId);
  const evidence = await tx
    .select({
      kind: evidenceItems.kind,
      description: evidenceItems.description,
      usedAtTrial: evidenceItems.usedAtTrial,
    })
    .from(evidenceItems)
    .where(eq(evidenceItems.caseId, c.id))
    .orderBy(asc(evidenceItems.createdAt));
  const papers = await tx
    .select({
      kind: casePapers.kind,
      description: casePapers.description,
      recipient: paperRequests.recipient,
      requestedOn: paperRequests.requestedOn,
      chaseOn: paperRequests.chaseOn,
    })
    .from(paperRequests)
    .innerJoin(casePapers, eq(casePapers.id, paperRequests.paperId))
    .where(and(eq(paperRequests.caseId, c.id), eq(paperRequests.status, "sent")))
    .orderBy(asc(paperRequests.requestedOn));
  const openTasks = await tx
    .select({ what: tasks.what, dueOn: tasks.dueOn, assigneeId: tasks.assigneeId })
    .from(tasks)
    .where(and(eq(tasks.caseId, c.id), isNull(tasks.doneAt)))
    .orderBy(asc(tasks.dueOn));
  const d = today();
  const team = (await teamOf(tx, c)).filter((m) => m.endsOn === null || m.endsOn > d);
  const names = new Map(team.map((m) => [m.userId, m.name]));
  const notes = await handoverNotesOf(tx, c);
  await auditCase(tx, acting, c, "case.handover_pack_printed");
  return {
    reference: c.reference ?? "",
    clientName: c.applicant.fullName,
    projectName: overview.case.projectName,
    stage: CASE_STAGE_LABELS[c.stage],
    lastActivityOn: overview.case.lastActivityOn,
    openLines: overview.openLines.map((l) => ({
      description: l.description,
      status: LINE_STATUS_LABELS[l.status],
    })),
    evidence: evidence.map((e) => ({
      kind: EVIDENCE_KIND_LABELS[e.kind],
      description: e.description,
      usedAtTrial: e.usedAtTrial === null ? "not known" : e.usedAtTrial ? "yes" : "no",
    })),
    papersOutstanding: papers.map((p) => ({
      what: [PAPER_KIND_LABELS[p.kind], p.description].filter(Boolean).join(": "),
      from: p.recipient,
      requestedOn: p.requestedOn,
      chaseOn: p.chaseOn,
    })),
    deadlines: overview.deadlines.map((x) => ({ on: x.on, what: x.what })),
    tasks: openTasks.map((t) => ({
      what: t.what,
      dueOn: t.dueOn,
      who: names.get(t.assigneeId) ?? "Someone in the project",
    })),
    team: team.map((m) => ({
      name: m.name ?? "A team member",
      role: m.role,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
    })),
    leadNote: overview.case.handoverNote,
    notes,
  };
}

export type HandoverPack = Awaited<ReturnType<typeof getHandoverPack>>;

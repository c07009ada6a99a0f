import { desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseLines, caseNotes, caseStageEvents } from "~/db/schema";
import { getCase } from "~/referrals/get-case.server";
import { today } from "~/shared/dates";
import { openCase } from "../case-access.server";
import { stepLabel } from "../stages/steps";
import { teamOf } from "../team/case-team.server";
import { caseDeadlines } from "./deadlines.server";

export interface Activity {
  on: string;
  what: string;
}

/**
 * Recent activity from the working tables the user may read: stage steps, notes, and lines
 * worked on. (The audit trail is not readable by caseworkers, so it is not used here.)
 */
async function recentActivity(tx: Queryable, caseId: string, limit = 8): Promise<Activity[]> {
  const steps = await tx
    .select({ on: caseStageEvents.occurredOn, stage: caseStageEvents.stage })
    .from(caseStageEvents)
    .where(eq(caseStageEvents.caseId, caseId))
    .orderBy(desc(caseStageEvents.createdAt))
    .limit(limit);
  const notes = await tx
    .select({ at: caseNotes.createdAt })
    .from(caseNotes)
    .where(eq(caseNotes.caseId, caseId))
    .orderBy(desc(caseNotes.createdAt))
    .limit(limit);
  const lines = await tx
    .select({
      at: caseLines.updatedAt,
      description: caseLines.description,
      status: caseLines.status,
    })
    .from(caseLines)
    .where(eq(caseLines.caseId, caseId))
    .orderBy(desc(caseLines.updatedAt))
    .limit(limit);
  const all: Activity[] = [
    ...steps.map((s) => ({
      on: s.on,
      what: `Stage: ${stepLabel(s.stage)}`,
    })),
    ...notes.map((n) => ({ on: n.at.toISOString().slice(0, 10), what: "Case note added" })),
    ...lines.map((l) => ({
      on: l.at.toISOString().slice(0, 10),
      what: `Line of investigation updated: ${l.description}`,
    })),
  ];
  return all.sort((a, b) => b.on.localeCompare(a.on)).slice(0, limit);
}

/**
 * The case overview: the case file (getCase, which audits the viewing), its team on today,
 * its coming deadlines, its open lines and recent activity. "Not found" for a case the user
 * may not see (a caseworker off its team).
 */
export async function getCaseOverview(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const file = await getCase(tx, acting, caseId);
  const d = today();
  const [team, deadlines, recent] = [
    await teamOf(tx, c, true),
    await caseDeadlines(tx, [c.id], d),
    await recentActivity(tx, c.id),
  ];
  return {
    ...file,
    case: { ...file.case, outcome: c.outcome, outcomeReason: c.outcomeReason },
    team,
    deadlines,
    openLines: file.lines.filter((l) => l.status === "not_started" || l.status === "in_progress"),
    recent,
  };
}

export type CaseOverview = Awaited<ReturnType<typeof getCaseOverview>>;

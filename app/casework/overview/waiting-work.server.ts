import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { caseLines, cases } from "~/db/schema";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { WORK_LIST_SIZE, type WorkList } from "~/shared/work-list";
import { LINE_STATUS_LABELS } from "../lines/line-schemas";
import { notesAwaitingSignOff } from "../notes/awaiting-sign-off.server";
import { myDeadlines } from "./deadlines.server";

const OPEN_LINE = ["not_started", "in_progress"] as const;

/** The open lines of investigation in the user's name, on active cases, highest priority first. */
async function myOpenLines(tx: Queryable, acting: Acting): Promise<WorkList> {
  const where = and(
    eq(caseLines.ownerId, acting.viewer.id),
    inArray(caseLines.status, [...OPEN_LINE]),
    inArray(cases.stage, [...ACTIVE_CASE_STAGES]),
  );
  const [total] = await tx
    .select({ n: count() })
    .from(caseLines)
    .innerJoin(cases, eq(cases.id, caseLines.caseId))
    .where(where);
  const rows = await tx
    .select({
      id: caseLines.id,
      caseId: cases.id,
      reference: cases.reference,
      description: caseLines.description,
      status: caseLines.status,
    })
    .from(caseLines)
    .innerJoin(cases, eq(cases.id, caseLines.caseId))
    .where(where)
    // "in_progress" before "not_started": what is under way first.
    .orderBy(asc(caseLines.status), asc(cases.reference), asc(caseLines.position))
    .limit(WORK_LIST_SIZE);
  return {
    key: "open-lines",
    title: "Your open lines of investigation",
    count: total?.n ?? 0,
    items: rows.map((r) => ({
      key: r.id,
      label: r.reference,
      href: `/cases/${r.caseId}/lines/${r.id}`,
      detail: `${r.description.length > 80 ? `${r.description.slice(0, 80)}…` : r.description} (${LINE_STATUS_LABELS[r.status].toLowerCase()})`,
    })),
    queueHref: "/cases",
    queueLabel: "Your cases",
    none: "No open line of investigation is in your name.",
  };
}

/**
 * What waits for a project's leads and caseworkers on their home page: the coming deadlines
 * of their cases, the notes waiting for a lead's sign-off (leads only; never their own,
 * docs/decisions/025-who-signs-off-a-note.md) and their open lines of investigation.
 */
export async function caseworkWork(
  tx: Queryable,
  acting: Acting,
  today: string,
): Promise<WorkList[]> {
  const v = acting.viewer;
  if (!v.memberships.some((m) => can(v, "view:case:own", m.organisationId))) return [];
  const deadlines = await myDeadlines(tx, acting, today, 50);
  const lists: WorkList[] = [
    {
      key: "deadlines",
      title: "Your deadlines",
      count: deadlines.length,
      items: deadlines.slice(0, WORK_LIST_SIZE).map((d) => ({
        key: `${d.caseId}-${d.on}-${d.what}`,
        label: d.reference,
        href: `/cases/${d.caseId}/stages`,
        detail: `${d.what}, by ${d.on}`,
      })),
      queueHref: "/cases",
      queueLabel: "Your cases",
      none: "No deadline is coming on your cases.",
    },
  ];
  if (can(v, "manage:case:own")) {
    const awaiting = await notesAwaitingSignOff(tx, acting);
    const first = awaiting.notes[0];
    lists.push({
      key: "notes-to-sign-off",
      title: "Notes awaiting your sign-off",
      count: awaiting.total,
      items: awaiting.notes.slice(0, WORK_LIST_SIZE).map((n) => ({
        key: n.noteId,
        label: n.reference,
        href: `/cases/${n.caseId}/notes#note-${n.noteId}`,
        detail: `${n.authorName}, ${n.writtenAt.slice(0, 10)}: ${n.excerpt}`,
      })),
      // There is no queue of notes across cases: the longest-waiting note's case is the place to start.
      queueHref: first ? `/cases/${first.caseId}/notes` : "/cases",
      queueLabel: "The notes of the case waiting longest",
      none: "No note waits for your sign-off.",
    });
  }
  lists.push(await myOpenLines(tx, acting));
  return lists;
}

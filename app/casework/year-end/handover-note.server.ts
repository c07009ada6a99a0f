import { and, desc, eq, isNull } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseNotes, tasks } from "~/db/schema";
import { completeTask } from "~/tasks/complete-task.server";
import { type CaseRow, openCase } from "../case-access.server";
import { addNote } from "../notes/notes.server";
import { getCaseOverview } from "../overview/get-overview.server";
import { teamOf } from "../team/case-team.server";
import { HANDOVER_TASK_WHAT, handoverNoteBody, handoverNoteText, isHandoverNote } from "./rules";

/**
 * A team member writes their hand-over note: a case note (with the others, audited as one)
 * whose first line marks it as a hand-over note. The task asking them for it, if any, is done.
 */
export async function writeOwnHandoverNote(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  text: string,
): Promise<{ noteId: string }> {
  const { noteId } = await addNote(tx, acting, caseId, {
    body: handoverNoteBody(text),
    needsSignOff: false,
  });
  const asked = await tx
    .select({ id: tasks.id, version: tasks.version })
    .from(tasks)
    .where(
      and(
        eq(tasks.caseId, caseId),
        eq(tasks.assigneeId, acting.viewer.id),
        eq(tasks.what, HANDOVER_TASK_WHAT),
        isNull(tasks.doneAt),
      ),
    );
  for (const t of asked) await completeTask(tx, acting, t.id, t.version);
  return { noteId };
}

export interface HandoverNote {
  authorName: string;
  writtenOn: string;
  text: string;
}

/** The case's hand-over notes, latest first (`limit` of them), with their authors' names. */
export async function handoverNotesOf(
  tx: Queryable,
  c: CaseRow,
  limit = 10,
): Promise<HandoverNote[]> {
  const rows = await tx
    .select({ authorId: caseNotes.authorId, body: caseNotes.body, createdAt: caseNotes.createdAt })
    .from(caseNotes)
    .where(eq(caseNotes.caseId, c.id))
    .orderBy(desc(caseNotes.createdAt));
  const names = new Map((await teamOf(tx, c)).map((m) => [m.userId, m.name]));
  return rows
    .filter((n) => isHandoverNote(n.body))
    .slice(0, limit)
    .map((n) => ({
      authorName: names.get(n.authorId) ?? "A former team member",
      writtenOn: n.createdAt.toISOString().slice(0, 10),
      text: handoverNoteText(n.body),
    }));
}

/** The case's hand-over page: its overview (audited as read) and the team's hand-over notes. */
export async function getHandoverSheet(tx: Queryable, acting: Acting, caseId: string) {
  const overview = await getCaseOverview(tx, acting, caseId);
  const c = await openCase(tx, acting, caseId);
  return { ...overview, handoverNotes: await handoverNotesOf(tx, c) };
}

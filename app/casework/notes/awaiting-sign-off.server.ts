import { and, asc, count, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { caseNotes, cases, users } from "~/db/schema";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { excerpt } from "./excerpt";

/** The home page lists at most this many, the longest waiting first. */
export const AWAITING_LIMIT = 50;

const author = alias(users, "note_author");

export interface NoteAwaitingSignOff {
  noteId: string;
  caseId: string;
  reference: string;
  authorName: string;
  writtenAt: string;
  excerpt: string;
}

/**
 * For a lead, the notes that wait for their sign-off across the active cases of every
 * project they lead, the longest waiting first, each with its case's reference, its author,
 * when it was written and how it begins. Anyone who leads no project gets an empty list.
 * Reads as the user under row-level security, and keeps to the projects they lead in code
 * too, since the network may read a case's notes when the project shares them. Showing the
 * notes is audited, one event for each project whose notes were shown.
 */
export async function notesAwaitingSignOff(
  tx: Queryable,
  acting: Acting,
): Promise<{ notes: NoteAwaitingSignOff[]; total: number }> {
  const projects = [
    ...new Set(
      acting.viewer.memberships
        .filter(
          (m) =>
            m.organisationKind === "project" &&
            can(acting.viewer, "manage:case:own", m.organisationId),
        )
        .map((m) => m.organisationId),
    ),
  ];
  if (projects.length === 0) return { notes: [], total: 0 };
  const waiting = and(
    inArray(cases.organisationId, projects),
    inArray(cases.stage, [...ACTIVE_CASE_STAGES]),
    eq(caseNotes.needsSignOff, true),
    isNull(caseNotes.signedOffAt),
    // Never the lead's own notes: another lead signs those off (docs/decisions/025).
    or(isNull(caseNotes.authorId), ne(caseNotes.authorId, acting.viewer.id)),
  );
  const rows = await tx
    .select({
      noteId: caseNotes.id,
      caseId: cases.id,
      organisationId: cases.organisationId,
      reference: cases.reference,
      authorName: author.name,
      createdAt: caseNotes.createdAt,
      body: caseNotes.body,
    })
    .from(caseNotes)
    .innerJoin(cases, eq(cases.id, caseNotes.caseId))
    .leftJoin(author, eq(author.id, caseNotes.authorId))
    .where(waiting)
    .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id))
    .limit(AWAITING_LIMIT);
  if (rows.length === 0) return { notes: [], total: 0 };
  const [counted] = await tx
    .select({ n: count() })
    .from(caseNotes)
    .innerJoin(cases, eq(cases.id, caseNotes.caseId))
    .where(waiting);
  for (const organisationId of new Set(rows.map((r) => r.organisationId))) {
    const shown = rows.filter((r) => r.organisationId === organisationId);
    await recordAuditEvent(tx, actorOf(acting), {
      action: "case_notes.awaiting_sign_off_viewed",
      entityType: "case_note",
      organisationId,
      details: {
        caseIds: [...new Set(shown.map((r) => r.caseId))],
        noteIds: shown.map((r) => r.noteId),
      },
    });
  }
  return {
    notes: rows.map((r) => ({
      noteId: r.noteId,
      caseId: r.caseId,
      reference: r.reference,
      authorName: r.authorName ?? "A former member",
      writtenAt: r.createdAt.toISOString(),
      excerpt: excerpt(r.body),
    })),
    total: counted?.n ?? rows.length,
  };
}

import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseNotes, users } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import {
  auditCase,
  caseHeading,
  leadsCase,
  mustBeOpen,
  mustLead,
  openCase,
  touchCase,
} from "../case-access.server";
import { canSignOff, signOffRefusal } from "./sign-off-rules";

const author = alias(users, "note_author");
const signer = alias(users, "note_signer");

/**
 * The case's notes, oldest first, with who wrote and who signed off each; for a lead, the
 * notes still waiting for their sign-off. Every viewing is audited.
 */
export async function listNotes(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const rows = await tx
    .select({
      id: caseNotes.id,
      body: caseNotes.body,
      needsSignOff: caseNotes.needsSignOff,
      authorId: caseNotes.authorId,
      authorName: author.name,
      signedOffAt: caseNotes.signedOffAt,
      signedOffByName: signer.name,
      createdAt: caseNotes.createdAt,
    })
    .from(caseNotes)
    .leftJoin(author, eq(author.id, caseNotes.authorId))
    .leftJoin(signer, eq(signer.id, caseNotes.signedOffBy))
    .where(eq(caseNotes.caseId, c.id))
    .orderBy(asc(caseNotes.createdAt));
  await auditCase(tx, acting, c, "case_notes.viewed");
  const lead = leadsCase(acting, c);
  const notes = rows.map((n) => ({
    id: n.id,
    body: n.body,
    needsSignOff: n.needsSignOff,
    authorName: n.authorName ?? "A former member",
    writtenAt: n.createdAt.toISOString(),
    signedOff: n.signedOffAt
      ? { by: n.signedOffByName ?? "A former member", at: n.signedOffAt.toISOString() }
      : null,
    /** The author or a lead may correct a note until it is signed off. */
    canEdit: !n.signedOffAt && (lead || n.authorId === acting.viewer.id),
    canSignOff: canSignOff({
      leads: lead,
      viewerId: acting.viewer.id,
      authorId: n.authorId,
      signedOff: n.signedOffAt !== null,
    }),
    /** Written by the viewer: a lead's own note waits for another lead. */
    own: n.authorId === acting.viewer.id,
  }));
  return {
    case: { ...caseHeading(c) },
    notes,
    awaitingSignOff: notes.filter((n) => n.needsSignOff && n.canSignOff),
    can: { signOff: lead },
  };
}

export async function addNote(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: { body: string; needsSignOff: boolean },
): Promise<{ noteId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const [note] = await tx
    .insert(caseNotes)
    .values({
      caseId: c.id,
      authorId: acting.viewer.id,
      body: input.body,
      needsSignOff: input.needsSignOff,
    })
    .returning({ id: caseNotes.id });
  if (!note) throw new Error("the note was not saved");
  await auditCase(tx, acting, c, "case_note.added", {
    noteId: note.id,
    needsSignOff: input.needsSignOff,
  });
  await touchCase(tx, c);
  return { noteId: note.id };
}

async function noteOf(tx: Queryable, caseId: string, noteId: string) {
  if (!isId(noteId)) throw notFound("note");
  const [note] = await tx
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.id, noteId), eq(caseNotes.caseId, caseId)))
    .for("update");
  if (!note) throw notFound("note");
  return note;
}

/** Corrects a note: its author or a lead, and only until it is signed off. */
export async function editNote(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  noteId: string,
  body: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const note = await noteOf(tx, c.id, noteId);
  if (note.signedOffAt) throw conflict("A signed-off note cannot be changed.");
  if (note.authorId !== acting.viewer.id && !leadsCase(acting, c))
    throw forbidden("Only the note's author or a lead can change it.");
  await tx
    .update(caseNotes)
    .set({ body })
    .where(and(eq(caseNotes.id, note.id), isNull(caseNotes.signedOffAt)));
  await auditCase(tx, acting, c, "case_note.changed", { noteId: note.id });
  await touchCase(tx, c);
}

/** A lead signs a note off: recorded with who and when, and the note is fixed from then on. */
export async function signOffNote(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  noteId: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  mustLead(acting, c, "sign notes off");
  const note = await noteOf(tx, c.id, noteId);
  if (note.signedOffAt) throw conflict("The note has already been signed off.");
  const refusal = signOffRefusal({
    leads: true,
    viewerId: acting.viewer.id,
    authorId: note.authorId,
    signedOff: false,
  });
  if (refusal) throw invalid(refusal);
  await tx
    .update(caseNotes)
    .set({ needsSignOff: true, signedOffBy: acting.viewer.id, signedOffAt: new Date() })
    .where(eq(caseNotes.id, note.id));
  await auditCase(tx, acting, c, "case_note.signed_off", { noteId: note.id });
  await touchCase(tx, c);
}

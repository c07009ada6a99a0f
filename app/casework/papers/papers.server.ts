import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Acting } from "~/access/acting";
import {
  auditCase,
  caseHeading,
  mustBeOpen,
  openCase,
  touchCase,
} from "~/casework/case-access.server";
import type { Queryable } from "~/db/database.server";
import { caseDocuments, casePapers, cases, paperRequests } from "~/db/schema";
import { invalid, notFound } from "~/errors/app-error";
import { today } from "~/shared/dates";
import type { AuthoritySchema, HeldSchema, PaperSchema } from "./paper-schemas";

/**
 * The papers page: the inventory of the case papers the team knows exist, the form of
 * authority, and the requests for missing papers with their chasers. Every viewing is audited.
 */
export async function getPapers(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const papers = await tx
    .select()
    .from(casePapers)
    .where(eq(casePapers.caseId, c.id))
    .orderBy(asc(casePapers.createdAt));
  const requests = await tx
    .select()
    .from(paperRequests)
    .where(eq(paperRequests.caseId, c.id))
    .orderBy(asc(paperRequests.requestedOn), asc(paperRequests.createdAt));
  const documents = await tx
    .select({ id: caseDocuments.id, filename: caseDocuments.filename })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, c.id))
    .orderBy(asc(caseDocuments.createdAt));
  await auditCase(tx, acting, c, "case.papers.viewed");
  const now = today();
  return {
    case: { ...caseHeading(c), clientName: c.applicant.fullName },
    authority: c.authorityRecordedOn
      ? {
          recordedOn: c.authorityRecordedOn,
          document: documents.find((d) => d.id === c.authorityDocumentId) ?? null,
        }
      : null,
    papers: papers.map((p) => ({
      id: p.id,
      kind: p.kind,
      description: p.description,
      location: p.location,
      held: p.held,
      documentId: p.documentId,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      paperId: r.paperId,
      recipientKind: r.recipientKind,
      recipient: r.recipient,
      recipientAddress: r.recipientAddress,
      requestedOn: r.requestedOn,
      chaseOn: r.chaseOn,
      chasedOn: r.chasedOn,
      reply: r.reply,
      repliedOn: r.repliedOn,
      status: r.status,
      letterDocumentId: r.letterDocumentId,
      overdue: isOverdue(r, now),
    })),
    documents,
  };
}

export type PapersPage = Awaited<ReturnType<typeof getPapers>>;

/** A request still waiting for its reply whose chase date has come. */
export function isOverdue(
  r: { status: string; chaseOn: string | null },
  on: string = today(),
): boolean {
  return r.status === "sent" && r.chaseOn !== null && r.chaseOn <= on;
}

export async function addPaper(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof PaperSchema>,
): Promise<{ paperId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const [row] = await tx
    .insert(casePapers)
    .values({
      caseId: c.id,
      kind: input.kind,
      description: input.description,
      location: input.location,
      held: input.held === "yes",
    })
    .returning({ id: casePapers.id });
  if (!row) throw new Error("paper insert returned nothing");
  await auditCase(tx, acting, c, "case.paper.added", { paperId: row.id, kind: input.kind });
  await touchCase(tx, c);
  return { paperId: row.id };
}

export async function setPaperHeld(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof HeldSchema>,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const updated = await tx
    .update(casePapers)
    .set({ held: input.held === "yes" })
    .where(and(eq(casePapers.id, input.paperId), eq(casePapers.caseId, c.id)))
    .returning({ id: casePapers.id });
  if (updated.length === 0) throw notFound("paper");
  await auditCase(tx, acting, c, "case.paper.updated", {
    paperId: input.paperId,
    held: input.held === "yes",
  });
  await touchCase(tx, c);
}

/**
 * Records that the client's signed form of authority is on file, optionally with its scan
 * among the case's documents. Requests for papers are refused until it is.
 */
export async function recordAuthority(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof AuthoritySchema>,
): Promise<void> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  if (input.recordedOn > today())
    throw invalid("The date the form of authority was received cannot be in the future.");
  if (input.documentId) {
    const [doc] = await tx
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.id, input.documentId), eq(caseDocuments.caseId, c.id)));
    if (!doc) throw invalid("Choose a document of this case.");
  }
  await tx
    .update(cases)
    .set({
      authorityRecordedOn: input.recordedOn,
      authorityDocumentId: input.documentId,
      updatedAt: new Date(),
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, c.id));
  await auditCase(tx, acting, c, "case.authority.recorded", {
    recordedOn: input.recordedOn,
    documentId: input.documentId,
  });
  await touchCase(tx, c);
}

import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Acting } from "~/access/acting";
import { auditCase, mustBeOpen, openCase, touchCase } from "~/casework/case-access.server";
import type { Queryable } from "~/db/database.server";
import {
  caseCorrespondence,
  caseDocuments,
  casePapers,
  organisations,
  paperRequests,
} from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { MEDIA_TYPES, renderLetter } from "~/letters/file-letter.server";
import { letterFilename } from "~/letters/letter-content";
import { isId } from "~/shared/ids";
import {
  type ChaseSchema,
  NO_AUTHORITY,
  PAPER_KIND_LABELS,
  type ReplySchema,
  type RequestSchema,
} from "./paper-schemas";
import { buildPapersRequestLetter } from "./request-letter";

export { NO_AUTHORITY };

type CaseRow = Awaited<ReturnType<typeof openCase>>;

/** The letter of a request for papers, from the case, the papers and whom they are asked of. */
async function requestLetter(
  tx: Queryable,
  c: CaseRow,
  paper: typeof casePapers.$inferSelect,
  request: { recipient: string; recipientAddress: string; requestedOn: string },
) {
  const [project] = await tx
    .select({ name: organisations.name, addressLines: organisations.addressLines })
    .from(organisations)
    .where(eq(organisations.id, c.organisationId));
  if (!project) throw notFound("project");
  const conviction = c.conviction as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  return buildPapersRequestLetter({
    project,
    recipient: request.recipient,
    recipientAddress: request.recipientAddress,
    caseReference: c.reference,
    client: {
      name: c.applicant.fullName,
      prisonerNumber: c.applicant.prisonerNumber,
      dateOfBirth: c.applicant.dateOfBirth,
    },
    papers: [PAPER_KIND_LABELS[paper.kind], paper.description].filter(Boolean).join(": "),
    conviction: {
      offences: str(conviction.offences),
      courtName: str(conviction.courtName),
      convictionDate: str(conviction.convictionDate),
    },
    date: request.requestedOn,
  });
}

/**
 * A request's letter as a Word document, to edit before posting. The PDF filed with the
 * request is the record of what was sent; this is made when asked, from the request as
 * recorded, dated the day of the request. Audited as a reading of the case file.
 */
export async function requestLetterDocx(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  requestId: string,
): Promise<{ filename: string; mediaType: string; bytes: Buffer }> {
  const c = await openCase(tx, acting, caseId);
  if (!isId(requestId)) throw notFound("request");
  const [row] = await tx
    .select({ request: paperRequests, paper: casePapers })
    .from(paperRequests)
    .innerJoin(casePapers, eq(casePapers.id, paperRequests.paperId))
    .where(and(eq(paperRequests.id, requestId), eq(paperRequests.caseId, c.id)));
  if (!row) throw notFound("request");
  const letter = await requestLetter(tx, c, row.paper, row.request);
  const bytes = await renderLetter(letter, "docx");
  await auditCase(tx, acting, c, "case.papers.letter_downloaded", {
    requestId,
    format: "docx",
  });
  return {
    filename: letterFilename(letter, "docx").replace(
      ".docx",
      `-${row.request.requestedOn}-${row.paper.kind}.docx`,
    ),
    mediaType: MEDIA_TYPES.docx,
    bytes,
  };
}

/**
 * Asks a third party for missing papers. Refused until the client's form of authority is on
 * file. The request letter (PDF) is generated, kept encrypted as a case document, linked to
 * the request and logged as outgoing correspondence, all in the caller's transaction.
 */
export async function requestPapers(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  caseId: string,
  input: z.output<typeof RequestSchema>,
): Promise<{ requestId: string; documentId: string }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  if (!c.authorityRecordedOn) throw invalid(NO_AUTHORITY);
  const [paper] = await tx
    .select()
    .from(casePapers)
    .where(and(eq(casePapers.id, input.paperId), eq(casePapers.caseId, c.id)));
  if (!paper) throw invalid("Choose papers from this case's inventory.");
  const letter = await requestLetter(tx, c, paper, input);
  const bytes = await renderLetter(letter, "pdf");
  const stored = await store.put(bytes);
  const filename = letterFilename(letter, "pdf").replace(
    ".pdf",
    `-${input.requestedOn}-${paper.kind}.pdf`,
  );
  const [doc] = await tx
    .insert(caseDocuments)
    .values({
      caseId: c.id,
      filename,
      mediaType: MEDIA_TYPES.pdf,
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
      description: `Request for papers to ${input.recipient}`,
      createdBy: acting.viewer.id,
    })
    .returning({ id: caseDocuments.id });
  if (!doc) throw new Error("document insert returned nothing");
  const [request] = await tx
    .insert(paperRequests)
    .values({
      caseId: c.id,
      paperId: paper.id,
      recipientKind: input.recipientKind,
      recipient: input.recipient,
      recipientAddress: input.recipientAddress,
      requestedOn: input.requestedOn,
      chaseOn: input.chaseOn,
      letterDocumentId: doc.id,
      createdBy: acting.viewer.id,
    })
    .returning({ id: paperRequests.id });
  if (!request) throw new Error("request insert returned nothing");
  await tx.insert(caseCorrespondence).values({
    caseId: c.id,
    direction: "out",
    party: input.recipient,
    kind: "letter",
    occurredOn: input.requestedOn,
    summary: `Request for papers (${PAPER_KIND_LABELS[paper.kind]}), with the form of authority`,
    documentId: doc.id,
    createdBy: acting.viewer.id,
  });
  await auditCase(tx, acting, c, "case.papers.requested", {
    requestId: request.id,
    paperId: paper.id,
    recipientKind: input.recipientKind,
    documentId: doc.id,
    sha256: stored.sha256,
  });
  await touchCase(tx, c);
  return { requestId: request.id, documentId: doc.id };
}

async function requestOf(tx: Queryable, caseId: string, requestId: string) {
  const [r] = await tx
    .select()
    .from(paperRequests)
    .where(and(eq(paperRequests.id, requestId), eq(paperRequests.caseId, caseId)))
    .for("update");
  if (!r) throw notFound("request");
  return r;
}

/** Records that a request was chased on a day, and when to chase next (if at all). */
export async function chaseRequest(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof ChaseSchema>,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const r = await requestOf(tx, c.id, input.requestId);
  if (r.status !== "sent")
    throw conflict("This request has been answered: there is nothing to chase.");
  if (input.chasedOn < r.requestedOn)
    throw invalid("The date it was chased cannot be before the request was made.");
  if (input.nextChaseOn && input.nextChaseOn <= input.chasedOn)
    throw invalid("The next date to chase must be after the date it was chased.");
  await tx
    .update(paperRequests)
    .set({
      chasedOn: sql`array_append(${paperRequests.chasedOn}, ${input.chasedOn}::date)`,
      chaseOn: input.nextChaseOn,
    })
    .where(eq(paperRequests.id, r.id));
  await auditCase(tx, acting, c, "case.papers.chased", {
    requestId: r.id,
    chasedOn: input.chasedOn,
  });
  await touchCase(tx, c);
}

/** Records the reply: the papers were sent (answered) or refused. */
export async function recordReply(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof ReplySchema>,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const r = await requestOf(tx, c.id, input.requestId);
  if (input.repliedOn < r.requestedOn)
    throw invalid("The reply cannot be dated before the request was made.");
  await tx
    .update(paperRequests)
    .set({
      status: input.status,
      reply: input.reply,
      repliedOn: input.repliedOn,
      chaseOn: null,
    })
    .where(eq(paperRequests.id, r.id));
  await auditCase(tx, acting, c, "case.papers.replied", {
    requestId: r.id,
    status: input.status,
  });
  await touchCase(tx, c);
}

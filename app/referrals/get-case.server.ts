import { and, asc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { caseDocuments, caseLines, cases, organisations } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { accountOf } from "./applicant-account";
import { ACTIVE_CASE_STAGES } from "./case-returns.server";
import { categoryLabels } from "./category-labels.server";
import type { OfferCase } from "./offer-case.server";
import { caseProjectIds } from "./project-scope";

/** A case of one of the user's projects, or "not found". */
async function caseFor(tx: Queryable, acting: Acting, caseId: string) {
  if (!isId(caseId)) throw notFound("case");
  const [row] = await tx
    .select({ c: cases, projectName: organisations.name })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.id, caseId));
  if (!row || !caseProjectIds(acting.viewer).includes(row.c.organisationId)) throw notFound("case");
  return row;
}

/**
 * A project's case file as it stands: the applicant, the conviction, the summary, the lines
 * of investigation, the documents and the handover note, with what the user may do to it.
 * Every viewing is audited.
 */
export async function getCase(tx: Queryable, acting: Acting, caseId: string) {
  const { c, projectName } = await caseFor(tx, acting, caseId);
  const lines = await tx
    .select()
    .from(caseLines)
    .where(eq(caseLines.caseId, caseId))
    .orderBy(asc(caseLines.position));
  const files = await tx
    .select({
      id: caseDocuments.id,
      filename: caseDocuments.filename,
      mediaType: caseDocuments.mediaType,
      byteSize: caseDocuments.byteSize,
      createdAt: caseDocuments.createdAt,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.filename));
  const labels = await categoryLabels(
    tx,
    lines.map((l) => l.category),
  );
  await recordAuditEvent(tx, actorOf(acting), {
    action: "case.viewed",
    entityType: "case",
    entityId: c.id,
    organisationId: c.organisationId,
    details: { applicationId: c.applicationId, reference: c.reference },
  });
  const active = (ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage);
  const lead = can(acting.viewer, "respond:referral:own", c.organisationId);
  return {
    case: {
      id: c.id,
      reference: c.reference,
      projectName,
      stage: c.stage,
      active,
      applicant: c.applicant,
      conviction: c.conviction as OfferCase["conviction"],
      /** The applicant's own account, as it came with the offer (null if it was left out). */
      account: accountOf(c.account),
      summary: c.summary,
      acceptedOn: c.createdAt.toISOString().slice(0, 10),
      lastActivityOn: c.lastActivityAt.toISOString().slice(0, 10),
      annualReportDueOn: c.annualReportDueOn,
      endedOn: c.endedAt?.toISOString().slice(0, 10) ?? null,
      endedReason: c.endedReason,
      handoverNote: c.handoverNote,
    },
    lines: lines.map((l) => ({
      id: l.id,
      category: l.category,
      categoryLabel: labels[l.category] ?? l.category,
      description: l.description,
      rationale: l.rationale,
      priority: l.priority,
      status: l.status,
      result: l.result,
    })),
    documents: files.map((f) => ({ ...f, addedOn: f.createdAt.toISOString().slice(0, 10) })),
    /** What the page offers: only the project's leads hand back and write the note, while it is active. */
    can: { handBack: lead && active, writeHandoverNote: lead && active },
  };
}

export type CaseFile = Awaited<ReturnType<typeof getCase>>;

/** A document of a project's case file, decrypted, for the project's members; audited. */
export async function openCaseDocument(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  caseId: string,
  documentId: string,
): Promise<{ filename: string; mediaType: string; bytes: Buffer }> {
  const { c } = await caseFor(tx, acting, caseId);
  if (!isId(documentId)) throw notFound("document");
  const [doc] = await tx
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, caseId)));
  if (!doc) throw notFound("document");
  const bytes = await store.get(doc.storageKey);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "case_document.viewed",
    entityType: "case_document",
    entityId: doc.id,
    organisationId: c.organisationId,
    details: {
      caseId,
      reference: c.reference,
      sourceDocumentId: doc.sourceDocumentId,
    },
  });
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}

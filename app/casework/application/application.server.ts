import { and, asc, desc, eq, max } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseDocuments, caseLines, organisations, reviewApplications } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, notFound } from "~/errors/app-error";
import { accountOf } from "~/referrals/applicant-account";
import { isId } from "~/shared/ids";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  leadsCase,
  mustBeOpen,
  mustLead,
  openCase,
  touchCase,
} from "../case-access.server";
import {
  type ApplicationFacts,
  buildApplication,
  REVIEW_BODY_NAMES,
  reviewBodyFor,
} from "./application-content";
import { renderApplicationDocx } from "./application-docx.server";
import { renderApplicationPdf } from "./application-pdf.server";
import { convictionForApplication, prisonerNumberOf } from "./facts-from-account";
import type { Ground } from "./schemas";

/** What the file says for the application (the drafts themselves are not listed in it). */
async function factsOf(tx: Queryable, c: CaseRow): Promise<ApplicationFacts> {
  const [project] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, c.organisationId));
  const lines = await tx
    .select({ description: caseLines.description, resultReason: caseLines.resultReason })
    .from(caseLines)
    .where(and(eq(caseLines.caseId, c.id), eq(caseLines.result, "supports_innocence")))
    .orderBy(asc(caseLines.position));
  const drafts = await tx
    .select({ pdf: reviewApplications.pdfDocumentId, docx: reviewApplications.docxDocumentId })
    .from(reviewApplications)
    .where(eq(reviewApplications.caseId, c.id));
  const ownDrafts = new Set(drafts.flatMap((d) => [d.pdf, d.docx]).filter(Boolean));
  const account = accountOf(c.account);
  const docs = await tx
    .select({ id: caseDocuments.id, filename: caseDocuments.filename })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, c.id))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.filename));
  return {
    reference: c.reference,
    projectName: project?.name ?? "The project",
    applicant: { ...c.applicant, prisonerNumber: prisonerNumberOf(c.applicant) },
    conviction: convictionForApplication(c.conviction, account?.answers ?? null),
    account: account?.answers ?? null,
    supportingLines: lines,
    documents: docs.filter((d) => !ownDrafts.has(d.id)).map((d) => d.filename),
  };
}

/** The application page: the review body, what the draft will draw from, and the versions; audited. */
export async function getApplication(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const facts = await factsOf(tx, c);
  const versions = await tx
    .select()
    .from(reviewApplications)
    .where(eq(reviewApplications.caseId, c.id))
    .orderBy(desc(reviewApplications.version));
  await auditCase(tx, acting, c, "review_application.viewed");
  const body = reviewBodyFor(facts.conviction);
  return {
    case: { ...caseHeading(c) },
    body,
    bodyName: REVIEW_BODY_NAMES[body],
    jurisdictionKnown: typeof facts.conviction.jurisdiction === "string",
    facts,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      body: v.body,
      groundCount: v.grounds.length,
      pdfDocumentId: v.pdfDocumentId,
      docxDocumentId: v.docxDocumentId,
      sentOn: v.sentOn,
      createdOn: v.createdAt.toISOString().slice(0, 10),
    })),
    /** The latest version's grounds, to start the next draft from. */
    latestGrounds: versions[0]?.grounds ?? [],
    can: { generate: leadsCase(acting, c), markSent: leadsCase(acting, c) },
  };
}

/**
 * Generates a new version of the draft application (DOCX and PDF) from the file and the
 * grounds, stores both encrypted in the case file, and records the version. Leads only.
 */
export async function generateApplication(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  caseId: string,
  grounds: Ground[],
): Promise<{
  applicationId: string;
  version: number;
  pdfDocumentId: string;
  docxDocumentId: string;
}> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "generate the application");
  const facts = await factsOf(tx, c);
  const content = buildApplication(facts, grounds);
  const [last] = await tx
    .select({ version: max(reviewApplications.version) })
    .from(reviewApplications)
    .where(eq(reviewApplications.caseId, c.id));
  const version = (last?.version ?? 0) + 1;
  const base = `${content.body.toUpperCase()} application ${c.reference} v${version}`;
  const files = [
    {
      filename: `${base}.docx`,
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: await renderApplicationDocx(content, { author: acting.viewer.name }),
    },
    {
      filename: `${base}.pdf`,
      mediaType: "application/pdf",
      bytes: await renderApplicationPdf(content),
    },
  ];
  const ids: string[] = [];
  for (const f of files) {
    const stored = await store.put(f.bytes);
    const [doc] = await tx
      .insert(caseDocuments)
      .values({
        caseId: c.id,
        filename: f.filename,
        mediaType: f.mediaType,
        byteSize: stored.byteSize,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        description: `Draft ${content.body.toUpperCase()} application, version ${version}`,
        createdBy: acting.viewer.id,
      })
      .returning({ id: caseDocuments.id });
    if (!doc) throw new Error("the draft was not stored");
    ids.push(doc.id);
  }
  const [docxDocumentId, pdfDocumentId] = ids as [string, string];
  const [row] = await tx
    .insert(reviewApplications)
    .values({
      caseId: c.id,
      body: content.body,
      version,
      grounds,
      pdfDocumentId,
      docxDocumentId,
      createdBy: acting.viewer.id,
    })
    .returning({ id: reviewApplications.id });
  if (!row) throw new Error("the version was not saved");
  await auditCase(tx, acting, c, "review_application.generated", {
    applicationVersionId: row.id,
    body: content.body,
    version,
  });
  await touchCase(tx, c);
  return { applicationId: row.id, version, pdfDocumentId, docxDocumentId };
}

/** Records that a version was sent, on a day: from then on it is the sent version and stays as it is. */
export async function markApplicationSent(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  applicationId: string,
  sentOn: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "mark the application as sent");
  if (!isId(applicationId)) throw notFound("application");
  const [v] = await tx
    .select()
    .from(reviewApplications)
    .where(and(eq(reviewApplications.id, applicationId), eq(reviewApplications.caseId, c.id)));
  if (!v) throw notFound("application");
  if (v.sentOn) throw conflict(`Version ${v.version} was already marked as sent on ${v.sentOn}.`);
  await tx.update(reviewApplications).set({ sentOn }).where(eq(reviewApplications.id, v.id));
  await auditCase(tx, acting, c, "review_application.sent", {
    applicationVersionId: v.id,
    version: v.version,
    sentOn,
  });
  await touchCase(tx, c);
}

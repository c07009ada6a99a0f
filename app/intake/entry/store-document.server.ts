import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, documents } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { activeContentWarning } from "~/shared/pdf/active-content";
import { cleanFilename, type ReadScan, readScan } from "./scan-checks.server";

export type DocumentKind = (typeof documents.$inferInsert)["kind"];

export interface StoreDocumentInput {
  /** The application it was filed on, if any; its applicant is taken from it. */
  applicationId?: string | null;
  /** Required when there is no application (e.g. a letter on the applicant's file). */
  applicantId?: string | null;
  kind: DocumentKind;
  filename: string;
  bytes: Uint8Array;
  /** The scan as `readScan` accepted it, read before the transaction; read here if not. */
  scan?: ReadScan;
}

export interface StoredDocument {
  documentId: string;
  applicantId: string;
  sha256: string;
  mediaType: string;
  /** What to tell the uploader about JavaScript or embedded files in a PDF, if it has any. */
  warning: string | null;
}

/**
 * Checks a scan by its content (and a PDF for JavaScript and embedded files, noted on the
 * document to warn whoever opens it), stores it encrypted and records it. A refused file is
 * refused before anything is written: no file on disk, no row. Call it inside
 * `withDocumentStore`, so that the file goes if the transaction does not commit.
 */
export async function storeDocument(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  input: StoreDocumentInput,
): Promise<StoredDocument> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can add documents.");
  let applicantId = input.applicantId ?? null;
  let organisationId: string | null = null;
  if (input.applicationId) {
    if (!isId(input.applicationId)) throw notFound("application");
    const [app] = await tx
      .select({
        applicantId: applications.applicantId,
        organisationId: applications.organisationId,
      })
      .from(applications)
      .where(eq(applications.id, input.applicationId));
    if (!app) throw notFound("application");
    applicantId = app.applicantId;
    organisationId = app.organisationId;
  } else {
    if (!applicantId || !isId(applicantId)) throw notFound("applicant");
    const [person] = await tx
      .select({ organisationId: applicants.organisationId })
      .from(applicants)
      .where(eq(applicants.id, applicantId));
    if (!person) throw notFound("applicant");
    organisationId = person.organisationId;
  }
  let check = input.scan;
  if (!check) {
    const read = await readScan(input.bytes, { extractText: false });
    if (!read.ok) throw invalid(read.message, { field: "file" });
    check = read.scan;
  }
  const filename = cleanFilename(input.filename, check.mediaType);
  const stored = await store.put(input.bytes);
  try {
    const [row] = await tx
      .insert(documents)
      .values({
        applicationId: input.applicationId ?? null,
        applicantId,
        kind: input.kind,
        filename,
        mediaType: check.mediaType,
        byteSize: stored.byteSize,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        activeContent: check.activeContent,
        createdBy: acting.viewer.id,
      })
      .returning({ id: documents.id });
    if (!row) throw new Error("document insert returned nothing");
    await recordAuditEvent(tx, actorOf(acting), {
      action: "document.uploaded",
      entityType: "document",
      entityId: row.id,
      subjectId: applicantId,
      organisationId,
      details: {
        applicationId: input.applicationId ?? null,
        kind: input.kind,
        mediaType: check.mediaType,
        byteSize: stored.byteSize,
        sha256: stored.sha256,
        activeContent: check.activeContent,
      },
    });
    return {
      documentId: row.id,
      applicantId,
      sha256: stored.sha256,
      mediaType: check.mediaType,
      warning: activeContentWarning(check.activeContent),
    };
  } catch (error) {
    await store.remove(stored.storageKey);
    throw error;
  }
}

import { asc, eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseDocuments } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { invalid } from "~/errors/app-error";
import { cleanFilename, type ReadScan, readScan } from "~/intake/entry/scan-checks.server";
import { activeContentWarning } from "~/shared/pdf/active-content";
import { auditCase, caseHeading, mustBeOpen, openCase, touchCase } from "../case-access.server";

export interface CaseDocumentInput {
  filename: string;
  bytes: Uint8Array;
  receivedFrom: string;
  receivedOn: string;
  description: string;
  /** The file as `readScan` accepted it, read before the transaction; read here if not. */
  scan?: ReadScan;
}

/** The case file's documents, with their provenance and whether their text is searchable. */
export async function listCaseDocuments(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const documents = await tx
    .select({
      id: caseDocuments.id,
      filename: caseDocuments.filename,
      mediaType: caseDocuments.mediaType,
      byteSize: caseDocuments.byteSize,
      sha256: caseDocuments.sha256,
      receivedFrom: caseDocuments.receivedFrom,
      receivedOn: caseDocuments.receivedOn,
      description: caseDocuments.description,
      hasText: sql<boolean>`${caseDocuments.extractedText} is not null`,
      activeContent: caseDocuments.activeContent,
      createdAt: caseDocuments.createdAt,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, c.id))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.filename));
  await auditCase(tx, acting, c, "case.documents.viewed");
  return {
    case: { ...caseHeading(c) },
    documents: documents.map(({ hasText, activeContent, createdAt, ...d }) => ({
      ...d,
      hasText: Boolean(hasText),
      warning: activeContentWarning(activeContent),
      addedOn: createdAt.toISOString().slice(0, 10),
    })),
  };
}

/**
 * Adds a document to the case file: checked by its content (PDF, JPEG or PNG), stored
 * encrypted, hashed, its text extracted when it is a PDF (in a worker thread, within limits:
 * a PDF over them is refused with the reason) and any JavaScript or embedded files it
 * carries noted, to warn whoever opens it. A refused file is refused before anything is
 * written. Call it inside `withDocumentStore`, so the file goes if the
 * transaction does not commit.
 */
export async function addCaseDocument(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  caseId: string,
  input: CaseDocumentInput,
): Promise<{ documentId: string; extracted: boolean; warning: string | null }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  let check = input.scan;
  if (!check) {
    const read = await readScan(input.bytes, { extractText: true });
    if (!read.ok) throw invalid(read.message, { field: "file" });
    check = read.scan;
  }
  const filename = cleanFilename(input.filename, check.mediaType);
  const { text: extractedText, activeContent } = check;
  const stored = await store.put(input.bytes);
  try {
    const [row] = await tx
      .insert(caseDocuments)
      .values({
        caseId: c.id,
        filename,
        mediaType: check.mediaType,
        byteSize: stored.byteSize,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        receivedFrom: input.receivedFrom,
        receivedOn: input.receivedOn,
        description: input.description || null,
        extractedText,
        activeContent,
        createdBy: acting.viewer.id,
      })
      .returning({ id: caseDocuments.id });
    if (!row) throw new Error("case document insert returned nothing");
    await auditCase(tx, acting, c, "case.document.added", {
      documentId: row.id,
      mediaType: check.mediaType,
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      receivedFrom: input.receivedFrom,
      receivedOn: input.receivedOn,
      textExtracted: extractedText !== null,
      activeContent,
    });
    await touchCase(tx, c);
    return {
      documentId: row.id,
      extracted: extractedText !== null,
      warning: activeContentWarning(activeContent),
    };
  } catch (error) {
    await store.remove(stored.storageKey);
    throw error;
  }
}

import { and, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable, Tx } from "~/db/database.server";
import { caseDocumentRedactions, caseDocuments } from "~/db/schema";
import { PREVIEW_PAGES, previewPdfPages, redactPdf } from "~/documents/redact/redact-pdf.server";
import type { DocumentStore } from "~/documents/storage.server";
import { invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  mustBeOpen,
  mustLead,
  openCase,
  touchCase,
} from "../case-access.server";
import { areaProblem, type RedactionArea } from "./redaction-schema";

/** Runs work as the signed-in user in a short transaction of its own. */
export type AsUser = <T>(fn: (tx: Tx, acting: Acting) => Promise<T>) => Promise<T>;

export interface PreparedRedaction {
  pdf: Uint8Array;
  pages: number;
  /** How many times each passage was found and removed. */
  found: number[];
  /** How many areas were painted over. */
  areas: number;
}

type CaseDocument = typeof caseDocuments.$inferSelect;

/** How much of a document's text the redaction page shows, to copy passages from. */
const TEXT_SHOWN = 20_000;

/** A PDF of an open case, for one of its project's leads to redact. */
async function originalFor(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  documentId: string,
): Promise<{ c: CaseRow; doc: CaseDocument }> {
  const c = await openCase(tx, acting, caseId);
  mustLead(acting, c, "make redacted copies");
  mustBeOpen(c);
  if (!isId(documentId)) throw notFound("document");
  const [doc] = await tx
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, c.id)));
  if (!doc) throw notFound("document");
  if (doc.mediaType !== "application/pdf")
    throw invalid("Only a PDF can be redacted here.", { field: "passages" });
  return { c, doc };
}

/** A page's preview, ready for an `<img>`: a JPEG as a data URL (the page is not cached anywhere). */
export interface PagePreviewView {
  page: number;
  src: string;
  width: number;
  height: number;
}

/**
 * The document to redact, for the redaction page: its name, its text as read so far, its page
 * count and small pictures of its first pages to mark areas on. The document is looked up (and
 * the look audited) in a short transaction; the pictures are drawn after it, in a worker.
 */
export async function getDocumentToRedact(
  asUser: AsUser,
  store: DocumentStore,
  caseId: string,
  documentId: string,
) {
  const { c, doc } = await asUser(async (tx, acting) => {
    const found = await originalFor(tx, acting, caseId, documentId);
    await auditCase(tx, acting, found.c, "case.document.text_viewed", {
      documentId: found.doc.id,
      pagesPreviewed: PREVIEW_PAGES,
    });
    return found;
  });
  const drawn = await previewPdfPages(await store.get(doc.storageKey));
  return {
    case: { ...caseHeading(c) },
    document: {
      id: doc.id,
      filename: doc.filename,
      text: doc.extractedText?.slice(0, TEXT_SHOWN) ?? null,
      truncated: (doc.extractedText?.length ?? 0) > TEXT_SHOWN,
    },
    preview: drawn.ok
      ? {
          ok: true as const,
          pages: drawn.pages,
          shown: PREVIEW_PAGES,
          previews: drawn.previews.map(
            (p): PagePreviewView => ({
              page: p.page,
              src: `data:image/jpeg;base64,${Buffer.from(p.jpeg).toString("base64")}`,
              width: p.width,
              height: p.height,
            }),
          ),
        }
      : { ok: false as const, message: drawn.message },
  };
}

/**
 * Makes the redacted copy, before the form's transaction opens: the original is looked up
 * (and the look audited) in a short transaction of its own, then decrypted and redacted in a
 * worker with none open. A passage found nowhere refuses the copy, so that nobody believes a
 * name removed that OCR read differently; so does an area off its page or on a page the
 * document does not have.
 */
export async function prepareRedaction(
  asUser: AsUser,
  store: DocumentStore,
  caseId: string,
  documentId: string,
  passages: readonly string[],
  areas: readonly RedactionArea[] = [],
): Promise<PreparedRedaction> {
  // The form's schema checked these already; the domain does not rely on it.
  if (passages.length === 0 && areas.length === 0)
    throw invalid("Enter the passages to remove, or mark the areas to paint over", {
      field: "passages",
    });
  const problem = areas.map(areaProblem).find((p) => p !== null);
  if (problem) throw invalid(`An area is not on the page: ${problem}.`, { field: "areas" });
  const doc = await asUser(async (tx, acting) => {
    const found = await originalFor(tx, acting, caseId, documentId);
    await auditCase(tx, acting, found.c, "case.document.opened_for_redaction", {
      documentId: found.doc.id,
    });
    return found.doc;
  });
  const made = await redactPdf(await store.get(doc.storageKey), passages, areas);
  if (!made.ok)
    throw invalid(`${made.message}: nothing was saved.`, { field: made.field ?? "passages" });
  const missing = passages.filter((_, i) => made.found[i] === 0);
  if (missing.length > 0)
    throw invalid(
      `Not found in the document, so nothing was saved: ${missing.map((p) => `“${p}”`).join(", ")}. Type each passage as it is written in the document; on a scanned page it is found by OCR, which may read a word differently.`,
      { field: "passages" },
    );
  return { pdf: made.pdf, pages: made.pages, found: made.found, areas: areas.length };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "2 passages removed in 3 places and 1 area painted over", as the copy's description says. */
function describeRemoved(prepared: PreparedRedaction, places: number): string {
  const parts: string[] = [];
  if (prepared.found.length > 0)
    parts.push(`${plural(prepared.found.length, "passage")} removed in ${plural(places, "place")}`);
  if (prepared.areas > 0) parts.push(`${plural(prepared.areas, "area")} painted over`);
  return parts.join(" and ");
}

/**
 * Keeps the redacted copy as a new case document beside its original (which is unchanged),
 * records what it was made from, and audits it. Call inside `withDocumentStore`.
 */
export async function saveRedaction(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  caseId: string,
  documentId: string,
  prepared: PreparedRedaction,
): Promise<{ documentId: string }> {
  const { c, doc } = await originalFor(tx, acting, caseId, documentId);
  const removed = prepared.found.reduce((a, b) => a + b, 0);
  const stored = await store.put(prepared.pdf);
  const [row] = await tx
    .insert(caseDocuments)
    .values({
      caseId: c.id,
      filename: `${doc.filename.replace(/\.pdf$/i, "")} (redacted).pdf`,
      mediaType: "application/pdf",
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
      receivedFrom: doc.receivedFrom,
      receivedOn: doc.receivedOn,
      description: `Redacted copy of ${doc.filename}: ${describeRemoved(prepared, removed)}.`,
      createdBy: acting.viewer.id,
    })
    .returning({ id: caseDocuments.id });
  if (!row) throw new Error("case document insert returned nothing");
  await tx.insert(caseDocumentRedactions).values({
    originalId: doc.id,
    redactedId: row.id,
    passages: prepared.found.length,
    areas: prepared.areas,
    createdBy: acting.viewer.id,
  });
  await auditCase(tx, acting, c, "case.document.redacted", {
    originalId: doc.id,
    documentId: row.id,
    passages: prepared.found.length,
    places: removed,
    areas: prepared.areas,
    pages: prepared.pages,
    sha256: stored.sha256,
  });
  await touchCase(tx, c);
  return { documentId: row.id };
}

import { inArray } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { scanReadings } from "~/db/schema";
import { READ_MEDIA_TYPES } from "./scan-reader.server";
import type { ScanReadingState } from "./scan-reading";

export type { ScanReadingState };

type Row = typeof scanReadings.$inferSelect;

function stateOf(row: Row | undefined): ScanReadingState {
  if (!row || row.status === "waiting") return { status: "waiting" };
  if (row.status === "reading")
    return { status: "reading", pagesDone: row.pagesDone, pages: row.pages };
  return {
    status: row.status,
    pages: row.pages,
    pagesByOcr: row.pagesByOcr,
    confidence: row.confidence,
    note: row.note,
  };
}

/**
 * The reading of each of the documents given (intake documents or case documents), by id;
 * null for a file the reader does not read. Runs as the viewer: row-level security shows a
 * reading only with its document, so pass the ids of documents the viewer has just listed.
 */
export async function scanReadingsOf(
  tx: Queryable,
  kind: "document" | "case_document",
  documents: readonly { id: string; mediaType: string }[],
): Promise<Map<string, ScanReadingState | null>> {
  const read = documents.filter((d) =>
    (READ_MEDIA_TYPES as readonly string[]).includes(d.mediaType),
  );
  const column = kind === "document" ? scanReadings.documentId : scanReadings.caseDocumentId;
  const rows =
    read.length === 0
      ? []
      : await tx
          .select()
          .from(scanReadings)
          .where(
            inArray(
              column,
              read.map((d) => d.id),
            ),
          );
  const byId = new Map(rows.map((r) => [kind === "document" ? r.documentId : r.caseDocumentId, r]));
  return new Map(documents.map((d) => [d.id, read.includes(d) ? stateOf(byId.get(d.id)) : null]));
}

import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { documents } from "./intake";
import { caseDocuments } from "./referrals";

/**
 * Where reading a scan has got to: waiting its turn, being read, read (with the OCR's
 * confidence), or unreadable (flagged, with why), never silently empty.
 */
export const SCAN_READING_STATUSES = ["waiting", "reading", "read", "unreadable"] as const;

/**
 * The reading of one scan (an image, or a PDF with pages that are pictures of text) by OCR
 * in the background: an intake document or a case document, exactly one. An intake
 * document's text is kept here, with its search column (added in the migration); a case
 * document's goes to `case_documents.extracted_text`, which its search already reads.
 * Removed with its document.
 */
export const scanReadings = pgTable(
  "scan_readings",
  {
    id: uuid().primaryKey().defaultRandom(),
    documentId: uuid().references(() => documents.id, { onDelete: "cascade" }),
    caseDocumentId: uuid().references(() => caseDocuments.id, { onDelete: "cascade" }),
    status: text({ enum: SCAN_READING_STATUSES }).notNull().default("waiting"),
    /** The document's pages (an image is one); null until it has been opened. */
    pages: integer(),
    /** Pages read so far, for the progress shown while it is read. */
    pagesDone: integer().notNull().default(0),
    /** Pages whose text came from OCR rather than from the PDF's own text layer. */
    pagesByOcr: integer().notNull().default(0),
    /** OCR's mean word confidence over the pages it read, 0 to 100. */
    confidence: integer(),
    /** What to tell the reader: why it could not be read, or what was left unread. */
    note: text(),
    /** An intake document's text (a case document's is on the case document). */
    text: text(),
    /** Times reading was started: a scan that stopped the server twice is not tried again. */
    attempts: integer().notNull().default(0),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scan_readings_document_key").on(t.documentId),
    uniqueIndex("scan_readings_case_document_key").on(t.caseDocumentId),
    index("scan_readings_waiting_idx").on(t.createdAt).where(sql`status = 'waiting'`),
    check("scan_readings_one_document", sql`num_nonnulls(document_id, case_document_id) = 1`),
  ],
);

import { runInWorker } from "~/shared/worker/run-in-worker.server";
import type { ActiveContent } from "./active-content";

/** The most pages whose text is read: a longer document is refused, to be split. */
export const MAX_SEARCHABLE_PAGES = 2_000;

/** The most text kept per document: enough for search, bounded for the row and the index. */
export const MAX_TEXT_CHARS = 500_000;

/** What reading a PDF may take; a text PDF of the largest size reads in a few seconds. */
export const PDF_LIMITS = { timeMs: 45_000, memoryMb: 512 } as const;

export interface PdfReading {
  /** Null when pdf.js cannot open the file: it is kept, but nothing more is known of it. */
  pages: number | null;
  activeContent: ActiveContent[];
  /** Null when not asked for, or when the PDF has no text layer (a scan). */
  text: string | null;
}

export type PdfRead = { ok: true; reading: PdfReading } | { ok: false; message: string };

const count = (n: number) => n.toLocaleString("en-GB");

/**
 * Reads a PDF off the request path, in a worker thread with limits on time and memory: its
 * page count and active content, and its text for search when `extractText`. A PDF that goes
 * over a limit is refused with the reason; one that pdf.js cannot read at all is not refused
 * (it passed the content checks) but comes back with nothing known of it.
 */
export async function readPdf(
  bytes: Uint8Array,
  options: { extractText: boolean },
): Promise<PdfRead> {
  const outcome = await runInWorker<PdfReading>(
    "app/shared/pdf/read-pdf.worker.mjs",
    {
      // A copy: the caller still stores these bytes.
      bytes: new Uint8Array(bytes),
      maxPages: options.extractText ? MAX_SEARCHABLE_PAGES : Number.MAX_SAFE_INTEGER,
      extractText: options.extractText,
      maxChars: MAX_TEXT_CHARS,
    },
    {
      ...PDF_LIMITS,
      tooHeavy: `The PDF is too complex to read within ${PDF_LIMITS.timeMs / 1000} seconds and ${PDF_LIMITS.memoryMb} MB: save it again as a plain PDF (print to PDF) or split it into parts`,
    },
  );
  if (outcome.status === "refused") {
    if (outcome.cause === "failed")
      return { ok: true, reading: { pages: null, activeContent: [], text: null } };
    return { ok: false, message: outcome.reason };
  }
  const reading = outcome.value;
  if (options.extractText && reading.pages !== null && reading.pages > MAX_SEARCHABLE_PAGES)
    return {
      ok: false,
      message: `The PDF has ${count(reading.pages)} pages, more than the ${count(MAX_SEARCHABLE_PAGES)} a case document may have: split it into parts of up to ${count(MAX_SEARCHABLE_PAGES)} pages and add each`,
    };
  return { ok: true, reading };
}

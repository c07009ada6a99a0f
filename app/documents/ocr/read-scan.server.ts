import { runInWorker, type WorkerOutcome } from "~/shared/worker/run-in-worker.server";

/** Pages of one document read at most: past them the reading says what was left unread. */
export const MAX_READ_PAGES = 200;

/** Pixels a page is read at: A4 at 300 dpi is 8.7 million. Larger images are scaled down. */
export const MAX_PAGE_PIXELS = 12_000_000;

/** Pages read in one worker run: the slot is given back between runs, so uploads never wait long. */
export const PAGES_PER_RUN = 5;

/** What one run of pages may take (a page of OCR takes a few seconds on two cores). */
export const RUN_LIMITS = { timeMs: 120_000, memoryMb: 768 } as const;

/** What reading a whole document may take before the rest is left unread. */
export const MAX_READ_MS = 15 * 60_000;

/** Fewer letters and digits than this in all a scan's text is no text: flagged unreadable. */
const MIN_TEXT_CHARS = 20;

/** Below this mean confidence the OCR's text is kept for search but flagged for reading by eye. */
export const LOW_CONFIDENCE = 45;

export interface PageRead {
  page: number;
  text: string;
  /** OCR's confidence, 0–100; null for a page read from the PDF's own text layer. */
  confidence: number | null;
}

interface RunResult {
  pages: number;
  read: PageRead[];
  tooLarge: boolean;
}

export type ScanOutcome =
  | {
      status: "read" | "unreadable";
      pages: number;
      pagesByOcr: number;
      confidence: number | null;
      text: string | null;
      note: string | null;
    }
  /** Every worker was busy: the scan waits for its next turn. */
  | { status: "busy" };

export type Progress = (pagesDone: number, pages: number) => Promise<void>;

const alnum = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;

function runPages(
  bytes: Uint8Array,
  mediaType: string,
  fromPage: number,
): Promise<WorkerOutcome<RunResult>> {
  return runInWorker<RunResult>(
    "app/documents/ocr/ocr-pages.worker.mjs",
    {
      bytes: new Uint8Array(bytes),
      mediaType,
      fromPage,
      toPage: Math.min(MAX_READ_PAGES, fromPage + PAGES_PER_RUN - 1),
      maxPixels: MAX_PAGE_PIXELS,
    },
    {
      ...RUN_LIMITS,
      tooHeavy: `Its pages could not be read within ${RUN_LIMITS.timeMs / 1000} seconds and ${RUN_LIMITS.memoryMb} MB`,
      unreadable: "The file could not be opened for reading",
    },
  );
}

/**
 * Reads a scan's text off the request path: an image by OCR, a PDF page by page (its own
 * text layer where a page has one, OCR where the page is a picture), a few pages per worker
 * run within the limits above. Never empty without saying so: a scan with no legible text,
 * or read with low confidence, comes back "unreadable" with a note for the reader.
 */
export async function readScanText(
  bytes: Uint8Array,
  mediaType: string,
  onProgress: Progress,
  now: () => number = Date.now,
): Promise<ScanOutcome> {
  const started = now();
  const read: PageRead[] = [];
  let pages = 1;
  let stoppedEarly: string | null = null;
  for (let from = 1; from <= Math.min(pages, MAX_READ_PAGES); from += PAGES_PER_RUN) {
    if (now() - started > MAX_READ_MS) {
      stoppedEarly = `Reading stopped after ${MAX_READ_MS / 60_000} minutes`;
      break;
    }
    const outcome = await runPages(bytes, mediaType, from);
    if (outcome.status === "refused") {
      if (outcome.cause === "busy") return { status: "busy" };
      if (read.length === 0) return unreadable(pages, `${outcome.reason}.`);
      stoppedEarly = `${outcome.reason} from page ${from}`;
      break;
    }
    if (outcome.value.tooLarge)
      return unreadable(
        1,
        `The image is too large to read (over ${(MAX_PAGE_PIXELS * 4) / 1e6} million pixels): scan it again at 300 dpi.`,
      );
    pages = outcome.value.pages;
    read.push(...outcome.value.read);
    await onProgress(read.length, Math.min(pages, MAX_READ_PAGES));
  }
  return summarise(read, pages, stoppedEarly);
}

function unreadable(pages: number, note: string): ScanOutcome {
  return { status: "unreadable", pages, pagesByOcr: 0, confidence: null, text: null, note };
}

/** The reading of a whole scan from its pages: text, mean confidence, and what to flag. */
export function summarise(read: PageRead[], pages: number, stoppedEarly: string | null) {
  const byOcr = read.filter((p) => p.confidence !== null);
  const weights = byOcr.map((p) => Math.max(1, alnum(p.text)));
  const total = weights.reduce((a, b) => a + b, 0);
  const confidence =
    byOcr.length === 0
      ? null
      : Math.round(
          byOcr.reduce((sum, p, i) => sum + (p.confidence ?? 0) * (weights[i] ?? 0), 0) / total,
        );
  const text = read
    .map((p) => p.text)
    .filter((t) => t.length > 0)
    .join("\n\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NULs cannot be stored in text
    .replace(/\u0000/g, "")
    .trim();
  const unread =
    pages > read.length
      ? `${stoppedEarly ?? `Only the first ${MAX_READ_PAGES} pages are read`}: pages ${read.length + 1} to ${pages} are not searchable.`
      : null;
  const base = { pages, pagesByOcr: byOcr.length, confidence };
  if (alnum(text) < MIN_TEXT_CHARS)
    return {
      status: "unreadable" as const,
      ...base,
      text: text || null,
      note: "No text could be read: it may be handwriting, a photograph or a blank page. Read it by eye and note what it says.",
    };
  if (confidence !== null && confidence < LOW_CONFIDENCE)
    return {
      status: "unreadable" as const,
      ...base,
      text,
      note: `Read with low confidence (${confidence}%): the text found is searchable but may be wrong. Read it by eye.`,
    };
  return { status: "read" as const, ...base, text, note: unread };
}

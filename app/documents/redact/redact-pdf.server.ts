import {
  MAX_REDACTED_PAGES,
  pageOutOfRange,
  type RedactionArea,
} from "~/casework/documents/redaction-schema";
import { MAX_PAGE_PIXELS } from "~/documents/ocr/read-scan.server";
import { runInWorker } from "~/shared/worker/run-in-worker.server";

/** The most pages a redacted copy is made of: every page is drawn, and scanned ones read by OCR. */
export const MAX_REDACT_PAGES = MAX_REDACTED_PAGES;

/** What making a redacted copy may take: a hundred scanned pages at a few seconds each. */
export const REDACT_LIMITS = { timeMs: 10 * 60_000, memoryMb: 1024 } as const;

export type RedactedPdf =
  | { ok: true; pdf: Uint8Array; pages: number; found: number[] }
  | { ok: false; message: string; field?: "areas" };

/**
 * Makes a redacted copy of a PDF off the request's thread: every page drawn as a picture with
 * each passage painted over, and nothing else of the original carried over
 * and each area painted over (redact-pdf.worker.mjs). `found[i]` says how often passage i was
 * found and removed. An area on a page the PDF does not have refuses the copy.
 */
export async function redactPdf(
  bytes: Uint8Array,
  passages: readonly string[],
  areas: readonly RedactionArea[] = [],
): Promise<RedactedPdf> {
  const outcome = await runInWorker<{ pdf: Uint8Array | null; pages: number; found: number[] }>(
    "app/documents/redact/redact-pdf.worker.mjs",
    {
      bytes: new Uint8Array(bytes),
      passages: [...passages],
      areas: areas.map((a) => ({ ...a })),
      maxPages: MAX_REDACT_PAGES,
      maxPixels: MAX_PAGE_PIXELS,
    },
    {
      ...REDACT_LIMITS,
      tooHeavy: `The PDF is too large to redact within ${REDACT_LIMITS.timeMs / 60_000} minutes and ${REDACT_LIMITS.memoryMb} MB: split it into parts of up to ${MAX_REDACT_PAGES} pages`,
      unreadable: `The PDF could not be redacted: it may be damaged, or longer than ${MAX_REDACT_PAGES} pages (split it into parts)`,
    },
  );
  if (outcome.status === "refused") return { ok: false, message: outcome.reason };
  const { pdf, pages, found } = outcome.value;
  if (!pdf) {
    const problems = areas.map((a) => pageOutOfRange(a.page, pages)).filter((p) => p !== null);
    return { ok: false, field: "areas", message: `An area is off the document: ${problems[0]}` };
  }
  return { ok: true, pdf: new Uint8Array(pdf), pages, found };
}

/** How many pages are previewed for marking areas, and how wide (pixels) each is drawn. */
export const PREVIEW_PAGES = 20;
const PREVIEW_WIDTH = 360;

/** What drawing the previews may take: a few seconds for twenty small pages. */
const PREVIEW_LIMITS = { timeMs: 60_000, memoryMb: 512 } as const;

export interface PagePreview {
  page: number;
  jpeg: Uint8Array;
  width: number;
  height: number;
}

export type PagePreviews =
  | { ok: true; pages: number; previews: PagePreview[] }
  | { ok: false; message: string };

/**
 * The document's page count and small pictures of its first PREVIEW_PAGES pages with a grid
 * every 10%, drawn in the heavy-work pool (preview-pages.worker.mjs) within its own limits.
 */
export async function previewPdfPages(bytes: Uint8Array): Promise<PagePreviews> {
  const outcome = await runInWorker<{ pages: number; previews: PagePreview[] }>(
    "app/documents/redact/preview-pages.worker.mjs",
    { bytes: new Uint8Array(bytes), maxPages: PREVIEW_PAGES, width: PREVIEW_WIDTH },
    {
      ...PREVIEW_LIMITS,
      queueMs: 20_000,
      tooHeavy: "The pages are too large to preview here",
      unreadable: "The pages could not be previewed: the PDF may be damaged",
    },
  );
  if (outcome.status === "refused") return { ok: false, message: outcome.reason };
  const { pages, previews } = outcome.value;
  return {
    ok: true,
    pages,
    previews: previews.map((p) => ({ ...p, jpeg: new Uint8Array(p.jpeg) })),
  };
}

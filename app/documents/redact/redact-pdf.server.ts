import { MAX_PAGE_PIXELS } from "~/documents/ocr/read-scan.server";
import { runInWorker } from "~/shared/worker/run-in-worker.server";

/** The most pages a redacted copy is made of: every page is drawn, and scanned ones read by OCR. */
export const MAX_REDACT_PAGES = 100;

/** What making a redacted copy may take: a hundred scanned pages at a few seconds each. */
export const REDACT_LIMITS = { timeMs: 10 * 60_000, memoryMb: 1024 } as const;

export type RedactedPdf =
  | { ok: true; pdf: Uint8Array; pages: number; found: number[] }
  | { ok: false; message: string };

/**
 * Makes a redacted copy of a PDF off the request's thread: every page drawn as a picture with
 * each passage painted over, and nothing else of the original carried over
 * (redact-pdf.worker.mjs). `found[i]` says how often passage i was found and removed.
 */
export async function redactPdf(
  bytes: Uint8Array,
  passages: readonly string[],
): Promise<RedactedPdf> {
  const outcome = await runInWorker<{ pdf: Uint8Array; pages: number; found: number[] }>(
    "app/documents/redact/redact-pdf.worker.mjs",
    {
      bytes: new Uint8Array(bytes),
      passages: [...passages],
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
  return { ok: true, ...outcome.value, pdf: new Uint8Array(outcome.value.pdf) };
}

import { readScanText } from "~/documents/ocr/read-scan.server";
import {
  prisonersLetter,
  scannedLetterImage,
  scannedLetterPdf,
} from "../tests/support/scanned-letters";

/**
 * Pages of scanned letters read per minute, as the scan reader reads them: a scanned PDF of
 * `pages` pages (pictures at 200 dpi, no text layer, drawn on A4 and rendered again for OCR
 * at up to 300 dpi) and one photographed letter (a JPEG), each through the worker runs with
 * their limits. Checks that a known word came back, so a fast but blind OCR cannot pass.
 */
export async function measureOcr(pages: number, log: (line: string) => void) {
  const letter = (n: number) =>
    prisonersLetter("Roderick Quillan", `Page ${n}: the getaway van was tangerine.`);
  const pdf = await scannedLetterPdf(Array.from({ length: pages }, (_, i) => letter(i + 1)));
  const image = scannedLetterImage(letter(0), "jpeg");
  const progress = async () => undefined;

  let started = performance.now();
  const readPdf = await readScanText(pdf, "application/pdf", progress);
  const pdfSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const readImage = await readScanText(image, "image/jpeg", progress);
  const imageSeconds = (performance.now() - started) / 1000;

  for (const [what, read] of [
    ["scanned PDF", readPdf],
    ["photographed letter", readImage],
  ] as const) {
    if (read.status === "busy" || !/tangerine/i.test(read.text ?? ""))
      throw new Error(`OCR did not read the ${what}: ${JSON.stringify(read).slice(0, 300)}`);
  }
  const pagesPerMinute = (pages / pdfSeconds) * 60;
  log(
    `OCR: ${pages} scanned PDF pages in ${pdfSeconds.toFixed(1)} s (${pagesPerMinute.toFixed(1)} pages a minute), ` +
      `confidence ${readPdf.status !== "busy" ? readPdf.confidence : "?"}%; a photographed letter in ${imageSeconds.toFixed(1)} s`,
  );
  return {
    ocr_pdf_pages: pages,
    ocr_pdf_pages_per_minute: Math.round(pagesPerMinute * 10) / 10,
    ocr_image_seconds: Math.round(imageSeconds * 10) / 10,
    ocr_confidence: readPdf.status !== "busy" ? readPdf.confidence : null,
  };
}

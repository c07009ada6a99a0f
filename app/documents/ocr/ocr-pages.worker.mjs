// Reads a run of a scan's pages in a worker thread (run by app/shared/worker): a PDF page's own
// text when it has a text layer, OCR otherwise; an image is one page. Plain JavaScript on
// purpose: see app/shared/worker/host.worker.mjs. Nothing is fetched: the English data comes
// from the @tesseract.js-data/eng package on disk (docs/decisions/028-ocr-and-redaction.md).
import { createRequire } from "node:module";
import path from "node:path";
import * as napiCanvas from "@napi-rs/canvas";
import { createWorker, OEM } from "tesseract.js";
import { getDocumentProxy } from "unpdf";

const { createCanvas, loadImage } = napiCanvas;
const require = createRequire(import.meta.url);

// pdf.js (through unpdf) draws on canvases made from the module registered here, and expects
// the browser's drawing classes as globals: this thread's own globals, nobody else's.
globalThis[Symbol.for("unpdf.canvasModule")] = napiCanvas;
globalThis.ImageData ??= napiCanvas.ImageData;
globalThis.Path2D ??= napiCanvas.Path2D;
globalThis.DOMMatrix ??= napiCanvas.DOMMatrix;
// pdf.js hands font data on with ArrayBuffer#transferToFixedLength, which Node 20 lacks: without
// it every font fails and pages are drawn without their text. A copy does what it needs here.
if (!ArrayBuffer.prototype.transferToFixedLength)
  ArrayBuffer.prototype.transferToFixedLength = function transferToFixedLength(length) {
    const size = length ?? this.byteLength;
    const copy = new ArrayBuffer(size);
    new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
    return copy;
  };

/** The folder holding eng.traineddata.gz: the integer "best" model, as fast as "fast" on CPU. */
export const LANG_PATH = path.join(
  path.dirname(require.resolve("@tesseract.js-data/eng/package.json")),
  "4.0.0_best_int",
);

/** A page's text layer shorter than this (letters and digits) counts as no text: a scan. */
export const MIN_LAYER_CHARS = 20;

/** PDF pages are drawn at this resolution for OCR, less when that would pass `maxPixels`. */
const RENDER_DPI = 300;

export function alnum(text) {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** Width and height from a PNG's or JPEG's header, before anything is decoded. */
export function imageSize(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47)
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1];
    // Start-of-frame markers (baseline, progressive, …), not DHT (c4), JPG (c8) or DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return null;
}

/** An image as PNG bytes of at most `maxPixels`, scaled down if it is larger. */
async function fitImage(bytes, maxPixels) {
  const size = imageSize(bytes);
  if (!size) throw new Error("the image's size could not be read");
  if (size.width * size.height <= maxPixels) return bytes;
  const image = await loadImage(Buffer.from(bytes));
  const scale = Math.sqrt(maxPixels / (image.width * image.height));
  const canvas = createCanvas(
    Math.max(1, Math.floor(image.width * scale)),
    Math.max(1, Math.floor(image.height * scale)),
  );
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.encode("png");
}

/** Draws a PDF page on a white canvas at up to RENDER_DPI, within `maxPixels`. */
export async function drawPage(page, maxPixels) {
  const base = page.getViewport({ scale: 1 });
  const wanted = RENDER_DPI / 72;
  const fits = Math.sqrt(maxPixels / (base.width * base.height));
  const viewport = page.getViewport({ scale: Math.min(wanted, fits) });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  return { canvas, viewport };
}

async function renderPage(page, maxPixels) {
  const { canvas } = await drawPage(page, maxPixels);
  return canvas.encode("png");
}

/** A Tesseract worker for English from the data on disk: nothing is fetched or cached. */
export function startTesseract() {
  return createWorker("eng", OEM.LSTM_ONLY, {
    langPath: LANG_PATH,
    gzip: true,
    cacheMethod: "none",
  });
}

export function pageTextLayer(content) {
  return content.items
    .filter((item) => item.str != null)
    .map((item) => item.str + (item.hasEOL ? "\n" : ""))
    .join("");
}

/**
 * `{ bytes, mediaType, fromPage, toPage, maxPixels, readScan }` →
 * `{ pages, read: [{ page, text, confidence | null }], tooLarge }`. Pages are numbered from 1;
 * `toPage` is capped at the document's last page. `confidence` is null for a page whose text
 * came from its text layer. An image larger than four times `maxPixels` is not decoded at
 * all: `tooLarge` says so.
 */
export default async function ocrPages({ bytes, mediaType, fromPage, toPage, maxPixels }) {
  let tesseract;
  const ocr = async (png) => {
    tesseract ??= await startTesseract();
    const { data } = await tesseract.recognize(Buffer.from(png));
    return { text: data.text.trim(), confidence: Math.round(data.confidence) };
  };
  try {
    if (mediaType !== "application/pdf") {
      const size = imageSize(bytes);
      if (size && size.width * size.height > maxPixels * 4)
        return { pages: 1, read: [], tooLarge: true };
      const { text, confidence } = await ocr(await fitImage(bytes, maxPixels));
      return { pages: 1, read: [{ page: 1, text, confidence }], tooLarge: false };
    }
    const pdf = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
    try {
      const read = [];
      const last = Math.min(toPage, pdf.numPages);
      for (let n = fromPage; n <= last; n++) {
        const page = await pdf.getPage(n);
        try {
          const layer = pageTextLayer(await page.getTextContent()).trim();
          if (alnum(layer) >= MIN_LAYER_CHARS)
            read.push({ page: n, text: layer, confidence: null });
          else read.push({ page: n, ...(await ocr(await renderPage(page, maxPixels))) });
        } finally {
          page.cleanup();
        }
      }
      return { pages: pdf.numPages, read, tooLarge: false };
    } finally {
      await pdf.destroy();
    }
  } finally {
    await tesseract?.terminate();
  }
}

// Makes a redacted copy of a PDF in a worker thread (run by app/shared/worker): every page is
// drawn as a picture, each passage found on it is painted over in black, and the copy is built
// from those pictures alone. Nothing of the original's text layer, fonts, annotations,
// attachments, scripts or metadata is carried over, so a removed passage cannot be copied,
// searched or uncovered from the copy. Passages are found in a page's text layer or, on a page
// that has none (a scan), in the words OCR reads on the picture. Areas (a page and a rectangle in
// percent of it) are painted over as marked, on the picture drawn at full resolution.
import { PDFDocument } from "pdf-lib";
import { getDocumentProxy } from "unpdf";
import { alnum, drawPage, MIN_LAYER_CHARS, startTesseract } from "../ocr/ocr-pages.worker.mjs";

/** Passages match whatever the case and the spaces between their words. */
function passagePattern(passage) {
  const words = passage.trim().split(/\s+/).filter(Boolean);
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(escaped.join("\\s+"), "giu");
}

/**
 * Pieces of text with where they are: `{ text, box(fromChar, toChar) → [x0, y0, x1, y1] }` in
 * the picture's pixels. Joined with spaces, they make the string passages are looked for in.
 */
function findBoxes(pieces, patterns) {
  let joined = "";
  const starts = [];
  for (const piece of pieces) {
    starts.push(joined.length);
    joined += `${piece.text} `;
  }
  const boxes = [];
  const found = patterns.map(() => 0);
  patterns.forEach((pattern, p) => {
    for (const match of joined.matchAll(pattern)) {
      found[p]++;
      const from = match.index;
      const to = from + match[0].length;
      pieces.forEach((piece, i) => {
        const start = starts[i];
        const end = start + piece.text.length;
        if (end <= from || start >= to) return;
        boxes.push(piece.box(Math.max(0, from - start), Math.min(piece.text.length, to - start)));
      });
    }
  });
  return { boxes, found };
}

/** The text layer's items as pieces, their boxes in the drawn picture's pixels. */
function layerPieces(content, viewport) {
  return content.items
    .filter((item) => item.str)
    .map((item) => {
      const [a, b, , , e, f] = item.transform;
      const size = Math.hypot(a, b) || item.height || 10;
      return {
        text: item.str,
        box(fromChar, toChar) {
          const n = item.str.length || 1;
          // Characters are taken as equally wide; the padding covers the difference.
          const x0 = e + (item.width * fromChar) / n;
          const x1 = e + (item.width * toChar) / n;
          const [l, t, r, btm] = viewport.convertToViewportRectangle([
            x0,
            f - size * 0.3,
            x1,
            f + size * 1.0,
          ]);
          const pad = (size * viewport.scale) / 4;
          return [
            Math.min(l, r) - pad,
            Math.min(t, btm) - pad,
            Math.max(l, r) + pad,
            Math.max(t, btm) + pad,
          ];
        },
      };
    });
}

/** The words OCR read on the picture, as pieces, each with its own box. */
function ocrPieces(blocks) {
  const words = [];
  for (const block of blocks ?? [])
    for (const paragraph of block.paragraphs ?? [])
      for (const line of paragraph.lines ?? [])
        for (const word of line.words ?? []) words.push(word);
  return words.map((word) => ({
    text: word.text,
    box() {
      const { x0, y0, x1, y1 } = word.bbox;
      const pad = Math.max(4, (y1 - y0) / 3);
      return [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
    },
  }));
}

/** An area's rectangle in the picture's pixels, widened to whole pixels so nothing is left. */
function areaBox(area, canvas) {
  const x0 = Math.floor((area.left / 100) * canvas.width);
  const y0 = Math.floor((area.top / 100) * canvas.height);
  const x1 = Math.ceil(((area.left + area.width) / 100) * canvas.width);
  const y1 = Math.ceil(((area.top + area.height) / 100) * canvas.height);
  return [x0, y0, x1, y1];
}

/**
 * `{ bytes, passages, areas, maxPages, maxPixels }` → `{ pdf, pages, found: number[] }`,
 * `found[i]` being how many times passage i was painted over. An area on a page the PDF does
 * not have answers `{ pdf: null, pages }` before anything is drawn. Throws past `maxPages`.
 */
export default async function redactPdf({ bytes, passages, areas = [], maxPages, maxPixels }) {
  const patterns = passages.map(passagePattern);
  const found = passages.map(() => 0);
  const source = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
  let tesseract;
  try {
    if (source.numPages > maxPages)
      throw new Error(`the PDF has ${source.numPages} pages, over ${maxPages}`);
    if (areas.some((area) => area.page > source.numPages))
      return { pdf: null, pages: source.numPages, found };
    const copy = await PDFDocument.create();
    copy.setTitle("Redacted copy");
    copy.setProducer("Clearname");
    copy.setCreator("Clearname");
    for (let n = 1; n <= source.numPages; n++) {
      const page = await source.getPage(n);
      try {
        const { canvas, viewport } = await drawPage(page, maxPixels);
        const boxes = areas.filter((area) => area.page === n).map((a) => areaBox(a, canvas));
        if (patterns.length > 0) {
          const content = await page.getTextContent();
          let pieces = layerPieces(content, viewport);
          if (alnum(pieces.map((p) => p.text).join("")) < MIN_LAYER_CHARS) {
            tesseract ??= await startTesseract();
            const png = await canvas.encode("png");
            const { data } = await tesseract.recognize(png, {}, { blocks: true });
            pieces = ocrPieces(data.blocks);
          }
          const onPage = findBoxes(pieces, patterns);
          onPage.found.forEach((count, i) => {
            found[i] += count;
          });
          boxes.push(...onPage.boxes);
        }
        const context = canvas.getContext("2d");
        context.fillStyle = "#000";
        for (const [x0, y0, x1, y1] of boxes) context.fillRect(x0, y0, x1 - x0, y1 - y0);
        const jpeg = await copy.embedJpg(await canvas.encode("jpeg", 85));
        const size = page.getViewport({ scale: 1 });
        const out = copy.addPage([size.width, size.height]);
        out.drawImage(jpeg, { x: 0, y: 0, width: size.width, height: size.height });
      } finally {
        page.cleanup();
      }
    }
    return { pdf: await copy.save(), pages: source.numPages, found };
  } finally {
    await tesseract?.terminate();
    await source.destroy();
  }
}

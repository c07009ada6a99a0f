// Draws small previews of a PDF's first pages in a worker thread (run by app/shared/worker), for
// marking areas to redact: each page as a JPEG a few hundred pixels wide, with light lines every
// 10% of its width and height (darker at 50%) so that a reader can tell where a rectangle lies.
// The percentages are written beside the picture by the page, not drawn here.
import { createCanvas } from "@napi-rs/canvas";
import { getDocumentProxy } from "unpdf";
import "../ocr/ocr-pages.worker.mjs";

/** Light lines every tenth of the page, a darker one at the half. */
function drawGrid(context, width, height) {
  for (let i = 1; i < 10; i++) {
    context.strokeStyle = i === 5 ? "rgba(29, 112, 184, 0.75)" : "rgba(29, 112, 184, 0.4)";
    context.lineWidth = 1;
    const x = Math.round((width * i) / 10) + 0.5;
    const y = Math.round((height * i) / 10) + 0.5;
    context.beginPath();
    context.moveTo(x, 0);
    context.lineTo(x, height);
    context.moveTo(0, y);
    context.lineTo(width, y);
    context.stroke();
  }
  context.strokeStyle = "#505a5f";
  context.strokeRect(0.5, 0.5, width - 1, height - 1);
}

/**
 * `{ bytes, maxPages, width }` → `{ pages, previews: [{ page, jpeg, width, height }] }`: the
 * document's page count and the first `maxPages` pages drawn `width` pixels wide.
 */
export default async function previewPages({ bytes, maxPages, width }) {
  const source = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
  try {
    const previews = [];
    for (let n = 1; n <= Math.min(maxPages, source.numPages); n++) {
      const page = await source.getPage(n);
      try {
        const base = page.getViewport({ scale: 1 });
        // A page far taller than wide is drawn no more than twice the width high.
        const scale = Math.min(width / base.width, (width * 2) / base.height);
        const viewport = page.getViewport({ scale });
        const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const context = canvas.getContext("2d");
        context.fillStyle = "#fff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvas, canvasContext: context, viewport }).promise;
        drawGrid(context, canvas.width, canvas.height);
        previews.push({
          page: n,
          jpeg: await canvas.encode("jpeg", 70),
          width: canvas.width,
          height: canvas.height,
        });
      } finally {
        page.cleanup();
      }
    }
    return { pages: source.numPages, previews };
  } finally {
    await source.destroy();
  }
}

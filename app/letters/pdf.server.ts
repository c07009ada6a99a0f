import { createRequire } from "node:module";
import path from "node:path";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";

/**
 * pdfmake with its bundled Roboto, read from node_modules: it covers the Latin letters of
 * names such as "Łukasz Wróbel" (the PDF standard fonts cannot). Nothing is fetched: URLs
 * are refused, and local files are limited to the font folder.
 */
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")),
  "fonts",
  "Roboto",
);

let configured = false;

function configure() {
  if (configured) return;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(fontDir, "Roboto-Regular.ttf"),
      bold: path.join(fontDir, "Roboto-Medium.ttf"),
      italics: path.join(fontDir, "Roboto-Italic.ttf"),
      bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
    },
  });
  configured = true;
}

/** A4 with 20 mm margins; body text in the size the reader needs. */
export const A4_MARGINS: [number, number, number, number] = [57, 57, 57, 64];
/** The width text runs to on A4 with those margins, in points. */
export const A4_TEXT_WIDTH = 595.28 - 57 * 2;

/** Large print is at least 16 pt throughout, as the large-print guidance asks. */
export function fontSizes(largePrint: boolean) {
  return largePrint
    ? { body: 16, small: 16, heading: 20, subheading: 18 }
    : { body: 11, small: 9, heading: 14, subheading: 12 };
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake
    .createPdf({
      pageSize: "A4",
      pageMargins: A4_MARGINS,
      ...doc,
      info: { creator: "Clearname", producer: "Clearname", ...doc.info },
    })
    .getBuffer();
}

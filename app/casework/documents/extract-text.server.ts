import { extractText, getDocumentProxy } from "unpdf";

/** The most text kept per document: enough for search, bounded for the row and the index. */
const MAX_CHARS = 500_000;

/**
 * The text of a PDF, for search (unpdf: pdf.js without native parts). A scan with no text
 * layer, or a PDF pdf.js cannot read, gives null: the upload still stands, it is only not
 * searchable by its content.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string | null> {
  try {
    // pdf.js may take ownership of the buffer it is given: give it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const { text } = await extractText(pdf, { mergePages: true });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NULs cannot be stored in text
      const clean = text.replace(/\u0000/g, "").trim();
      return clean ? clean.slice(0, MAX_CHARS) : null;
    } finally {
      await pdf.destroy();
    }
  } catch {
    return null;
  }
}

// Reads a PDF in a worker thread (run by app/shared/worker): its page count, what it carries
// that can act on the reader's computer, and, when asked, its text. Plain JavaScript on
// purpose: see app/shared/worker/host.worker.mjs.
import { getDocumentProxy } from "unpdf";

/** Names in a PDF that make it act on its own or carry other files, and what they mean. */
const ACTIVE_NAMES = new Map([
  ["JS", "javascript"],
  ["JavaScript", "javascript"],
  ["Launch", "javascript"],
  ["EmbeddedFiles", "embedded_files"],
  ["EmbeddedFile", "embedded_files"],
  ["FileAttachment", "embedded_files"],
]);

/** pdf.js's annotation type for a file attachment. */
const FILE_ATTACHMENT = 17;

/**
 * The active content named in the file's own bytes, outside its streams (whose compressed
 * bytes could spell a name by chance). Names may hide letters as #xx escapes: /J#61vaScript.
 */
function activeContentInBytes(bytes) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/stream\r?\n[\s\S]*?endstream/g, " ");
  const found = new Set();
  for (const [, raw] of text.matchAll(
    /\/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){2,16})(?=[\s/[\]()<>{}%]|$)/g,
  )) {
    const name = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    const kind = ACTIVE_NAMES.get(name);
    if (kind) found.add(kind);
  }
  return found;
}

function pageText(content) {
  return content.items
    .filter((item) => item.str != null)
    .map((item) => item.str + (item.hasEOL ? "\n" : ""))
    .join("");
}

/**
 * `{ bytes, maxPages, extractText, maxChars }` → `{ pages, activeContent, text }`. `pages` is
 * null when pdf.js cannot open the file. Past `maxPages` no page is read: the count comes
 * from the page tree, which pdf.js reads without loading a page. Pages are read one at a
 * time, and no further than the text kept needs.
 */
export default async function readPdf({ bytes, maxPages, extractText, maxChars }) {
  const activeContent = activeContentInBytes(bytes);
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false });
  } catch {
    return { pages: null, activeContent: [...activeContent], text: null };
  }
  const pages = pdf.numPages;
  if ((await pdf.getAttachments().catch(() => null)) != null) activeContent.add("embedded_files");
  const actions = await pdf.getJSActions().catch(() => null);
  if (actions && Object.keys(actions).length > 0) activeContent.add("javascript");
  if (pages > maxPages || !extractText)
    return { pages, activeContent: [...activeContent], text: null };
  const texts = [];
  let length = 0;
  for (let n = 1; n <= pages && length < maxChars; n++) {
    const page = await pdf.getPage(n);
    try {
      const annotations = await page.getAnnotations().catch(() => []);
      if (annotations.some((a) => a.annotationType === FILE_ATTACHMENT))
        activeContent.add("embedded_files");
      const text = pageText(await page.getTextContent());
      texts.push(text);
      length += text.length;
    } finally {
      page.cleanup();
    }
  }
  await pdf.destroy();
  // As unpdf's extractText({ mergePages: true }) joins pages, so that search reads the same.
  const merged = texts
    .join("\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NULs cannot be stored in text
    .replace(/\u0000/g, "")
    .trim();
  return {
    pages,
    activeContent: [...activeContent],
    text: merged ? merged.slice(0, maxChars) : null,
  };
}

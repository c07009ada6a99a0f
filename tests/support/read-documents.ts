import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";

/**
 * Reading generated documents the way their readers do: PDFs through poppler's pdftotext
 * (apt-get install poppler-utils; CI installs it), Word files by unzipping them.
 */
export const PDFTOTEXT = spawnSync("pdftotext", ["-v"]).error === undefined;
export const NEEDS_PDFTOTEXT =
  "needs pdftotext (apt-get install poppler-utils) to read the PDF as a reader would";

function withTempFile<T>(bytes: Uint8Array, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearname-pdf-"));
  const file = path.join(dir, "document.pdf");
  try {
    fs.writeFileSync(file, bytes);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text, page by page (pdftotext separates pages with a form feed). */
export function pdfPages(bytes: Uint8Array): string[] {
  const text = withTempFile(bytes, (file) =>
    execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }),
  );
  return text.split("\f").filter((page, i, all) => i < all.length - 1 || page.trim() !== "");
}

export function pdfText(bytes: Uint8Array): string {
  return pdfPages(bytes).join("\n");
}

/** The height in points of each occurrence of a word: how large it is printed. */
export function pdfWordHeights(bytes: Uint8Array, word: string): number[] {
  const html = withTempFile(bytes, (file) =>
    execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }),
  );
  return [
    ...html.matchAll(
      /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ]
    .filter((m) => m[3] === word)
    .map((m) => Number(m[2]) - Number(m[1]));
}

/** One file out of a zip (a .docx is one), read through its central directory. */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip file");
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in the zip file`);
}

/** The text of a Word document's body, its runs joined. */
export function docxText(docx: Buffer): string {
  const xml = unzipEntry(docx, "word/document.xml").toString("utf8");
  return xml
    .replace(/<w:br\/>|<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

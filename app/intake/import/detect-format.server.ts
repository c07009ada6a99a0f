import { isUtf8 } from "node:buffer";
import { fileTypeFromBuffer } from "file-type";

export type ImportFormat = "csv" | "xlsx";

export type Detected = { ok: true; format: ImportFormat } | { ok: false; message: string };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SAVE_AS_UTF8 =
  "In Excel, choose File › Save As › “CSV UTF-8 (Comma delimited)” and upload that file.";

function describeType(ext: string, mime: string): string {
  if (mime.startsWith("image/")) return `a ${ext.toUpperCase()} image`;
  if (ext === "pdf") return "a PDF document";
  if (ext === "docx") return "a Word document";
  if (ext === "zip") return "a ZIP archive";
  if (ext === "xml") return "an XML file";
  return `a .${ext} file (${mime})`;
}

/** The 1-based line of the first bytes that are not UTF-8, for a message the user can act on. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line++;
    start = end + 1;
  }
  return line;
}

/**
 * What an uploaded file really is, from its bytes, not its name: an Excel workbook (a ZIP
 * holding xl/workbook.xml) or CSV (UTF-8 text, with or without a byte-order mark). A file
 * that is neither, or whose name claims the other kind, is refused with a message saying
 * what it is and what to do.
 */
export async function detectImportFormat(bytes: Buffer, filename: string): Promise<Detected> {
  const name = `“${filename}”`;
  const claimed = /\.xlsx$/i.test(filename) ? "xlsx" : /\.csv$/i.test(filename) ? "csv" : null;
  if (bytes.length === 0) return { ok: false, message: `${name} is empty.` };
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext === "xlsx" || (type?.ext === "zip" && bytes.includes("xl/workbook.xml"))) {
    if (!bytes.includes("xl/workbook.xml"))
      return { ok: false, message: `${name} looks like a workbook but has no sheets to read.` };
    if (claimed === "csv")
      return {
        ok: false,
        message: `${name} is named as a CSV file but is an Excel workbook. Rename it to .xlsx and upload it again.`,
      };
    return { ok: true, format: "xlsx" };
  }
  if (type?.ext === "cfb" || type?.ext === "xls")
    return {
      ok: false,
      message: `${name} is an Excel 97–2003 workbook (.xls), which cannot be read. Save it as an Excel workbook (.xlsx) or as CSV UTF-8 and upload that.`,
    };
  if (type)
    return {
      ok: false,
      message: `${name} is ${describeType(type.ext, type.mime)}, not a CSV file or an Excel workbook.`,
    };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      ok: false,
      message: `${name} is saved as UTF-16 (“Unicode text”), not UTF-8. ${SAVE_AS_UTF8}`,
    };
  const text = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  if (text.includes(0))
    return { ok: false, message: `${name} contains binary data: it is not a CSV text file.` };
  if (!isUtf8(text))
    return {
      ok: false,
      message: `${name} is not UTF-8 text: line ${firstBadLine(text)} has characters in another encoding (perhaps Windows-1252 or Latin-1). ${SAVE_AS_UTF8}`,
    };
  if (claimed === "xlsx")
    return {
      ok: false,
      message: `${name} is named as an Excel workbook but is plain text. If it is CSV, rename it to .csv and upload it again.`,
    };
  return { ok: true, format: "csv" };
}

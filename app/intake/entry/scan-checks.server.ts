import { fileTypeFromBuffer } from "file-type";
import type { ActiveContent } from "~/shared/pdf/active-content";
import { readPdf } from "~/shared/pdf/read-pdf.server";
import {
  ACCEPTED_MEDIA_TYPES,
  type AcceptedMediaType,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_LABEL,
  WRONG_TYPE_MESSAGE,
} from "./upload-rules";

export type ScanCheck = { ok: true; mediaType: AcceptedMediaType } | { ok: false; message: string };

const ascii = (s: string) => Buffer.from(s, "latin1");

function tail(bytes: Uint8Array, n: number): Buffer {
  return Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - n)));
}

/**
 * A file whose start says PDF, JPEG or PNG but which cannot be whole: no end-of-file marker
 * where the format puts one. Catches truncated scans and files only dressed as a format.
 */
function looksWhole(bytes: Uint8Array, mediaType: AcceptedMediaType): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (mediaType) {
    case "application/pdf":
      // Incremental saves and some scanners leave bytes after the last %%EOF.
      return buf.subarray(0, 5).equals(ascii("%PDF-")) && tail(bytes, 2048).includes("%%EOF");
    case "image/png":
      return (
        buf.subarray(12, 16).equals(ascii("IHDR")) &&
        tail(bytes, 64).includes(Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]))
      );
    case "image/jpeg":
      return (
        buf[0] === 0xff && buf[1] === 0xd8 && tail(bytes, 4096).includes(Buffer.from([0xff, 0xd9]))
      );
  }
}

/** Decides from the bytes alone whether a scan can be accepted, and what it is. */
export async function checkScan(bytes: Uint8Array): Promise<ScanCheck> {
  if (bytes.byteLength === 0)
    return { ok: false, message: "The file is empty: choose the scanned file again" };
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    return { ok: false, message: `The file must be ${MAX_UPLOAD_LABEL} or smaller` };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(detected.mime in ACCEPTED_MEDIA_TYPES)) {
    return {
      ok: false,
      message: `${WRONG_TYPE_MESSAGE}${detected ? ` (this file is ${detected.ext.toUpperCase()})` : ""}`,
    };
  }
  const mediaType = detected.mime as AcceptedMediaType;
  if (!looksWhole(bytes, mediaType)) {
    return {
      ok: false,
      message: `The file looks like a ${ACCEPTED_MEDIA_TYPES[mediaType]} but is damaged or incomplete: scan it again`,
    };
  }
  return { ok: true, mediaType };
}

/** The name the file is kept under: the sender's name without paths or control characters. */
export function cleanFilename(name: string, mediaType: AcceptedMediaType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 200);
  const ext = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" }[mediaType];
  const fits = { "application/pdf": /\.pdf$/i, "image/jpeg": /\.jpe?g$/i, "image/png": /\.png$/i }[
    mediaType
  ];
  if (!base) return `scan.${ext}`;
  return fits.test(base) ? base : `${base}.${ext}`;
}

/** A scan accepted by its content and, for a PDF, read within limits. */
export interface ReadScan {
  mediaType: AcceptedMediaType;
  /** The text of a PDF, when asked for and it has a text layer. */
  text: string | null;
  activeContent: ActiveContent[];
}

/**
 * Checks a scan by its content and reads a PDF in a worker thread (page count, JavaScript and
 * embedded files, and its text when `extractText`), refusing one over the reading limits.
 * No database: call it before the transaction that stores the scan, since on the embedded
 * database a transaction holds the only connection for as long as it is open.
 */
export async function readScan(
  bytes: Uint8Array,
  options: { extractText: boolean },
): Promise<{ ok: true; scan: ReadScan } | { ok: false; message: string }> {
  const check = await checkScan(bytes);
  if (!check.ok) return check;
  if (check.mediaType !== "application/pdf")
    return { ok: true, scan: { mediaType: check.mediaType, text: null, activeContent: [] } };
  const read = await readPdf(bytes, options);
  if (!read.ok) return read;
  const { text, activeContent } = read.reading;
  return { ok: true, scan: { mediaType: check.mediaType, text, activeContent } };
}

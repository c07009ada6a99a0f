import { unzipSync } from "fflate";
import { runInWorker } from "~/shared/worker/run-in-worker.server";
import type { ImportFormat } from "./detect-format.server";
import { DamagedWorkbookError, xlsxInReadingOrder } from "./xlsx-order.server";

/**
 * One row of the sheet and its line: the row's number as a spreadsheet shows it (1 for the
 * header), which for CSV is not the line in a text editor when a quoted value spans lines.
 */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** The file could not be read at all (as opposed to a row that fails validation). */
export class ImportFileError extends Error {}

/** The most data rows a file may have; a longer register is imported in parts. */
export const MAX_IMPORT_ROWS = 100_000;

/**
 * What a workbook may unpack to, read from its ZIP directory before anything is unpacked.
 * 100,000 rows of a register's twelve columns unpack to about 75 MB of XML; a ZIP bomb
 * unpacks hundreds of times its size, which no spreadsheet's XML does (Excel's compresses
 * five to twenty times).
 */
export const WORKBOOK_LIMITS = {
  unpackedMb: 200,
  /** Checked on entries that unpack to more than a megabyte: tiny ones compress oddly. */
  ratio: 100,
  entries: 1_000,
} as const;

/** What parsing a spreadsheet may take, in its worker thread. */
export const SHEET_LIMITS = { timeMs: 120_000, memoryMb: 768 } as const;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / MB)).toLocaleString("en-GB")} MB`;
const SAVE_AGAIN = "Open it in Excel and save it again, or save it as CSV UTF-8, and upload that.";

/** Why a workbook's ZIP directory says it must not be opened, or null when it may be. */
export function workbookZipProblem(bytes: Uint8Array): string | null {
  let entries = 0;
  let unpacked = 0;
  const found: { bomb?: { name: string; size: number; originalSize: number } } = {};
  try {
    unzipSync(bytes, {
      // Sees each entry of the directory; returning false unpacks nothing.
      filter(file) {
        entries++;
        unpacked += file.originalSize;
        if (file.originalSize > MB && file.originalSize > file.size * WORKBOOK_LIMITS.ratio)
          found.bomb ??= file;
        return false;
      },
    });
  } catch {
    return `The workbook could not be read: its ZIP directory is damaged. ${SAVE_AGAIN}`;
  }
  if (entries > WORKBOOK_LIMITS.entries)
    return `The workbook holds ${entries.toLocaleString("en-GB")} parts, more than the ${WORKBOOK_LIMITS.entries.toLocaleString("en-GB")} a spreadsheet has: it was not opened. ${SAVE_AGAIN}`;
  if (found.bomb) {
    const { name, size, originalSize } = found.bomb;
    return `The workbook was not opened: its part ${name} unpacks to ${mb(originalSize)} from ${size.toLocaleString("en-GB")} bytes, ${Math.round(originalSize / Math.max(size, 1)).toLocaleString("en-GB")} times its size, which no spreadsheet does. ${SAVE_AGAIN}`;
  }
  if (unpacked > WORKBOOK_LIMITS.unpackedMb * MB)
    return `The workbook unpacks to ${mb(unpacked)}, more than the ${WORKBOOK_LIMITS.unpackedMb} MB a workbook may: it was not opened. Split it into parts of up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows, or save it as CSV UTF-8, and upload that.`;
  return null;
}

/** The delimiter of a CSV file from its first line: comma, semicolon (European Excel) or tab. */
export function detectDelimiter(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]?.n ? counts[0].d : ",";
}

/** What the worker needs for the file: CSV's bytes and delimiter, or XLSX's entries in order. */
function sheetInput(bytes: Buffer, format: ImportFormat) {
  if (format === "csv") {
    const head = bytes.subarray(0, 64 * 1024).toString("utf8");
    return { format, bytes, delimiter: detectDelimiter(head.split(/\r?\n/, 1)[0] ?? "") };
  }
  const problem = workbookZipProblem(bytes);
  if (problem) throw new ImportFileError(problem);
  try {
    return { format, entries: xlsxInReadingOrder(bytes) };
  } catch (error) {
    if (error instanceof DamagedWorkbookError)
      throw new ImportFileError(`The workbook could not be read: ${error.message}.`);
    throw error;
  }
}

/**
 * The rows with text of a CSV file or an XLSX workbook's first sheet (the first is the
 * header), parsed in a worker thread within `SHEET_LIMITS`: a workbook whose ZIP directory
 * promises a bomb is never opened, and a file of more than `MAX_IMPORT_ROWS` data rows, or
 * one that takes too long or too much memory, is refused with an `ImportFileError` saying so.
 * `limit` reads only the first rows (a header, a preview).
 */
export async function readSheet(
  bytes: Buffer,
  format: ImportFormat,
  options: { limit?: number } = {},
): Promise<SheetRow[]> {
  const outcome = await runInWorker<{ problem: string | null; tooManyRows: boolean }, SheetRow[]>(
    "app/intake/import/read-sheet.worker.mjs",
    { ...sheetInput(bytes, format), limit: options.limit ?? 0, maxRows: MAX_IMPORT_ROWS + 1 },
    {
      ...SHEET_LIMITS,
      tooHeavy: `The file is too large or complex to read within ${SHEET_LIMITS.timeMs / 1000} seconds and ${SHEET_LIMITS.memoryMb} MB. Split it into smaller files, or save it as CSV UTF-8, and upload those.`,
      unreadable: `The ${format === "csv" ? "file could not be read as CSV" : "workbook could not be read"}. ${SAVE_AGAIN}`,
    },
  );
  if (outcome.status === "refused") throw new ImportFileError(outcome.reason);
  if (outcome.value.problem) throw new ImportFileError(outcome.value.problem);
  if (outcome.value.tooManyRows)
    throw new ImportFileError(
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows, the most one import takes. Split it into parts of up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows and import each.`,
    );
  return outcome.parts.flat();
}

/** The header row (the first row with text), or null when the file has none. */
export async function readHeader(bytes: Buffer, format: ImportFormat): Promise<SheetRow | null> {
  return (await readSheet(bytes, format, { limit: 1 }))[0] ?? null;
}

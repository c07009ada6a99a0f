import { Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import ExcelJS from "exceljs";
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

/** Feeds parsers in small pieces, so that records come out as they are consumed, not all at once. */
const CHUNK = 64 * 1024;

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
}

/** The delimiter of a CSV file from its first line: comma, semicolon (European Excel) or tab. */
export function detectDelimiter(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]?.n ? counts[0].d : ",";
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted value is never closed",
  CSV_INVALID_CLOSING_QUOTE: "a quote is followed by text before the next comma",
  CSV_MAX_RECORD_SIZE: "a row is far too long (probably an unclosed quote)",
};

async function* csvRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  const head = bytes.subarray(0, 64 * 1024).toString("utf8");
  const parser = parse({
    bom: true,
    delimiter: detectDelimiter(head.split(/\r?\n/, 1)[0] ?? ""),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines are rows too, so that lines are numbered as a spreadsheet numbers its rows.
    skip_empty_lines: false,
    max_record_size: 2_000_000,
  });
  // Bytes are decoded by the parser's stream as UTF-8; the upload was checked to be UTF-8.
  const source = Readable.from(slices(bytes), { objectMode: false });
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { records: number };
    }>) {
      yield { line: info.records, cells: record };
    }
  } catch (error) {
    const e = error as CsvError;
    if (e?.code && typeof e.code === "string" && e.code.startsWith("CSV_")) {
      const where = (e as { lines?: number }).lines;
      throw new ImportFileError(
        `The file could not be read as CSV${where ? ` at line ${where}` : ""}: ${CSV_PROBLEMS[e.code] ?? e.message}.`,
      );
    }
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** A cell's value as the text a user typed; dates as YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText))
    return (v.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
  if ("result" in v) return cellText(v.result);
  if ("text" in v) return cellText(v.text);
  if ("error" in v) return String(v.error);
  return "";
}

async function* xlsxRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  let ordered: Buffer[];
  try {
    ordered = xlsxInReadingOrder(bytes);
  } catch (error) {
    if (error instanceof DamagedWorkbookError)
      throw new ImportFileError(`The workbook could not be read: ${error.message}.`);
    throw error;
  }
  const source = Readable.from(ordered);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell dates from numbers.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  try {
    // Only the first sheet is read: legacy registers keep one table a file.
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(
      `The workbook could not be read: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    source.destroy();
  }
}

/**
 * The rows of a CSV file or an XLSX workbook's first sheet, one at a time: the file is parsed
 * as it is consumed, so a large file never becomes a large array. Rows with no text are left out.
 */
export async function* readRows(bytes: Buffer, format: ImportFormat): AsyncGenerator<SheetRow> {
  const rows = format === "csv" ? csvRows(bytes) : xlsxRows(bytes);
  for await (const row of rows) {
    if (row.cells.some((c) => c.trim() !== "")) yield row;
  }
}

/** The header row (the first row with text) and the rows after it. */
export async function readHeader(bytes: Buffer, format: ImportFormat): Promise<SheetRow | null> {
  for await (const row of readRows(bytes, format)) return row;
  return null;
}

// Parses an uploaded spreadsheet in a worker thread (run by app/shared/worker), so that a
// large or hostile file costs the worker, never the thread that answers everyone else.
// Plain JavaScript on purpose: see app/shared/worker/host.worker.mjs.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { cellText } from "./cell-text.mjs";

/** Rows a piece sent back to the main thread holds: each piece is copied there in one go. */
const PIECE = 2_000;

const CSV_PROBLEMS = {
  CSV_QUOTE_NOT_CLOSED: "a quoted value is never closed",
  CSV_INVALID_CLOSING_QUOTE: "a quote is followed by text before the next comma",
  CSV_MAX_RECORD_SIZE: "a row is far too long (probably an unclosed quote)",
};

/** Feeds parsers in small pieces, so that records come out as they are consumed. */
function* slices(bytes) {
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
}

async function* csvRows(bytes, delimiter) {
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines are rows too, so that lines are numbered as a spreadsheet numbers its rows.
    skip_empty_lines: false,
    max_record_size: 2_000_000,
  });
  const source = Readable.from(slices(Buffer.from(bytes)), { objectMode: false });
  source.pipe(parser);
  try {
    for await (const { record, info } of parser) yield { line: info.records, cells: record };
  } catch (error) {
    if (typeof error?.code === "string" && error.code.startsWith("CSV_"))
      throw new SheetProblem(
        `The file could not be read as CSV${error.lines ? ` at line ${error.lines}` : ""}: ${CSV_PROBLEMS[error.code] ?? error.message}.`,
      );
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

async function* xlsxRows(entries) {
  const source = Readable.from(entries.map((e) => Buffer.from(e)));
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
        const values = row.values;
        const cells = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof SheetProblem) throw error;
    throw new SheetProblem(
      `The workbook could not be read: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    source.destroy();
  }
}

class SheetProblem extends Error {}

/**
 * `{ format, bytes, entries, delimiter, limit, maxRows }` → `{ problem, tooManyRows }`, the
 * rows (those with text) sent ahead in pieces. `limit` stops reading early (a header, a
 * preview); more than `maxRows` rows stops it too, with `tooManyRows`. XLSX comes as its ZIP
 * entries in reading order (xlsx-order.server.ts); CSV as bytes with its delimiter.
 */
export default async function readSheet(input, { part }) {
  const { format, bytes, entries, delimiter, limit, maxRows } = input;
  const rows = format === "csv" ? csvRows(bytes, delimiter) : xlsxRows(entries);
  let piece = [];
  let count = 0;
  try {
    for await (const row of rows) {
      if (!row.cells.some((c) => c.trim() !== "")) continue;
      if (count === maxRows) return { problem: null, tooManyRows: true };
      piece.push(row);
      count++;
      if (piece.length === PIECE) {
        part(piece);
        piece = [];
      }
      if (count === limit) break;
    }
  } catch (error) {
    if (error instanceof SheetProblem) return { problem: error.message, tooManyRows: false };
    throw error;
  } finally {
    if (piece.length > 0) part(piece);
  }
  return { problem: null, tooManyRows: false };
}

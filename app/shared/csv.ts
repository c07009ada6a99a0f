/**
 * A CSV cell, quoted, and never read by a spreadsheet as a formula: a value starting with
 * = + - @ (or a tab or carriage return, which some spreadsheets skip) gets a leading quote.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One CSV line of cells, ended with CRLF (RFC 4180). */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map((c) => csvCell(c === null || c === undefined ? "" : String(c))).join(",")}\r\n`;
}

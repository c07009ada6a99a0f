import { QUESTIONS } from "../questionnaire";
import type { ColumnMapping } from "./fields";

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * Spreadsheet dates as ISO: YYYY-MM-DD stays, DD/MM/YYYY (the UK order) is turned round.
 * Anything else is returned as written, so that validation names it as not a real date.
 */
export function normaliseImportDate(value: string): string {
  const v = value.trim();
  const uk = UK_DATE.exec(v);
  if (uk) return `${uk[3]}-${uk[2]?.padStart(2, "0")}-${uk[1]?.padStart(2, "0")}`;
  const iso = ISO_DATE.exec(v);
  if (iso) return `${iso[1]}-${iso[2]?.padStart(2, "0")}-${iso[3]?.padStart(2, "0")}`;
  return v;
}

const DATE_FIELDS = new Set([
  "dateOfBirth",
  "receivedOn",
  ...QUESTIONS.filter((q) => q.kind === "date").map((q) => q.name),
]);

/** The mapped fields of one row, trimmed, with empty cells left out and dates made ISO. */
export type MappedRow = Record<string, string>;

export function mapRow(cells: readonly string[], mapping: ColumnMapping): MappedRow {
  const row: MappedRow = {};
  for (const [key, column] of Object.entries(mapping)) {
    const raw = cells[Number(column)]?.trim();
    if (!raw) continue;
    row[key] = DATE_FIELDS.has(key) ? normaliseImportDate(raw) : raw;
  }
  return row;
}

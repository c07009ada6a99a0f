// Plain JavaScript so that the sheet reader's worker thread can use it: see read-sheet.worker.mjs.

/** A cell's value as the text a user typed; dates as YYYY-MM-DD. */
export function cellText(value) {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? "").join("");
  if ("result" in value) return cellText(value.result);
  if ("text" in value) return cellText(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

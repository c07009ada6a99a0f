/** How an import run's status reads on its pages, and its tag's colour. */
export const IMPORT_STATUS_LABELS = {
  uploaded: "Uploaded",
  validated: "Checked",
  importing: "Importing",
  done: "Imported",
  failed: "Failed",
} as const;

export type ImportStatus = keyof typeof IMPORT_STATUS_LABELS;

export function importStatusTag(status: ImportStatus): string {
  if (status === "done") return "tag tag-active";
  if (status === "failed") return "tag tag-closed";
  return "tag tag-paused";
}

export const IMPORT_MODE_LABELS = {
  all_or_nothing: "All or nothing",
  valid_only: "Valid rows only",
} as const;

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

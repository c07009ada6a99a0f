import { PLEAS } from "~/intake/questionnaire";
import { COURT_TYPE_LABELS, JURISDICTION_LABELS, OFFENCE_TYPES, PRIORITY_LABELS } from "../schemas";

/** Label of a key in one of the assessment's fixed lists, or the key itself if it is unknown. */
export function labelOf(labels: Record<string, string>, key: string | null | undefined): string {
  if (!key) return "";
  return labels[key] ?? key;
}

export const PLEA_LABELS: Record<string, string> = Object.fromEntries(
  PLEAS.map((p) => [p.value, p.label]),
);

export const REVIEW_BODY_LABELS: Record<string, string> = { ccrc: "CCRC", sccrc: "SCCRC" };

export { COURT_TYPE_LABELS, JURISDICTION_LABELS, OFFENCE_TYPES, PRIORITY_LABELS };

/** The day part of a timestamp or date, as the rest of Clearname shows dates (YYYY-MM-DD). */
export function dayOf(value: Date | string | null | undefined): string {
  if (!value) return "";
  return (typeof value === "string" ? value : value.toISOString()).slice(0, 10);
}

/** Labels of reference-data rows (causes, reasons, categories) keyed by their key. */
export function labelsOf(rows: readonly { key: string; label: string }[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.key, r.label]));
}

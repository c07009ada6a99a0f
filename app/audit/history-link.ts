import type { Permission } from "~/access/catalogue";

/** The records that have an access history. */
export const HISTORY_TYPES = ["applicant", "application", "case", "document"] as const;
export type HistoryType = (typeof HISTORY_TYPES)[number];

export function isHistoryType(value: unknown): value is HistoryType {
  return typeof value === "string" && (HISTORY_TYPES as readonly string[]).includes(value);
}

/** Where a record's access history is. */
export function accessHistoryHref(type: HistoryType, id: string): string {
  return `/data-protection/history/${type}/${id}`;
}

/**
 * Whether to offer the link: readers of the whole trail see every record's; an organisation's
 * officer sees their own cases' and case documents' (the server checks the organisation).
 */
export function mayOpenAccessHistory(permissions: readonly Permission[], type: HistoryType) {
  if (permissions.includes("view:audit:any")) return true;
  return permissions.includes("protect:data:own") && (type === "case" || type === "document");
}

/** The history an event's record has, if it is one of the kinds of record that have one. */
export function historyOfEntity(
  entityType: string,
  entityId: string | null,
): { type: HistoryType; id: string } | null {
  if (!entityId) return null;
  if (entityType === "case_document") return { type: "document", id: entityId };
  if (isHistoryType(entityType)) return { type: entityType, id: entityId };
  return null;
}

import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import {
  ineligibilityReasons,
  investigationCategories,
  settings,
  suspectedCauses,
} from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { ELIGIBLE_REQUIRES_REVIEW, reviewPolicy } from "../reference-data.server";
import { type EntryInput, LISTS, type ListName, slugify } from "./schemas";

/**
 * The administration of the assessment reference lists (suspected causes, investigation
 * categories, ineligibility reasons) and of the second-review setting. Entries are never
 * deleted, only deactivated: assessments and decision letters refer to them by key, and a
 * key, once given, stays (a rename changes the label only). Every change is audited.
 */
export interface ListEntry {
  key: string;
  label: string;
  active: boolean;
  position: number;
  description?: string;
  letterText?: string;
  requiresReview?: boolean;
}

const TABLES = {
  "suspected-causes": suspectedCauses,
  "investigation-categories": investigationCategories,
  "ineligibility-reasons": ineligibilityReasons,
} as const;

/** How the audit trail names an entry of each list. */
const ENTITY_TYPES: Record<ListName, string> = {
  "suspected-causes": "suspected_cause",
  "investigation-categories": "investigation_category",
  "ineligibility-reasons": "ineligibility_reason",
};

function requireManageLists(acting: Acting): void {
  if (!can(acting.viewer, "manage:settings:any"))
    throw forbidden("Only the network's administrators can change the assessment lists.");
}

async function entriesOf(tx: Queryable, list: ListName): Promise<ListEntry[]> {
  const table = TABLES[list];
  const rows = await tx.select().from(table).orderBy(asc(table.position), asc(table.label));
  return rows as ListEntry[];
}

/** What an entry is now, as a short fingerprint: an edit made from an older page is refused. */
export function entryStamp(e: ListEntry): string {
  const { key, label, description, letterText, requiresReview, active } = e;
  return createHash("sha256")
    .update(JSON.stringify([key, label, description, letterText, requiresReview, active]))
    .digest("base64url")
    .slice(0, 16);
}

export async function listAssessmentLists(tx: Queryable) {
  // One after another: a transaction's connection runs one query at a time.
  const causes = await entriesOf(tx, "suspected-causes");
  const categories = await entriesOf(tx, "investigation-categories");
  const reasons = await entriesOf(tx, "ineligibility-reasons");
  const policy = await reviewPolicy(tx);
  return {
    lists: {
      "suspected-causes": causes,
      "investigation-categories": categories,
      "ineligibility-reasons": reasons,
    } satisfies Record<ListName, ListEntry[]>,
    eligibleRequiresReview: policy.eligibleRequiresReview,
  };
}

export async function getListEntry(
  tx: Queryable,
  list: ListName,
  key: string,
): Promise<ListEntry & { stamp: string }> {
  const entry = (await entriesOf(tx, list)).find((e) => e.key === key);
  if (!entry) throw notFound(LISTS[list].singular);
  return { ...entry, stamp: entryStamp(entry) };
}

const sameLabel = (a: string, b: string) =>
  a.localeCompare(b, "en-GB", { sensitivity: "accent" }) === 0;

function fieldsOf(list: ListName, input: EntryInput) {
  if (list === "suspected-causes")
    return { label: input.label, description: input.description ?? "" };
  if (list === "ineligibility-reasons")
    return {
      label: input.label,
      letterText: input.letterText ?? "",
      requiresReview: input.requiresReview ?? true,
    };
  return { label: input.label };
}

/** Adds an entry at the end of its list, keyed by its label. */
export async function addListEntry(
  tx: Queryable,
  acting: Acting,
  list: ListName,
  input: EntryInput,
): Promise<{ key: string }> {
  requireManageLists(acting);
  const table = TABLES[list];
  // One administrator at a time per list: two adding the same label both see it free otherwise.
  await tx.execute(sql`lock table ${table} in share row exclusive mode`);
  const entries = await entriesOf(tx, list);
  const clash = entries.find((e) => sameLabel(e.label, input.label));
  if (clash)
    throw invalid(
      `There is already ${LISTS[list].aSingular} called “${clash.label}”${clash.active ? "" : " (deactivated: reactivate it instead)"}. Choose a different label.`,
      { field: "label" },
    );
  const key = slugify(input.label) || `entry_${entries.length + 1}`;
  const taken = entries.find((e) => e.key === key);
  if (taken)
    throw invalid(
      `The label “${input.label}” gives the key “${key}”, which “${taken.label}” already has. Choose a different label.`,
      { field: "label" },
    );
  const position = Math.max(-1, ...entries.map((e) => e.position)) + 1;
  const values = { key, position, ...fieldsOf(list, input) };
  await tx.insert(table).values(values as typeof table.$inferInsert);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment_list.entry_added",
    entityType: ENTITY_TYPES[list],
    entityId: key,
    details: { list, ...fieldsOf(list, input) },
  });
  return { key };
}

/** Renames an entry or changes its text; its key stays, so assessments keep pointing at it. */
export async function updateListEntry(
  tx: Queryable,
  acting: Acting,
  list: ListName,
  key: string,
  input: EntryInput,
): Promise<{ changed: boolean }> {
  requireManageLists(acting);
  const table = TABLES[list];
  await tx.execute(sql`lock table ${table} in share row exclusive mode`);
  const entries = await entriesOf(tx, list);
  const entry = entries.find((e) => e.key === key);
  if (!entry) throw notFound(LISTS[list].singular);
  if (input.stamp !== undefined && input.stamp !== entryStamp(entry))
    throw conflict(
      `Someone changed this ${LISTS[list].singular} after you opened it. Check it, then make your change again.`,
    );
  const clash = entries.find((e) => e.key !== key && sameLabel(e.label, input.label));
  if (clash)
    throw invalid(
      `There is already ${LISTS[list].aSingular} called “${clash.label}”. Choose a different label.`,
      { field: "label" },
    );
  const next = fieldsOf(list, input);
  const before = fieldsOf(list, {
    label: entry.label,
    description: entry.description,
    letterText: entry.letterText,
    requiresReview: entry.requiresReview,
  });
  const changes = Object.fromEntries(
    Object.entries(next)
      .filter(([k, v]) => before[k as keyof typeof before] !== v)
      .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
  );
  if (Object.keys(changes).length === 0) return { changed: false };
  await tx
    .update(table)
    .set(next as Partial<typeof table.$inferInsert>)
    .where(eq(table.key, key));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment_list.entry_changed",
    entityType: ENTITY_TYPES[list],
    entityId: key,
    details: { list, changes },
  });
  return { changed: true };
}

/**
 * Deactivates an entry (assessors no longer see it offered; assessments that chose it keep
 * it) or reactivates it.
 */
export async function setListEntryActive(
  tx: Queryable,
  acting: Acting,
  list: ListName,
  key: string,
  active: boolean,
): Promise<{ changed: boolean }> {
  requireManageLists(acting);
  const table = TABLES[list];
  const [entry] = await tx.select().from(table).where(eq(table.key, key)).for("update");
  if (!entry) throw notFound(LISTS[list].singular);
  if (entry.active === active) return { changed: false };
  await tx.update(table).set({ active }).where(eq(table.key, key));
  await recordAuditEvent(tx, actorOf(acting), {
    action: active ? "assessment_list.entry_reactivated" : "assessment_list.entry_deactivated",
    entityType: ENTITY_TYPES[list],
    entityId: key,
    details: { list, label: entry.label },
  });
  return { changed: true };
}

/** Moves an entry one place up or down its list (the order assessors see). */
export async function moveListEntry(
  tx: Queryable,
  acting: Acting,
  list: ListName,
  key: string,
  direction: "up" | "down",
): Promise<{ changed: boolean }> {
  requireManageLists(acting);
  const table = TABLES[list];
  await tx.execute(sql`lock table ${table} in share row exclusive mode`);
  const entries = await entriesOf(tx, list);
  const from = entries.findIndex((e) => e.key === key);
  if (from < 0) throw notFound(LISTS[list].singular);
  const to = direction === "up" ? from - 1 : from + 1;
  const other = entries[to];
  const entry = entries[from];
  if (!other || !entry) return { changed: false };
  entries[from] = other;
  entries[to] = entry;
  // Renumbered from 0, so that entries which shared a position get one each.
  for (const [position, e] of entries.entries())
    if (e.position !== position)
      await tx.update(table).set({ position }).where(eq(table.key, e.key));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment_list.entry_moved",
    entityType: ENTITY_TYPES[list],
    entityId: key,
    details: { list, label: entry.label, from: from + 1, to: to + 1 },
  });
  return { changed: true };
}

/** Whether an eligible recommendation goes to a second reviewer, as network settings do. */
export async function setEligibleRequiresReview(
  tx: Queryable,
  acting: Acting,
  value: boolean,
): Promise<{ changed: boolean }> {
  requireManageLists(acting);
  const before = (await reviewPolicy(tx)).eligibleRequiresReview;
  if (before === value) return { changed: false };
  const now = new Date();
  await tx
    .insert(settings)
    .values({ key: ELIGIBLE_REQUIRES_REVIEW, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "settings.changed",
    entityType: "setting",
    entityId: ELIGIBLE_REQUIRES_REVIEW,
    details: { from: before, to: value },
  });
  return { changed: true };
}

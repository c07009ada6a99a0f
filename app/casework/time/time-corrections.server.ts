import { and, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { changedFields } from "~/casework/changed-fields";
import type { Queryable } from "~/db/database.server";
import { timeEntries, users } from "~/db/schema";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  leadsCase,
  mustBeOpen,
  openCase,
  touchCase,
} from "../case-access.server";
import type { TimeEntryInput } from "./schemas";

type TimeEntry = typeof timeEntries.$inferSelect;

/** Who may correct or remove a time entry: the person who logged it, or a lead of the project. */
export function mayChangeTimeEntry(acting: Acting, c: CaseRow, entry: { userId: string }) {
  return entry.userId === acting.viewer.id || leadsCase(acting, c);
}

/** The entry of this case (an entry of another case is "not found"), if the user may change it. */
async function entryToChange(
  tx: Queryable,
  acting: Acting,
  c: CaseRow,
  entryId: string,
): Promise<TimeEntry> {
  if (!isId(entryId)) throw notFound("time entry");
  const [entry] = await tx
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.id, entryId), eq(timeEntries.caseId, c.id)))
    .for("update");
  if (!entry) throw notFound("time entry");
  if (!mayChangeTimeEntry(acting, c, entry))
    throw forbidden("Only the person who logged the time or a lead can change it.");
  return entry;
}

/** The correction page of one time entry. */
export async function getTimeEntry(tx: Queryable, acting: Acting, caseId: string, entryId: string) {
  const c = await openCase(tx, acting, caseId);
  const entry = await entryToChange(tx, acting, c, entryId);
  const [person] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, entry.userId));
  return {
    case: { ...caseHeading(c) },
    entry: {
      id: entry.id,
      workedOn: entry.workedOn,
      minutes: entry.minutes,
      activity: entry.activity,
      userName: person?.name ?? "A former member",
      own: entry.userId === acting.viewer.id,
    },
  };
}

/** Corrects the day, length or activity of a time entry; the audit keeps before and after. */
export async function changeTimeEntry(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  entryId: string,
  input: TimeEntryInput,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const entry = await entryToChange(tx, acting, c, entryId);
  const changes = changedFields(entry, input);
  if (Object.keys(changes).length === 0) return;
  await tx.update(timeEntries).set(input).where(eq(timeEntries.id, entry.id));
  await auditCase(tx, acting, c, "case_time.changed", {
    entryId: entry.id,
    userId: entry.userId,
    fields: Object.keys(changes),
  });
  await touchCase(tx, c);
}

/** Removes a time entry logged by mistake; the audit keeps whose, when and how long, not the activity. */
export async function removeTimeEntry(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  entryId: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const entry = await entryToChange(tx, acting, c, entryId);
  await tx.delete(timeEntries).where(eq(timeEntries.id, entry.id));
  await auditCase(tx, acting, c, "case_time.removed", {
    entryId: entry.id,
    removed: {
      userId: entry.userId,
      workedOn: entry.workedOn,
      minutes: entry.minutes,
    },
  });
  await touchCase(tx, c);
}

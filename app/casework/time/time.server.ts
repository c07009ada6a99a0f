import { desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { timeEntries, users } from "~/db/schema";
import { auditCase, caseHeading, mustBeOpen, openCase, touchCase } from "../case-access.server";
import type { TimeEntryInput } from "./schemas";
import { mayChangeTimeEntry } from "./time-corrections.server";

/**
 * The case's time log, latest first, with totals per person and for the case, and which
 * entries the user may correct; audited.
 */
export async function listTime(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const rows = await tx
    .select({
      id: timeEntries.id,
      userId: timeEntries.userId,
      userName: users.name,
      workedOn: timeEntries.workedOn,
      minutes: timeEntries.minutes,
      activity: timeEntries.activity,
    })
    .from(timeEntries)
    .leftJoin(users, eq(users.id, timeEntries.userId))
    .where(eq(timeEntries.caseId, c.id))
    .orderBy(desc(timeEntries.workedOn), desc(timeEntries.createdAt));
  await auditCase(tx, acting, c, "case_time.viewed");
  const perPerson = new Map<string, { userId: string; name: string; minutes: number }>();
  for (const r of rows) {
    const p = perPerson.get(r.userId) ?? {
      userId: r.userId,
      name: r.userName ?? "A former member",
      minutes: 0,
    };
    p.minutes += r.minutes;
    perPerson.set(r.userId, p);
  }
  return {
    case: { ...caseHeading(c) },
    entries: rows.map((r) => ({
      ...r,
      userName: r.userName ?? "A former member",
      mayChange: mayChangeTimeEntry(acting, c, r),
    })),
    totals: {
      perPerson: [...perPerson.values()].sort((a, b) => a.name.localeCompare(b.name)),
      caseMinutes: rows.reduce((sum, r) => sum + r.minutes, 0),
    },
  };
}

/** Logs the acting user's own time on the case. */
export async function addTimeEntry(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: TimeEntryInput,
): Promise<{ entryId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const [row] = await tx
    .insert(timeEntries)
    .values({ caseId: c.id, userId: acting.viewer.id, ...input })
    .returning({ id: timeEntries.id });
  if (!row) throw new Error("the time was not saved");
  await auditCase(tx, acting, c, "case_time.added", { entryId: row.id, minutes: input.minutes });
  await touchCase(tx, c);
  return { entryId: row.id };
}

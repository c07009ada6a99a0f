import { asc, desc, inArray } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { dataSubjectRequests } from "~/db/schema";
import { today } from "~/shared/dates";
import { requireController } from "../controller";
import { effectiveDue, isOverdue, OPEN_STATUSES } from "./rules";

export interface RequestRow {
  id: string;
  reference: string;
  kind: string;
  personName: string;
  receivedOn: string;
  dueOn: string;
  status: string;
  overdue: boolean;
}

function toRow(r: typeof dataSubjectRequests.$inferSelect, day: string): RequestRow {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    personName: r.personName,
    receivedOn: r.receivedOn,
    dueOn: effectiveDue(r),
    status: r.status,
    overdue: isOverdue(r, day),
  };
}

/**
 * The officer's organisation's requests, open ones first by when they are due. Row-level
 * security keeps each organisation to its own.
 */
export async function listRequests(tx: Queryable, acting: Acting): Promise<RequestRow[]> {
  requireController(acting);
  const rows = await tx
    .select()
    .from(dataSubjectRequests)
    .orderBy(desc(dataSubjectRequests.receivedOn), desc(dataSubjectRequests.reference));
  const day = today();
  const all = rows.map((r) => toRow(r, day));
  const open = all
    .filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return [...open, ...all.filter((r) => !open.includes(r))];
}

/** The open requests and their deadlines, soonest first: for the officer's home page. */
export async function listOpenRequests(tx: Queryable, acting: Acting): Promise<RequestRow[]> {
  requireController(acting);
  const rows = await tx
    .select()
    .from(dataSubjectRequests)
    .where(inArray(dataSubjectRequests.status, [...OPEN_STATUSES]))
    .orderBy(asc(dataSubjectRequests.dueOn));
  const day = today();
  return rows.map((r) => toRow(r, day)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

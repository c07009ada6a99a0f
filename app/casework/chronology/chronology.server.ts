import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Acting } from "~/access/acting";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  mustBeOpen,
  openCase,
  touchCase,
} from "~/casework/case-access.server";
import type { Queryable } from "~/db/database.server";
import { chronologyEvents } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import type { ChronologyEventSchema } from "./chronology-schemas";
import { type ChronologyEntry, deriveEvents, mergeChronology } from "./derive-events";

async function entriesOf(tx: Queryable, c: CaseRow): Promise<ChronologyEntry[]> {
  const manual = await tx
    .select()
    .from(chronologyEvents)
    .where(eq(chronologyEvents.caseId, c.id))
    .orderBy(asc(chronologyEvents.occurredOn), asc(chronologyEvents.createdAt));
  return mergeChronology(
    deriveEvents(c.conviction),
    manual.map((m) => ({
      id: m.id,
      occurredOn: m.occurredOn,
      timeNote: m.timeNote,
      description: m.description,
      source: m.source,
      derived: false,
    })),
  );
}

/** The case's chronology, derived and manual events in date order; the viewing is audited. */
export async function getChronology(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  options: { printed?: boolean } = {},
) {
  const c = await openCase(tx, acting, caseId);
  const events = await entriesOf(tx, c);
  await auditCase(
    tx,
    acting,
    c,
    options.printed ? "case.chronology.printed" : "case.chronology.viewed",
  );
  return {
    case: { ...caseHeading(c), clientName: c.applicant.fullName },
    events,
  };
}

export type Chronology = Awaited<ReturnType<typeof getChronology>>;

/** Adds a manual event, or changes one (`eventId`). */
export async function saveChronologyEvent(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: z.output<typeof ChronologyEventSchema>,
): Promise<{ eventId: string }> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const values = {
    occurredOn: input.occurredOn,
    timeNote: input.timeNote,
    description: input.description,
    source: input.source,
  };
  let eventId: string;
  if (input.eventId) {
    const [row] = await tx
      .update(chronologyEvents)
      .set(values)
      .where(and(eq(chronologyEvents.id, input.eventId), eq(chronologyEvents.caseId, c.id)))
      .returning({ id: chronologyEvents.id });
    if (!row) throw notFound("event");
    eventId = row.id;
  } else {
    const [row] = await tx
      .insert(chronologyEvents)
      .values({ caseId: c.id, ...values, createdBy: acting.viewer.id })
      .returning({ id: chronologyEvents.id });
    if (!row) throw new Error("event insert returned nothing");
    eventId = row.id;
  }
  await auditCase(
    tx,
    acting,
    c,
    input.eventId ? "case.chronology.changed" : "case.chronology.added",
    {
      eventId,
      occurredOn: input.occurredOn,
    },
  );
  await touchCase(tx, c);
  return { eventId };
}

export async function deleteChronologyEvent(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  eventId: string,
): Promise<void> {
  const c = await openCase(tx, acting, caseId);
  mustBeOpen(c);
  const deleted = await tx
    .delete(chronologyEvents)
    .where(and(eq(chronologyEvents.id, eventId), eq(chronologyEvents.caseId, c.id)))
    .returning({ id: chronologyEvents.id });
  if (deleted.length === 0) throw notFound("event");
  await auditCase(tx, acting, c, "case.chronology.deleted", { eventId });
  await touchCase(tx, c);
}

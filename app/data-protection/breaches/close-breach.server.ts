import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataBreaches } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { getBreach } from "./get-breach.server";
import { closeRefusal } from "./rules";

/** Closes a breach once it is decided (and reported, where it must be); the record stays. */
export async function closeBreach(tx: Queryable, acting: Acting, id: string, version: number) {
  const before = await getBreach(tx, acting, id);
  const refusal = closeRefusal(before);
  if (refusal) throw invalid(refusal);
  const [row] = await tx
    .update(dataBreaches)
    .set({ closedAt: new Date(), updatedAt: new Date(), version: sql`${dataBreaches.version} + 1` })
    .where(and(eq(dataBreaches.id, id), eq(dataBreaches.version, version)))
    .returning({ id: dataBreaches.id });
  if (!row)
    throw conflict(
      "Someone else changed this breach while you were looking at it. Reload to see it.",
    );
  await recordAuditEvent(tx, actorOf(acting), {
    action: "breach.closed",
    entityType: "data_breach",
    entityId: id,
    organisationId: before.organisationId,
  });
  return row;
}

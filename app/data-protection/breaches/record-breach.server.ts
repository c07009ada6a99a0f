import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataBreaches } from "~/db/schema";
import { requireController } from "../controller";
import type { BreachInput } from "./schemas";

/** Records a breach in the officer's organisation's register as soon as it is known. */
export async function recordBreach(tx: Queryable, acting: Acting, input: BreachInput) {
  const organisationId = requireController(acting);
  const [row] = await tx
    .insert(dataBreaches)
    .values({
      organisationId,
      title: input.title,
      whatHappened: input.whatHappened,
      discoveredAt: input.discoveredAt,
      occurredAt: input.occurredAt,
      dataAffected: input.dataAffected,
      peopleAffected: input.peopleAffected,
      recordedBy: acting.viewer.id,
    })
    .returning({ id: dataBreaches.id });
  if (!row) throw new Error("insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "breach.recorded",
    entityType: "data_breach",
    entityId: row.id,
    organisationId,
    details: { discoveredAt: input.discoveredAt.toISOString() },
  });
  return row;
}

import { desc, eq, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { dataBreaches } from "~/db/schema";
import { requireController } from "../controller";

/** The organisation's register, open breaches first, newest first. */
export async function listBreaches(tx: Queryable, acting: Acting) {
  const organisationId = requireController(acting);
  return tx
    .select({
      id: dataBreaches.id,
      title: dataBreaches.title,
      discoveredAt: dataBreaches.discoveredAt,
      risk: dataBreaches.risk,
      decision: dataBreaches.decision,
      decisionReasons: dataBreaches.decisionReasons,
      reportedToIcoAt: dataBreaches.reportedToIcoAt,
      whoWasTold: dataBreaches.whoWasTold,
      closedAt: dataBreaches.closedAt,
    })
    .from(dataBreaches)
    .where(eq(dataBreaches.organisationId, organisationId))
    .orderBy(sql`${dataBreaches.closedAt} is not null`, desc(dataBreaches.discoveredAt))
    .limit(500);
}

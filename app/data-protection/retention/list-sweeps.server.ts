import { desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { retentionSweeps } from "~/db/schema";
import { requireController } from "../controller";

/** The organisation's sweeps, newest first. */
export async function listSweeps(tx: Tx, acting: Acting) {
  const organisationId = requireController(acting);
  const rows = await tx
    .select()
    .from(retentionSweeps)
    .where(eq(retentionSweeps.organisationId, organisationId))
    .orderBy(desc(retentionSweeps.createdAt))
    .limit(50);
  return rows.map((s) => ({
    id: s.id,
    status: s.status,
    asOf: s.asOf,
    createdOn: s.createdAt.toISOString().slice(0, 10),
    total: s.total,
    processed: s.processed,
  }));
}

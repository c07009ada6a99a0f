import { and, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { dataBreaches, users } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { requireController } from "../controller";

export type Breach = Awaited<ReturnType<typeof getBreach>>;

/** One breach of the officer's organisation, with who recorded it. */
export async function getBreach(tx: Queryable, acting: Acting, id: string) {
  const organisationId = requireController(acting);
  const [row] = await tx
    .select({ breach: dataBreaches, recordedByName: users.name })
    .from(dataBreaches)
    .innerJoin(users, eq(users.id, dataBreaches.recordedBy))
    .where(and(eq(dataBreaches.id, id), eq(dataBreaches.organisationId, organisationId)));
  if (!row) throw notFound("breach");
  return { ...row.breach, recordedByName: row.recordedByName };
}

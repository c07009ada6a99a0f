import { and, eq, ne, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { establishments } from "~/db/schema";
import { conflict, forbidden, invalid } from "~/errors/app-error";
import { type Establishment, getEstablishment } from "./list-establishments.server";
import type { EstablishmentInput } from "./schemas";

function requireManageEstablishments(acting: Acting) {
  if (!can(acting.viewer, "manage:establishment:any"))
    throw forbidden("Only the network's administrators can change establishments.");
}

function values(input: EstablishmentInput) {
  return {
    name: input.name,
    code: input.code ?? null,
    addressLines: input.addressLines,
    postcode: input.postcode ?? null,
    jurisdiction: input.jurisdiction,
  };
}

/** Two establishments with one name would be confused in every picker. */
async function refuseDuplicateName(tx: Queryable, name: string, exceptId?: string) {
  const [same] = await tx
    .select({ id: establishments.id })
    .from(establishments)
    .where(
      and(
        sql`lower(${establishments.name}) = lower(${name})`,
        exceptId ? ne(establishments.id, exceptId) : undefined,
      ),
    );
  if (same) throw invalid(`There is already an establishment called ${name}.`, { field: "name" });
}

export async function addEstablishment(
  tx: Queryable,
  acting: Acting,
  input: EstablishmentInput,
): Promise<Establishment> {
  requireManageEstablishments(acting);
  await refuseDuplicateName(tx, input.name);
  const [row] = await tx
    .insert(establishments)
    .values({ ...values(input), source: "manual" })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "establishment.created",
    entityType: "establishment",
    entityId: row.id,
    details: values(input),
  });
  return row;
}

/** Saves a change (a rename, an address), refusing it if someone saved a newer version first. */
async function change(
  tx: Queryable,
  acting: Acting,
  id: string,
  version: number,
  set: Partial<typeof establishments.$inferInsert>,
  action: string,
): Promise<Establishment> {
  requireManageEstablishments(acting);
  const { establishment: before } = await getEstablishment(tx, id);
  const [row] = await tx
    .update(establishments)
    .set({ ...set, updatedAt: new Date(), version: sql`${establishments.version} + 1` })
    .where(and(eq(establishments.id, id), eq(establishments.version, version)))
    .returning();
  if (!row)
    throw conflict(
      "Someone else changed this establishment while you were editing it. Check their version below.",
    );
  const changes = Object.fromEntries(
    Object.keys(set)
      .filter(
        (k) =>
          JSON.stringify(before[k as keyof Establishment]) !==
          JSON.stringify(set[k as keyof typeof set]),
      )
      .map((k) => [k, { from: before[k as keyof Establishment], to: set[k as keyof typeof set] }]),
  );
  await recordAuditEvent(tx, actorOf(acting), {
    action,
    entityType: "establishment",
    entityId: id,
    details: { name: row.name, changes },
  });
  return row;
}

export async function updateEstablishment(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: EstablishmentInput & { version: number },
): Promise<Establishment> {
  requireManageEstablishments(acting);
  await refuseDuplicateName(tx, input.name, id);
  return change(tx, acting, id, input.version, values(input), "establishment.updated");
}

export function closeEstablishment(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: { closedOn: string; version: number },
): Promise<Establishment> {
  return change(
    tx,
    acting,
    id,
    input.version,
    { closedOn: input.closedOn },
    "establishment.closed",
  );
}

/** Undoes a closure recorded by mistake. */
export function reopenEstablishment(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: { version: number },
): Promise<Establishment> {
  return change(tx, acting, id, input.version, { closedOn: null }, "establishment.reopened");
}

import { and, asc, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { organisations } from "~/db/schema";
import { conflict, forbidden, notFound } from "~/errors/app-error";
import type { ProjectInput } from "./schemas";

export type Organisation = typeof organisations.$inferSelect;

/** The network first, then projects by name. Row-level security decides what is returned. */
export function listOrganisations(tx: Queryable): Promise<Organisation[]> {
  return tx
    .select()
    .from(organisations)
    .orderBy(
      sql`case when ${organisations.kind} = 'network' then 0 else 1 end`,
      asc(organisations.name),
    );
}

export async function getOrganisation(tx: Queryable, id: string): Promise<Organisation> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("organisation");
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw notFound("organisation");
  return row;
}

function projectValues(input: ProjectInput) {
  return {
    name: input.name,
    hostInstitution: input.hostInstitution ?? null,
    projectKind: input.projectKind,
    jurisdictions: input.jurisdictions,
    status: input.status,
    closedOn: input.status === "closed" ? (input.closedOn ?? null) : null,
    capacity: input.capacity ?? null,
  };
}

export async function createProject(
  tx: Queryable,
  acting: Acting,
  input: ProjectInput,
): Promise<Organisation> {
  if (!can(acting.viewer, "manage:organisation:any"))
    throw forbidden("Only the network's administrators can add member projects.");
  const [row] = await tx
    .insert(organisations)
    .values({ kind: "project", ...projectValues(input) })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "organisation.created",
    entityType: "organisation",
    entityId: row.id,
    organisationId: row.id,
    details: projectValues(input),
  });
  return row;
}

/**
 * Changes a project's details. `version` is the one the editor started from: if someone
 * saved in between, nothing is overwritten and the caller is told.
 */
export async function updateProject(
  tx: Queryable,
  acting: Acting,
  id: string,
  input: ProjectInput & { version: number },
): Promise<Organisation> {
  const current = await getOrganisation(tx, id);
  if (
    !can(acting.viewer, "manage:organisation:any") &&
    !can(acting.viewer, "manage:organisation:own", id)
  ) {
    throw forbidden("You cannot change this organisation.");
  }
  if (current.kind !== "project")
    throw forbidden("The network's own record is changed by its administrators in settings.");
  const values = projectValues(input);
  const [row] = await tx
    .update(organisations)
    .set({ ...values, updatedAt: new Date(), version: sql`${organisations.version} + 1` })
    .where(and(eq(organisations.id, id), eq(organisations.version, input.version)))
    .returning();
  if (!row) {
    throw conflict(
      "Someone else saved changes to this project while you were editing. Their version is shown below; make your changes again.",
      {
        current,
      },
    );
  }
  const changed = Object.fromEntries(
    Object.entries(values).filter(
      ([key, value]) =>
        JSON.stringify(current[key as keyof Organisation]) !== JSON.stringify(value),
    ),
  );
  await recordAuditEvent(tx, actorOf(acting), {
    action:
      current.status !== row.status && row.status === "closed"
        ? "organisation.closed"
        : "organisation.updated",
    entityType: "organisation",
    entityId: id,
    organisationId: id,
    details: { changed },
  });
  return row;
}

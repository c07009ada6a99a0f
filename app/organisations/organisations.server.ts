import { and, asc, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { organisations } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { countOpenWork } from "./open-work.server";
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
    pausedOn: input.status === "paused" ? (input.pausedOn ?? null) : null,
    capacity: input.capacity ?? null,
    addressLines: input.addressLines ?? [],
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    website: input.website ?? null,
    specialisms: input.specialisms ?? [],
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
  if (current.status !== "closed" && values.status === "closed")
    await requireNoOpenWork(tx, acting, current);
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

/**
 * A project with open cases or offers is closed through "Close the project", which returns
 * them to the network with handover notes; the edit form may only close one with none. Who
 * cannot see the project's cases (a project administrator) cannot tell, so is sent there too.
 */
async function requireNoOpenWork(tx: Queryable, acting: Acting, project: Organisation) {
  const closeUrl = `/organisations/${project.id}/close`;
  const seesWork =
    can(acting.viewer, "view:application:any") ||
    (can(acting.viewer, "view:case:own", project.id) &&
      can(acting.viewer, "respond:referral:own", project.id));
  if (!seesWork)
    throw invalid(
      `You cannot see this project's cases, so you cannot close it here. The network's administrators close projects with "Close the project" (${closeUrl}).`,
      { field: "status", closeUrl },
    );
  const open = await countOpenWork(tx, project.id);
  if (open.cases > 0 || open.offers > 0) {
    const what = [
      open.cases > 0 ? `${open.cases} open ${open.cases === 1 ? "case" : "cases"}` : null,
      open.offers > 0 ? `${open.offers} open ${open.offers === 1 ? "offer" : "offers"}` : null,
    ]
      .filter(Boolean)
      .join(" and ");
    throw invalid(
      `${project.name} still has ${what}. Close it with "Close the project" (${closeUrl}), which returns them to the network with a handover note for each case.`,
      { field: "status", closeUrl, ...open },
    );
  }
}

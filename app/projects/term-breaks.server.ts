import { and, asc, eq, gte, lte } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { projectTermBreaks } from "~/db/schema";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { getOrganisation, type Organisation } from "~/organisations/organisations.server";
import { canEditOrganisation } from "~/organisations/policies";
import { isId } from "~/shared/ids";
import type { TermBreakInput } from "./schemas";

export type TermBreak = typeof projectTermBreaks.$inferSelect;

/** A project's term breaks, earliest first. Any signed-in user may read them. */
export function listTermBreaks(tx: Queryable, projectId: string): Promise<TermBreak[]> {
  return tx
    .select()
    .from(projectTermBreaks)
    .where(eq(projectTermBreaks.organisationId, projectId))
    .orderBy(asc(projectTermBreaks.startsOn), asc(projectTermBreaks.endsOn));
}

/** The project whose breaks the viewer would change: theirs to edit, and not closed. */
async function editableProject(
  tx: Queryable,
  acting: Acting,
  projectId: string,
): Promise<Organisation> {
  const project = await getOrganisation(tx, projectId);
  if (project.kind !== "project" || !canEditOrganisation(acting.viewer, project.id))
    throw forbidden("You cannot change this project's term breaks.");
  if (project.status === "closed")
    throw invalid(`${project.name} is closed: its term breaks no longer matter.`);
  return project;
}

/**
 * Adds a term break: no offers are suggested to the project while it lasts. Breaks of one
 * project may not overlap, so that each day has one name.
 */
export async function addTermBreak(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  input: TermBreakInput,
): Promise<TermBreak> {
  const project = await editableProject(tx, acting, projectId);
  if (input.endsOn < input.startsOn)
    throw invalid("The break must end on or after the day it starts", { field: "endsOn" });
  const [overlap] = await tx
    .select()
    .from(projectTermBreaks)
    .where(
      and(
        eq(projectTermBreaks.organisationId, project.id),
        lte(projectTermBreaks.startsOn, input.endsOn),
        gte(projectTermBreaks.endsOn, input.startsOn),
      ),
    )
    .limit(1);
  if (overlap)
    throw invalid(
      `It overlaps "${overlap.label}" (${overlap.startsOn} to ${overlap.endsOn}): remove that one first or choose other dates`,
      { field: "startsOn" },
    );
  const [row] = await tx
    .insert(projectTermBreaks)
    .values({
      organisationId: project.id,
      label: input.label,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "organisation.term_break_added",
    entityType: "organisation",
    entityId: project.id,
    organisationId: project.id,
    details: { termBreakId: row.id, label: row.label, startsOn: row.startsOn, endsOn: row.endsOn },
  });
  return row;
}

export async function removeTermBreak(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  breakId: string,
): Promise<void> {
  const project = await editableProject(tx, acting, projectId);
  if (!isId(breakId)) throw notFound("term break");
  const [row] = await tx
    .delete(projectTermBreaks)
    .where(and(eq(projectTermBreaks.id, breakId), eq(projectTermBreaks.organisationId, project.id)))
    .returning();
  if (!row) throw notFound("term break");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "organisation.term_break_removed",
    entityType: "organisation",
    entityId: project.id,
    organisationId: project.id,
    details: { termBreakId: row.id, label: row.label, startsOn: row.startsOn, endsOn: row.endsOn },
  });
}

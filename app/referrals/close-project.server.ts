import { and, asc, eq, inArray } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { applications, cases } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { forbidden } from "~/errors/app-error";
import { type ClosureOutcome, closeProject, closurePlan } from "./closure.server";
import { fileProjectClosedLetter } from "./closure-letter.server";

function requireManageOrganisations(acting: Acting) {
  if (!can(acting.viewer, "manage:organisation:any"))
    throw forbidden("Only the network's administrators can close a project.");
}

/**
 * What the closure page shows: for a project still open, what closing it affects; for a
 * closed one, the cases that came back to the network when it closed.
 */
export async function getClosure(tx: Queryable, acting: Acting, projectId: string) {
  requireManageOrganisations(acting);
  const plan = await closurePlan(tx, projectId);
  const returned =
    plan.project.status === "closed"
      ? await tx
          .select({
            id: cases.id,
            reference: cases.reference,
            applicationId: cases.applicationId,
            handoverNote: cases.handoverNote,
          })
          .from(cases)
          .where(and(eq(cases.organisationId, projectId), eq(cases.stage, "returned_on_closure")))
          .orderBy(asc(cases.reference))
      : [];
  const offerApplications = plan.openOffers.map((o) => o.applicationId);
  const references = offerApplications.length
    ? await tx
        .select({ id: applications.id, reference: applications.reference })
        .from(applications)
        .where(inArray(applications.id, offerApplications))
    : [];
  const referenceOf = new Map(references.map((r) => [r.id, r.reference]));
  return {
    ...plan,
    openOffers: plan.openOffers.map((o) => ({
      ...o,
      reference: referenceOf.get(o.applicationId) ?? null,
    })),
    returned,
  };
}

/**
 * Closes a project (closeProject) and, in the same transaction, files a letter to each
 * applicant whose case came back, saying the network will look for another project. If a
 * letter cannot be made, nothing of the closure is committed.
 */
export async function closeProjectAndWriteToApplicants(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  projectId: string,
  input: { closedOn: string; notes: Record<string, string> },
): Promise<ClosureOutcome & { letters: number }> {
  requireManageOrganisations(acting);
  const { project } = await closurePlan(tx, projectId);
  const outcome = await closeProject(tx, acting, projectId, input);
  for (const c of outcome.returnedCases)
    await fileProjectClosedLetter(tx, acting, store, c.applicationId, project.name);
  return { ...outcome, letters: outcome.returnedCases.length };
}

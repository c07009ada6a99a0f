import { asc, desc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import {
  applicantMoves,
  applicants,
  applications,
  correspondence,
  documents,
  establishments,
  representatives,
} from "~/db/schema";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

async function loadApplicant(tx: Queryable, id: string) {
  if (!isId(id)) throw notFound("applicant");
  const [row] = await tx
    .select({ applicant: applicants, establishment: establishments.name })
    .from(applicants)
    .leftJoin(establishments, eq(establishments.id, applicants.currentEstablishmentId))
    .where(eq(applicants.id, id));
  if (!row) throw notFound("applicant");
  return { ...row.applicant, establishment: row.establishment };
}

/**
 * An applicant's whole file as their page shows it: details, where they have been held,
 * representatives, applications and the correspondence log (newest first). Audited as a
 * view of their personal data.
 */
export async function getApplicant(tx: Queryable, acting: Acting, id: string) {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not give you access to applicants.");
  const applicant = await loadApplicant(tx, id);
  const moves = await tx
    .select({
      id: applicantMoves.id,
      establishment: establishments.name,
      fromDate: applicantMoves.fromDate,
      toDate: applicantMoves.toDate,
      source: applicantMoves.source,
    })
    .from(applicantMoves)
    .innerJoin(establishments, eq(establishments.id, applicantMoves.establishmentId))
    .where(eq(applicantMoves.applicantId, id))
    .orderBy(desc(applicantMoves.fromDate), desc(applicantMoves.createdAt));
  const reps = await tx
    .select()
    .from(representatives)
    .where(eq(representatives.applicantId, id))
    .orderBy(asc(representatives.createdAt));
  const apps = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      state: applications.state,
      closedReason: applications.closedReason,
      channel: applications.channel,
      receivedOn: applications.receivedOn,
      isDraft: applications.isDraft,
    })
    .from(applications)
    .where(eq(applications.applicantId, id))
    .orderBy(desc(applications.receivedOn), desc(applications.createdAt));
  const log = await tx
    .select({
      id: correspondence.id,
      direction: correspondence.direction,
      kind: correspondence.kind,
      occurredOn: correspondence.occurredOn,
      summary: correspondence.summary,
      applicationId: correspondence.applicationId,
      documentId: correspondence.documentId,
      filename: documents.filename,
    })
    .from(correspondence)
    .leftJoin(documents, eq(documents.id, correspondence.documentId))
    .where(eq(correspondence.applicantId, id))
    .orderBy(desc(correspondence.occurredOn), desc(correspondence.createdAt));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.viewed",
    entityType: "applicant",
    entityId: id,
    subjectId: id,
    organisationId: applicant.organisationId,
  });
  return {
    applicant: {
      ...applicant,
      createdAt: applicant.createdAt.toISOString(),
      updatedAt: applicant.updatedAt.toISOString(),
    },
    moves,
    representatives: reps.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    applications: apps,
    correspondence: log,
  };
}

/** The applicant alone, for a form that changes them; opening the form is audited as a view. */
export async function getApplicantForChange(
  tx: Queryable,
  acting: Acting,
  id: string,
  page: string,
) {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can change an applicant's details.");
  const applicant = await loadApplicant(tx, id);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.viewed",
    entityType: "applicant",
    entityId: id,
    subjectId: id,
    organisationId: applicant.organisationId,
    details: { page },
  });
  const { createdAt, updatedAt, ...rest } = applicant;
  return rest;
}

import { asc, desc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import {
  applicants,
  applicationLinks,
  applications,
  documents,
  establishments,
  representatives,
} from "~/db/schema";
import { scanReadingsOf } from "~/documents/ocr/scan-readings.server";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { activeContentWarning } from "~/shared/pdf/active-content";
import { findLikelyMatches } from "../likely-matches.server";
import type { Questionnaire } from "../questionnaire";

const other = alias(applications, "other");

async function loadApplication(tx: Queryable, id: string) {
  if (!isId(id)) throw notFound("application");
  const [row] = await tx
    .select({
      application: applications,
      applicant: {
        id: applicants.id,
        fullName: applicants.fullName,
        aliases: applicants.aliases,
        dateOfBirth: applicants.dateOfBirth,
        prisonerNumber: applicants.prisonerNumber,
        otherPrisonerNumber: applicants.otherPrisonerNumber,
        postalAddress: applicants.postalAddress,
        legalCorrespondence: applicants.legalCorrespondence,
        largePrint: applicants.largePrint,
        language: applicants.language,
        establishment: establishments.name,
      },
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .leftJoin(establishments, eq(establishments.id, applicants.currentEstablishmentId))
    .where(eq(applications.id, id));
  if (!row) throw notFound("application");
  return row;
}

/** The application for its data-entry pages; opening them is a view of the file, and audited. */
export async function getApplicationForEntry(
  tx: Queryable,
  acting: Acting,
  id: string,
  page: string,
) {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can enter applications.");
  const { application: a, applicant } = await loadApplication(tx, id);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "application.viewed",
    entityType: "application",
    entityId: a.id,
    subjectId: a.applicantId,
    organisationId: a.organisationId,
    details: { page: `entry/${page}` },
  });
  return {
    id: a.id,
    reference: a.reference,
    isDraft: a.isDraft,
    state: a.state,
    version: a.version,
    questionnaire: a.questionnaire as Questionnaire,
    applicant: {
      id: applicant.id,
      fullName: applicant.fullName,
      dateOfBirth: applicant.dateOfBirth,
    },
  };
}

/**
 * Everything the application's page shows: the application, a summary of its applicant,
 * its documents, its links and likely matches. Every view is audited with the applicant
 * as the data subject.
 */
export async function getApplication(tx: Queryable, acting: Acting, id: string) {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not give you access to applications.");
  const { application: a, applicant } = await loadApplication(tx, id);
  const files = await listApplicationDocuments(tx, a.id);
  const links = await tx
    .select({
      kind: applicationLinks.kind,
      note: applicationLinks.note,
      from: applicationLinks.applicationId,
      otherId: other.id,
      otherReference: other.reference,
      otherState: other.state,
      otherClosedReason: other.closedReason,
    })
    .from(applicationLinks)
    .innerJoin(
      other,
      or(
        eq(other.id, applicationLinks.linkedApplicationId),
        eq(other.id, applicationLinks.applicationId),
      ),
    )
    .where(
      or(eq(applicationLinks.applicationId, a.id), eq(applicationLinks.linkedApplicationId, a.id)),
    );
  const earlier = await tx
    .select({ id: applications.id, reference: applications.reference })
    .from(applications)
    .where(eq(applications.applicantId, a.applicantId))
    .orderBy(desc(applications.receivedOn));
  const matches = await findLikelyMatches(tx, {
    fullName: applicant.fullName,
    aliases: applicant.aliases,
    dateOfBirth: applicant.dateOfBirth,
    prisonerNumber: applicant.prisonerNumber,
    court: a.court,
    convictionDate: a.convictionDate,
    excludeApplicantId: applicant.id,
    limit: 5,
  });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "application.viewed",
    entityType: "application",
    entityId: a.id,
    subjectId: a.applicantId,
    organisationId: a.organisationId,
  });
  return {
    application: { ...a, questionnaire: a.questionnaire as Questionnaire },
    applicant,
    documents: files,
    links: links
      .filter((l) => l.otherId !== a.id)
      .map((l) => ({
        kind: l.kind,
        note: l.note,
        direction: l.from === a.id ? ("to" as const) : ("from" as const),
        applicationId: l.otherId,
        reference: l.otherReference,
        state: l.otherState,
        closedReason: l.otherClosedReason,
      })),
    otherApplications: earlier.filter((e) => e.id !== a.id),
    matches,
    representatives: await applicationRepresentatives(tx, a),
  };
}

/**
 * The applicant's representatives, the one who made this application (online, for the
 * applicant) first and marked as such.
 */
async function applicationRepresentatives(
  tx: Queryable,
  a: { applicantId: string; submittedBy: Record<string, unknown> | null },
) {
  const rows = await tx
    .select({
      id: representatives.id,
      name: representatives.name,
      relationship: representatives.relationship,
      authorisedToReceive: representatives.authorisedToReceive,
      address: representatives.address,
      email: representatives.email,
      phone: representatives.phone,
    })
    .from(representatives)
    .where(eq(representatives.applicantId, a.applicantId))
    .orderBy(asc(representatives.createdAt));
  const madeBy = a.submittedBy?.representativeId;
  return rows
    .map((r) => ({ ...r, madeThis: r.id === madeBy }))
    .sort((x, y) => Number(y.madeThis) - Number(x.madeThis));
}

/**
 * The documents filed on an application, newest first, each with where reading its text has
 * got to (row-level security decides access).
 */
export async function listApplicationDocuments(tx: Queryable, applicationId: string) {
  const rows = await tx
    .select({
      id: documents.id,
      kind: documents.kind,
      filename: documents.filename,
      mediaType: documents.mediaType,
      byteSize: documents.byteSize,
      activeContent: documents.activeContent,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .where(eq(documents.applicationId, applicationId))
    .orderBy(desc(documents.createdAt));
  const readings = await scanReadingsOf(tx, "document", rows);
  return rows.map(({ activeContent, ...f }) => ({
    ...f,
    warning: activeContentWarning(activeContent),
    reading: readings.get(f.id) ?? null,
    createdAt: f.createdAt.toISOString(),
  }));
}

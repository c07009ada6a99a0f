import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import {
  applicants,
  applications,
  assessments,
  auditEvents,
  caseDocuments,
  cases,
  documents,
  referralOffers,
} from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import type { HistoryType } from "./history-link";

/** A record whose access history is asked for, and which events are about it. */
export interface HistoryRecord {
  type: HistoryType;
  id: string;
  /** How the page names it: the applicant's name, a reference, a file name. */
  label: string;
  organisationId: string | null;
  /** The applicant it is about, where the viewer can know it. */
  subjectId: string | null;
  /** The events about the record and what hangs off it. */
  events: SQL;
}

const never = sql`false`;

/** `expression in (ids)`, or false for no ids. */
function textIn(expression: SQL, ids: readonly string[]): SQL {
  if (ids.length === 0) return never;
  return sql`${expression} in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

const detail = (key: string) => sql`${auditEvents.details}->>${key}`;

/** Events that list one of the ids among many in their details (a batch, a search's hits). */
function listedIn(key: string, ids: readonly string[]): SQL {
  if (ids.length === 0) return never;
  return (
    or(...ids.map((id) => sql`${auditEvents.details}->${key} @> ${JSON.stringify([id])}::jsonb`)) ??
    never
  );
}

function entities(type: string, ids: readonly string[]): SQL {
  if (ids.length === 0) return never;
  return and(eq(auditEvents.entityType, type), inArray(auditEvents.entityId, [...ids])) ?? never;
}

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);

/**
 * A case's events: the case's own (casework names the case as the record and what was done
 * inside it in the details), and those of its documents.
 */
async function caseEvents(tx: Queryable, caseIds: string[]): Promise<SQL> {
  if (caseIds.length === 0) return never;
  const docs = await tx
    .select({ id: caseDocuments.id })
    .from(caseDocuments)
    .where(inArray(caseDocuments.caseId, caseIds));
  return (
    or(
      entities("case", caseIds),
      textIn(detail("caseId"), caseIds),
      // Searches that showed its text, reminders about its deadlines.
      listedIn("caseIds", caseIds),
      entities("case_document", idsOf(docs)),
    ) ?? never
  );
}

/**
 * An application's events: its own, and those of its documents and letters, assessments,
 * offers to projects and the case a project made of it.
 */
async function applicationEvents(tx: Queryable, applicationIds: string[]): Promise<SQL> {
  if (applicationIds.length === 0) return never;
  const [docs, assessed, offers, made] = await Promise.all([
    tx
      .select({ id: documents.id })
      .from(documents)
      .where(inArray(documents.applicationId, applicationIds)),
    tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(inArray(assessments.applicationId, applicationIds)),
    tx
      .select({ id: referralOffers.id })
      .from(referralOffers)
      .where(inArray(referralOffers.applicationId, applicationIds)),
    tx.select({ id: cases.id }).from(cases).where(inArray(cases.applicationId, applicationIds)),
  ]);
  return (
    or(
      entities("application", applicationIds),
      textIn(detail("applicationId"), applicationIds),
      // Letters printed in a batch.
      listedIn("applicationIds", applicationIds),
      entities("document", idsOf(docs)),
      entities("assessment", idsOf(assessed)),
      entities("referral_offer", idsOf(offers)),
      await caseEvents(tx, idsOf(made)),
    ) ?? never
  );
}

/**
 * Finds the record as the viewer may see it (row-level security decides: a project's officer
 * does not see the network's applications) and what its history takes in. Not found if unseen.
 */
export async function historyRecordOf(
  tx: Queryable,
  type: HistoryType,
  id: string,
): Promise<HistoryRecord> {
  if (!isId(id)) throw notFound(type);
  switch (type) {
    case "applicant": {
      const [p] = await tx
        .select({ id: applicants.id, name: applicants.fullName, org: applicants.organisationId })
        .from(applicants)
        .where(eq(applicants.id, id));
      if (!p) throw notFound("applicant");
      // Records merged into this one are the same person's.
      const merged = await tx
        .select({ id: applicants.id })
        .from(applicants)
        .where(eq(applicants.mergedIntoId, id));
      const people = [id, ...idsOf(merged)];
      const apps = await tx
        .select({ id: applications.id })
        .from(applications)
        .where(inArray(applications.applicantId, people));
      return {
        type,
        id,
        label: p.name,
        organisationId: p.org,
        subjectId: id,
        events:
          or(
            inArray(auditEvents.subjectId, people),
            entities("applicant", people),
            await applicationEvents(tx, idsOf(apps)),
          ) ?? never,
      };
    }
    case "application": {
      const [a] = await tx
        .select({
          reference: applications.reference,
          applicantId: applications.applicantId,
          org: applications.organisationId,
        })
        .from(applications)
        .where(eq(applications.id, id));
      if (!a) throw notFound("application");
      return {
        type,
        id,
        label: a.reference,
        organisationId: a.org,
        subjectId: a.applicantId,
        events: await applicationEvents(tx, [id]),
      };
    }
    case "case": {
      const [c] = await tx
        .select({ reference: cases.reference, org: cases.organisationId })
        .from(cases)
        .where(eq(cases.id, id));
      if (!c) throw notFound("case");
      return {
        type,
        id,
        label: c.reference,
        organisationId: c.org,
        subjectId: null,
        events: await caseEvents(tx, [id]),
      };
    }
    case "document":
      return documentRecord(tx, id);
  }
}

/** A document of the network's (an application's or applicant's), or of a project's case. */
async function documentRecord(tx: Queryable, id: string): Promise<HistoryRecord> {
  const [d] = await tx
    .select({
      filename: documents.filename,
      applicantId: documents.applicantId,
      org: sql<string | null>`coalesce(
        (select ${applications.organisationId} from ${applications} where ${applications.id} = ${documents.applicationId}),
        (select ${applicants.organisationId} from ${applicants} where ${applicants.id} = ${documents.applicantId}))`,
    })
    .from(documents)
    .where(eq(documents.id, id));
  const sameDocument =
    or(
      entities("document", [id]),
      entities("case_document", [id]),
      textIn(detail("documentId"), [id]),
      // The copies a project received in its case pack.
      textIn(detail("sourceDocumentId"), [id]),
    ) ?? never;
  if (d)
    return {
      type: "document",
      id,
      label: d.filename,
      organisationId: d.org,
      subjectId: d.applicantId,
      events: sameDocument,
    };
  const [c] = await tx
    .select({ filename: caseDocuments.filename, org: cases.organisationId })
    .from(caseDocuments)
    .innerJoin(cases, eq(cases.id, caseDocuments.caseId))
    .where(eq(caseDocuments.id, id));
  if (!c) throw notFound("document");
  return {
    type: "document",
    id,
    label: c.filename,
    organisationId: c.org,
    subjectId: null,
    events: sameDocument,
  };
}

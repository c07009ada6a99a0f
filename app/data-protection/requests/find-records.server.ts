import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import {
  applicants,
  applications,
  assessments,
  caseCorrespondence,
  caseDocuments,
  caseNotes,
  casePeople,
  cases,
  correspondence,
  dataSubjectRequestItems,
  documents,
  organisations,
  people,
} from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { requireRequest, type SubjectRequest } from "./require-request.server";
import { isOpen, type SearchTerms, searchTerms } from "./rules";

export interface Found {
  itemType: string;
  itemId: string;
  title: string;
  foundAs: "subject" | "third_party";
}

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The text of `column` mentions one of the terms (any case). */
function mentions(column: AnyPgColumn | SQL, terms: readonly string[]): SQL {
  if (terms.length === 0) return sql`false`;
  return sql`(${sql.join(
    terms.map((t) => sql`${column}::text ilike ${likePattern(t)}`),
    sql` or `,
  )})`;
}

/** The column is one of the ids; nothing when there are none. */
function inIds(column: AnyPgColumn, ids: readonly string[]): SQL {
  return ids.length ? (inArray(column, [...ids]) as SQL) : sql`false`;
}

/** Adds each row found as an item of `itemType`, titled and marked subject or third party. */
function collect<R extends { id: string }>(
  found: Found[],
  itemType: string | ((row: R) => string),
  rows: readonly R[],
  title: (row: R) => string,
  foundAs: (row: R) => Found["foundAs"],
) {
  for (const row of rows)
    found.push({
      itemType: typeof itemType === "string" ? itemType : itemType(row),
      itemId: row.id,
      title: title(row),
      foundAs: foundAs(row),
    });
}

function textTerms(terms: SearchTerms): string[] {
  return [...terms.names, ...terms.datesOfBirth, ...terms.prisonerNumbers];
}

/** The network's records: applicant, applications, assessments, letters, documents, correspondence. */
async function findAtNetwork(
  tx: Queryable,
  request: SubjectRequest,
  terms: SearchTerms,
): Promise<Found[]> {
  const org = request.organisationId;
  const found: Found[] = [];
  const subjectApplicants = await tx
    .select({ id: applicants.id, fullName: applicants.fullName })
    .from(applicants)
    .where(
      and(
        eq(applicants.organisationId, org),
        or(
          request.applicantId ? eq(applicants.id, request.applicantId) : sql`false`,
          mentions(applicants.namesText, terms.names),
          terms.prisonerNumbers.length
            ? inArray(applicants.prisonerNumber, terms.prisonerNumbers)
            : sql`false`,
        ),
      ),
    );
  const applicantIds = subjectApplicants.map((a) => a.id);
  collect(
    found,
    "applicant",
    subjectApplicants,
    (a) => `Applicant record of ${a.fullName}`,
    () => "subject",
  );
  const text = textTerms(terms);
  const apps = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      applicantId: applications.applicantId,
    })
    .from(applications)
    .where(
      and(
        eq(applications.organisationId, org),
        or(
          inIds(applications.applicantId, applicantIds),
          mentions(applications.questionnaire, text),
          mentions(applications.submittedBy, text),
        ),
      ),
    );
  const own = new Set(applicantIds);
  const ownApps = apps.filter((a) => own.has(a.applicantId)).map((a) => a.id);
  const whose = (r: { applicantId: string }) =>
    own.has(r.applicantId) ? "subject" : "third_party";
  collect(
    found,
    "application",
    apps,
    (a) => `Application ${a.reference} and its questionnaire answers`,
    whose,
  );
  const assessed = await tx
    .select({
      id: assessments.id,
      applicationId: assessments.applicationId,
      reference: applications.reference,
      status: assessments.status,
    })
    .from(assessments)
    .innerJoin(applications, eq(applications.id, assessments.applicationId))
    .where(
      and(
        eq(assessments.organisationId, org),
        or(
          inIds(assessments.applicationId, ownApps),
          mentions(
            sql`(${assessments.coDefendants}, ${assessments.offences}, ${assessments.couldBeInnocentReasons}, ${assessments.canBeInvestigatedReasons}, ${assessments.recommendationNotes}, ${assessments.informationRequested})`,
            text,
          ),
        ),
      ),
    );
  collect(
    found,
    "assessment",
    assessed,
    (a) => `Assessment of ${a.reference} (${a.status.replaceAll("_", " ")}), with its decision`,
    (a) => (ownApps.includes(a.applicationId) ? "subject" : "third_party"),
  );
  if (applicantIds.length || ownApps.length) {
    const docs = await tx
      .select({ id: documents.id, kind: documents.kind, filename: documents.filename })
      .from(documents)
      .where(
        or(inIds(documents.applicantId, applicantIds), inIds(documents.applicationId, ownApps)),
      );
    const letter = (d: { kind: string }) => d.kind === "letter_out";
    collect(
      found,
      (d) => (letter(d) ? "letter" : "document"),
      docs,
      (d) => `${letter(d) ? "Letter" : "Document"}: ${d.filename}`,
      () => "subject",
    );
  }
  const letters = await tx
    .select({
      id: correspondence.id,
      applicantId: correspondence.applicantId,
      direction: correspondence.direction,
      kind: correspondence.kind,
      occurredOn: correspondence.occurredOn,
    })
    .from(correspondence)
    .innerJoin(applicants, eq(applicants.id, correspondence.applicantId))
    .where(
      and(
        eq(applicants.organisationId, org),
        or(inIds(correspondence.applicantId, applicantIds), mentions(correspondence.summary, text)),
      ),
    );
  collect(
    found,
    "correspondence",
    letters,
    (c) =>
      `Correspondence: ${c.kind} ${c.direction === "in" ? "received" : "sent"} on ${c.occurredOn}`,
    whose,
  );
  return found;
}

/** A project's case files: the client's cases, and anyone named in the project's records. */
async function findAtProject(
  tx: Queryable,
  request: SubjectRequest,
  terms: SearchTerms,
): Promise<Found[]> {
  const org = request.organisationId;
  const found: Found[] = [];
  const text = textTerms(terms);
  const clientCases = await tx
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(
      and(
        eq(cases.organisationId, org),
        or(
          mentions(
            sql`(${cases.applicant}->>'fullName', ${cases.applicant}->'aliases')`,
            terms.names,
          ),
          terms.prisonerNumbers.length
            ? inArray(sql`${cases.applicant}->>'prisonerNumber'`, terms.prisonerNumbers)
            : sql`false`,
        ),
      ),
    );
  const caseIds = clientCases.map((c) => c.id);
  const references = new Map(clientCases.map((c) => [c.id, c.reference]));
  collect(
    found,
    "case",
    clientCases,
    (c) => `Case file ${c.reference}`,
    () => "subject",
  );
  const ofOrg = await tx
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(eq(cases.organisationId, org));
  for (const c of ofOrg) references.set(c.id, c.reference);
  const orgCases = ofOrg.map((c) => c.id);
  if (orgCases.length === 0) return found;
  const ref = (caseId: string) => references.get(caseId) ?? "";
  /** Rows of the organisation's cases: all of the client's, and others' that mention them. */
  const ofCases = (caseId: AnyPgColumn, ...mentioning: SQL[]) =>
    and(inArray(caseId, orgCases), or(inIds(caseId, caseIds), ...mentioning));
  const add = <R extends { id: string; caseId: string }>(
    itemType: string,
    rows: R[],
    title: (row: R) => string,
    as?: Found["foundAs"],
  ) =>
    collect(
      found,
      itemType,
      rows,
      title,
      (row) => as ?? (caseIds.includes(row.caseId) ? "subject" : "third_party"),
    );

  add(
    "case_person",
    await tx
      .select({
        id: casePeople.id,
        caseId: casePeople.caseId,
        role: casePeople.role,
        kind: people.kind,
      })
      .from(casePeople)
      .innerJoin(people, eq(people.id, casePeople.personId))
      .where(
        and(
          eq(people.organisationId, org),
          inArray(casePeople.caseId, orgCases),
          or(mentions(people.name, terms.names), mentions(casePeople.notes, text)),
        ),
      ),
    (p) => `Named in case ${ref(p.caseId)} as ${p.role || p.kind}`,
    "third_party",
  );
  add(
    "case_note",
    await tx
      .select({ id: caseNotes.id, caseId: caseNotes.caseId, createdAt: caseNotes.createdAt })
      .from(caseNotes)
      .where(ofCases(caseNotes.caseId, mentions(caseNotes.body, text))),
    (n) => `Note in case ${ref(n.caseId)} of ${n.createdAt.toISOString().slice(0, 10)}`,
  );
  add(
    "case_document",
    await tx
      .select({
        id: caseDocuments.id,
        caseId: caseDocuments.caseId,
        filename: caseDocuments.filename,
      })
      .from(caseDocuments)
      .where(
        ofCases(
          caseDocuments.caseId,
          mentions(caseDocuments.extractedText, text),
          mentions(caseDocuments.description, text),
        ),
      ),
    (d) => `Document in case ${ref(d.caseId)}: ${d.filename}`,
  );
  add(
    "case_correspondence",
    await tx
      .select({
        id: caseCorrespondence.id,
        caseId: caseCorrespondence.caseId,
        kind: caseCorrespondence.kind,
        occurredOn: caseCorrespondence.occurredOn,
      })
      .from(caseCorrespondence)
      .where(
        ofCases(
          caseCorrespondence.caseId,
          mentions(caseCorrespondence.summary, text),
          mentions(caseCorrespondence.party, terms.names),
        ),
      ),
    (c) => `Correspondence in case ${ref(c.caseId)}: ${c.kind} on ${c.occurredOn}`,
  );
  return found;
}

/** The applicant record a request is linked to, for the names and numbers it adds to the search. */
async function linkedApplicant(tx: Queryable, applicantId: string | null) {
  if (!applicantId) return null;
  const [a] = await tx
    .select({
      fullName: applicants.fullName,
      aliases: applicants.aliases,
      dateOfBirth: applicants.dateOfBirth,
      prisonerNumber: applicants.prisonerNumber,
    })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  return a ?? null;
}

/**
 * Searches the officer's organisation's records for the person: by the applicant record
 * the request is linked to, and by their names, dates of birth and prisoner numbers in the
 * text of every record. The network holds the intake and eligibility records; a project its
 * case files. Each find is kept as an item of the request, as the subject's own record or
 * one that mentions them as a third party; a second search adds what is new and keeps the
 * decisions already made.
 */
export async function findRecords(
  tx: Queryable,
  acting: Acting,
  requestId: string,
): Promise<{ found: number; added: number }> {
  const request = await requireRequest(tx, acting, requestId);
  if (!isOpen(request.status)) throw invalid("A closed request is not searched again.");
  const terms = searchTerms(
    request.personName,
    request.personDetails,
    await linkedApplicant(tx, request.applicantId),
  );
  const [org] = await tx
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, request.organisationId));
  const found =
    org?.kind === "network"
      ? await findAtNetwork(tx, request, terms)
      : await findAtProject(tx, request, terms);
  const unique = [...new Map(found.map((f) => [`${f.itemType}:${f.itemId}`, f])).values()];
  const added = unique.length
    ? await tx
        .insert(dataSubjectRequestItems)
        .values(unique.map((f) => ({ ...f, requestId, organisationId: request.organisationId })))
        .onConflictDoNothing({
          target: [
            dataSubjectRequestItems.requestId,
            dataSubjectRequestItems.itemType,
            dataSubjectRequestItems.itemId,
          ],
        })
        .returning({ id: dataSubjectRequestItems.id })
    : [];
  const byType: Record<string, number> = {};
  for (const f of unique)
    byType[`${f.itemType}.${f.foundAs}`] = (byType[`${f.itemType}.${f.foundAs}`] ?? 0) + 1;
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.searched",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: { found: unique.length, added: added.length, byType },
  });
  return { found: unique.length, added: added.length };
}

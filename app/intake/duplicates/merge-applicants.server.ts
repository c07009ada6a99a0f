import { eq, inArray, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import {
  applicantMoves,
  applicants,
  applications,
  correspondence,
  documents,
  representatives,
} from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";

export interface MergeInput {
  keepApplicantId: string;
  mergeApplicantId: string;
}

export interface MergeOutcome {
  moved: {
    applications: string[];
    moves: string[];
    representatives: string[];
    correspondence: string[];
    documents: string[];
  };
}

type Applicant = typeof applicants.$inferSelect;

/** The merged person's names become the kept record's aliases, so later matching still finds them. */
function mergedAliases(keep: Applicant, merge: Applicant): string[] {
  const seen = new Set([keep.fullName, ...keep.aliases].map((n) => n.trim().toLowerCase()));
  const added: string[] = [];
  for (const name of [merge.fullName, ...merge.aliases]) {
    const key = name.trim().toLowerCase();
    if (key && !seen.has(key)) {
      seen.add(key);
      added.push(name.trim());
    }
  }
  return added;
}

async function canMoveFiledRecords(tx: Queryable): Promise<boolean> {
  const [row] = await queryRows<{ c: boolean; d: boolean }>(
    tx,
    sql`select has_column_privilege('correspondence', 'applicant_id', 'UPDATE') as c,
      has_column_privilege('documents', 'applicant_id', 'UPDATE') as d`,
  );
  return Boolean(row?.c && row.d);
}

/**
 * Merges two records of the same person: everything filed on `mergeApplicantId` — its
 * applications, moves, representatives, correspondence and documents — moves to
 * `keepApplicantId`, in this one transaction. The merged record is kept, marked with
 * `merged_into_id`, so its history stays; the audit trail gets `applicant.merged` on both
 * people with the merged record's full before-state and everything that moved. Nothing is
 * deleted. Each move checks it reached every row: a policy that silently filtered rows out
 * would otherwise leave records behind on the merged applicant.
 */
export async function mergeApplicants(
  tx: Queryable,
  acting: Acting,
  input: MergeInput,
): Promise<MergeOutcome> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can merge applicants.");
  if (input.keepApplicantId === input.mergeApplicantId)
    throw invalid("Choose two different people to merge.");
  const both = await tx
    .select()
    .from(applicants)
    .where(inArray(applicants.id, [input.keepApplicantId, input.mergeApplicantId]));
  const keep = both.find((a) => a.id === input.keepApplicantId);
  const merge = both.find((a) => a.id === input.mergeApplicantId);
  if (!keep || !merge) throw notFound("applicant");
  if (keep.mergedIntoId || merge.mergedIntoId)
    throw conflict("One of these records has already been merged into another.");

  const idsOf = async <T extends { id: string }>(rows: Promise<T[]>) =>
    (await rows).map((r) => r.id);
  const moved: MergeOutcome["moved"] = {
    applications: await idsOf(
      tx
        .select({ id: applications.id })
        .from(applications)
        .where(eq(applications.applicantId, merge.id)),
    ),
    moves: await idsOf(
      tx
        .select({ id: applicantMoves.id })
        .from(applicantMoves)
        .where(eq(applicantMoves.applicantId, merge.id)),
    ),
    representatives: await idsOf(
      tx
        .select({ id: representatives.id })
        .from(representatives)
        .where(eq(representatives.applicantId, merge.id)),
    ),
    correspondence: await idsOf(
      tx
        .select({ id: correspondence.id })
        .from(correspondence)
        .where(eq(correspondence.applicantId, merge.id)),
    ),
    documents: await idsOf(
      tx.select({ id: documents.id }).from(documents).where(eq(documents.applicantId, merge.id)),
    ),
  };
  const filed = moved.correspondence.length + moved.documents.length;
  if (filed > 0 && !(await canMoveFiledRecords(tx)))
    // Until the database lets the application role re-file correspondence and documents
    // (GRANT UPDATE (applicant_id) and an UPDATE policy, in the migration proposed with the
    // queue), refusing is the only way not to leave them behind.
    throw conflict(
      "This person has correspondence or documents on file, which cannot be moved to another record yet. Nothing was merged.",
    );

  const now = new Date();
  const check = (what: string, expected: string[], got: { id: string }[]) => {
    if (got.length !== expected.length)
      throw new Error(`merge: moved ${got.length} of ${expected.length} ${what}; rolled back`);
  };
  check(
    "applications",
    moved.applications,
    await tx
      .update(applications)
      .set({ applicantId: keep.id, updatedAt: now, version: sql`${applications.version} + 1` })
      .where(eq(applications.applicantId, merge.id))
      .returning({ id: applications.id }),
  );
  check(
    "moves",
    moved.moves,
    await tx
      .update(applicantMoves)
      .set({ applicantId: keep.id })
      .where(eq(applicantMoves.applicantId, merge.id))
      .returning({ id: applicantMoves.id }),
  );
  check(
    "representatives",
    moved.representatives,
    await tx
      .update(representatives)
      .set({ applicantId: keep.id })
      .where(eq(representatives.applicantId, merge.id))
      .returning({ id: representatives.id }),
  );
  if (moved.correspondence.length > 0)
    check(
      "correspondence",
      moved.correspondence,
      await tx
        .update(correspondence)
        .set({ applicantId: keep.id })
        .where(eq(correspondence.applicantId, merge.id))
        .returning({ id: correspondence.id }),
    );
  if (moved.documents.length > 0)
    check(
      "documents",
      moved.documents,
      await tx
        .update(documents)
        .set({ applicantId: keep.id })
        .where(eq(documents.applicantId, merge.id))
        .returning({ id: documents.id }),
    );

  // Fill what the kept record lacks, never overwrite what it has.
  const aliasesAdded = mergedAliases(keep, merge);
  const filledIn = {
    dateOfBirth: keep.dateOfBirth ?? merge.dateOfBirth,
    prisonerNumber: keep.prisonerNumber ?? merge.prisonerNumber,
    otherPrisonerNumber: keep.otherPrisonerNumber ?? merge.otherPrisonerNumber,
    currentEstablishmentId: keep.currentEstablishmentId ?? merge.currentEstablishmentId,
  };
  await tx
    .update(applicants)
    .set({
      ...filledIn,
      aliases: [...keep.aliases, ...aliasesAdded],
      updatedAt: now,
      version: sql`${applicants.version} + 1`,
    })
    .where(eq(applicants.id, keep.id));
  await tx
    .update(applicants)
    .set({ mergedIntoId: keep.id, updatedAt: now, version: sql`${applicants.version} + 1` })
    .where(eq(applicants.id, merge.id));

  const details = {
    keptApplicantId: keep.id,
    mergedApplicantId: merge.id,
    // Field names and counts only: the trail outlives an erasure, so it keeps no one's details.
    mergedVersion: merge.version,
    keptVersion: keep.version,
    aliasesAdded: aliasesAdded.length,
    filledIn: Object.entries(filledIn)
      .filter(([field, value]) => value !== keep[field as keyof typeof filledIn])
      .map(([field]) => field),
    moved,
  };
  for (const subject of [keep, merge]) {
    await recordAuditEvent(tx, actorOf(acting), {
      action: "applicant.merged",
      entityType: "applicant",
      entityId: subject.id,
      subjectId: subject.id,
      organisationId: subject.organisationId,
      details,
    });
  }
  return { moved };
}

/** From the matches page: merges this application's applicant and another, keeping either. */
export async function mergeWithApplicant(
  tx: Queryable,
  acting: Acting,
  input: { applicationId: string; otherApplicantId: string; keep: "this" | "other" },
): Promise<MergeOutcome> {
  const [row] = await tx
    .select({ applicantId: applications.applicantId })
    .from(applications)
    .where(eq(applications.id, input.applicationId));
  if (!row) throw notFound("application");
  const [keepApplicantId, mergeApplicantId] =
    input.keep === "this"
      ? [row.applicantId, input.otherApplicantId]
      : [input.otherApplicantId, row.applicantId];
  return mergeApplicants(tx, acting, { keepApplicantId, mergeApplicantId });
}

import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { applicantMoves, applicants, establishments } from "~/db/schema";
import { conflict, forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

export interface MoveInput {
  /** The establishment they moved to, or null when they were released. */
  establishmentId: string | null;
  fromDate: string;
  /** The applicant's version the officer started from; omitted for moves recorded in passing. */
  version?: number;
}

/**
 * Records that an applicant moved to another establishment (or was released): the open
 * stay ends the day they moved, a new one starts, and their current establishment follows.
 */
export async function recordApplicantMove(
  tx: Queryable,
  acting: Acting,
  applicantId: string,
  input: MoveInput,
): Promise<void> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can change an applicant's details.");
  if (!isId(applicantId)) throw notFound("applicant");
  const [person] = await tx
    .select({
      id: applicants.id,
      organisationId: applicants.organisationId,
      current: applicants.currentEstablishmentId,
      dateOfBirth: applicants.dateOfBirth,
    })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  if (!person) throw notFound("applicant");
  if (input.establishmentId === person.current)
    throw invalid("They are already recorded there.", { field: "establishmentId" });
  if (input.establishmentId) {
    const [place] = await tx
      .select({ id: establishments.id })
      .from(establishments)
      .where(eq(establishments.id, input.establishmentId));
    if (!place)
      throw invalid("Choose an establishment from the list.", { field: "establishmentId" });
  }
  if (person.dateOfBirth && input.fromDate < person.dateOfBirth)
    throw invalid("The move cannot be before their date of birth.", { field: "fromDate" });
  const [last] = await tx
    .select({ fromDate: applicantMoves.fromDate })
    .from(applicantMoves)
    .where(eq(applicantMoves.applicantId, applicantId))
    .orderBy(desc(applicantMoves.fromDate))
    .limit(1);
  if (last?.fromDate && input.fromDate < last.fromDate) {
    throw invalid(`The move cannot be before their last recorded move, on ${last.fromDate}.`, {
      field: "fromDate",
    });
  }
  const [updated] = await tx
    .update(applicants)
    .set({
      currentEstablishmentId: input.establishmentId,
      updatedAt: new Date(),
      version: sql`${applicants.version} + 1`,
    })
    .where(
      input.version === undefined
        ? eq(applicants.id, applicantId)
        : and(eq(applicants.id, applicantId), eq(applicants.version, input.version)),
    )
    .returning({ id: applicants.id });
  if (!updated)
    throw conflict(
      "Someone else changed this applicant's details while you were working. Check where they are now and record the move again if it is still needed.",
    );
  await tx
    .update(applicantMoves)
    .set({ toDate: input.fromDate })
    .where(and(eq(applicantMoves.applicantId, applicantId), isNull(applicantMoves.toDate)));
  if (input.establishmentId) {
    await tx
      .insert(applicantMoves)
      .values({ applicantId, establishmentId: input.establishmentId, fromDate: input.fromDate });
  }
  await discloseMoveToProjects(tx, acting, applicantId, person.organisationId, input.fromDate, {
    to: input.establishmentId,
  });
  await recordAuditEvent(tx, actorOf(acting), {
    action: input.establishmentId ? "applicant.moved" : "applicant.released",
    entityType: "applicant",
    entityId: applicantId,
    subjectId: applicantId,
    organisationId: person.organisationId,
    details: {
      from: person.current,
      to: input.establishmentId,
      fromDate: input.fromDate,
    },
  });
}

/**
 * Tells each project working a case of the applicant's where they are now (their current
 * establishment, or their postal address once released): a disclosure of the move alone,
 * through the database's function (drizzle/0032), audited beside the change that caused it.
 */
export async function discloseMoveToProjects(
  tx: Queryable,
  acting: Acting,
  applicantId: string,
  organisationId: string,
  fromDate: string,
  details: Record<string, unknown>,
): Promise<number> {
  const reached = await queryRows<{ case_id: string; organisation_id: string }>(
    tx,
    sql`select case_id, organisation_id from app_disclose_move_to_projects(${applicantId}::uuid, ${fromDate}::date)`,
  );
  if (reached.length > 0)
    await recordAuditEvent(tx, actorOf(acting), {
      action: "applicant.move_disclosed_to_projects",
      entityType: "applicant",
      entityId: applicantId,
      subjectId: applicantId,
      organisationId,
      details: {
        ...details,
        fromDate,
        cases: reached.map((r) => ({ caseId: r.case_id, project: r.organisation_id })),
      },
    });
  return reached.length;
}

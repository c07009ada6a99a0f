import { desc, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { type Queryable, queryRows } from "~/db/database.server";
import { caseClientMoves, establishments } from "~/db/schema";
import { conflict, invalid } from "~/errors/app-error";
import { RELEASED } from "~/intake/applicants/schemas";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { auditCase, leadsCase, openCase, touchCase } from "../case-access.server";
import type { ClientMoveInput } from "./schemas";

/** Where the case's client is now and where they have been, as the case knows it. */
export async function getClientWhereabouts(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const moves = await tx
    .select({
      id: caseClientMoves.id,
      establishmentName: caseClientMoves.establishmentName,
      postalAddress: caseClientMoves.postalAddress,
      fromDate: caseClientMoves.fromDate,
      source: caseClientMoves.source,
    })
    .from(caseClientMoves)
    .where(eq(caseClientMoves.caseId, c.id))
    .orderBy(desc(caseClientMoves.fromDate), desc(caseClientMoves.createdAt));
  await auditCase(tx, acting, c, "case.client_moves.viewed");
  return {
    case: {
      id: c.id,
      reference: c.reference,
      version: c.version,
      active: (ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage),
      clientName: c.applicant.fullName,
      establishment: c.applicant.establishment,
      postalAddress: c.applicant.postalAddress,
      prisonerNumber: c.applicant.prisonerNumber ?? c.applicant.otherPrisonerNumber,
    },
    moves,
  };
}

function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.length === 5) return code;
  }
  return undefined;
}

/**
 * Records on the case that its client was moved to another establishment, or released to an
 * address, by the project's leads or the case's team. The network's applicant and every other
 * active case of theirs follow, through `app_disclose_move_to_network` (drizzle/0032): the
 * project cannot write the network's records itself, and the function passes on only the move.
 * Audited on the case, and as a disclosure to the network under the network's organisation.
 */
export async function recordClientMove(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: Omit<ClientMoveInput, "postalAddress"> & { postalAddress?: string },
): Promise<{ casesUpdated: number }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  if (!(ACTIVE_CASE_STAGES as readonly string[]).includes(c.stage))
    throw invalid("This case is no longer with the project: its client's moves are not kept here.");
  if (c.version !== input.version)
    throw conflict(
      "Someone else changed this case while you were working. Check where the client is now and record the move again if it is still needed.",
    );
  const place = input.establishmentId === RELEASED ? null : input.establishmentId;
  if (place) {
    const [found] = await tx
      .select({ id: establishments.id, name: establishments.name })
      .from(establishments)
      .where(eq(establishments.id, place));
    if (!found)
      throw invalid("Choose an establishment from the list.", { field: "establishmentId" });
    if (
      c.applicant.establishmentId
        ? found.id === c.applicant.establishmentId
        : found.name === c.applicant.establishment
    )
      throw invalid("They are already recorded there.", { field: "establishmentId" });
  }
  let disclosed: { applicant_id: string; network_id: string; case_ids: string[] } | undefined;
  try {
    [disclosed] = await queryRows<{ applicant_id: string; network_id: string; case_ids: string[] }>(
      tx,
      sql`select applicant_id, network_id, case_ids from app_disclose_move_to_network(
        ${c.id}::uuid, ${place}::uuid, ${input.postalAddress ?? null}, ${input.fromDate}::date)`,
    );
  } catch (error) {
    // The network's record holds a later move: the order of moves must hold on both sides.
    if (sqlStateOf(error) === "23514")
      throw invalid("The move cannot be before the last move recorded for them.", {
        field: "fromDate",
      });
    throw error;
  }
  if (!disclosed) throw new Error("the move was not passed on");
  await touchCase(tx, c);
  const details = {
    establishmentId: place,
    released: place === null,
    fromDate: input.fromDate,
    byLead: leadsCase(acting, c),
  };
  await auditCase(tx, acting, c, "case.client_moved", {
    ...details,
    otherCasesUpdated: disclosed.case_ids.filter((id) => id !== c.id),
  });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.move_disclosed_by_project",
    entityType: "applicant",
    entityId: disclosed.applicant_id,
    subjectId: disclosed.applicant_id,
    organisationId: disclosed.network_id,
    details: { ...details, caseId: c.id, reference: c.reference, project: c.organisationId },
  });
  return { casesUpdated: disclosed.case_ids.length };
}
